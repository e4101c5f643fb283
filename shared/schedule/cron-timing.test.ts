import { describe, expect, it } from 'vitest';
import { TimingError, compileTiming, cronProblem, timingProblem, timezoneProblem } from './cron-timing.js';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** The next `count` occurrences after `from`, each found from the one before, as the scheduler walks. */
function walk(cron: string, timezone: string | undefined, from: string, count: number): string[] {
  const timing = compileTiming({ cron, timezone });
  const found: string[] = [];
  let after = at(from);
  for (let index = 0; index < count; index += 1) {
    const next = timing.next(after);
    if (next === null) break;
    found.push(iso(next) as string);
    after = next;
  }
  return found;
}

describe('cron timing', () => {
  it('reads the expression in UTC by default', () => {
    expect(compileTiming({ cron: '0 6 * * *' }).timezone).toBe('UTC');
    expect(walk('0 6 * * *', undefined, '2025-01-01T12:00:00Z', 2)).toEqual([
      '2025-01-02T06:00:00.000Z',
      '2025-01-03T06:00:00.000Z',
    ]);
  });

  it('keeps 06:00 Europe/Berlin at 06:00 local time across the change to summer time', () => {
    // Clocks go from 02:00 CET to 03:00 CEST on 30 March 2025: 06:00 local moves from 05:00 to 04:00 UTC.
    expect(walk('0 6 * * *', 'Europe/Berlin', '2025-03-28T12:00:00Z', 4)).toEqual([
      '2025-03-29T05:00:00.000Z',
      '2025-03-30T04:00:00.000Z',
      '2025-03-31T04:00:00.000Z',
      '2025-04-01T04:00:00.000Z',
    ]);
  });

  it('keeps 06:00 Europe/Berlin at 06:00 local time across the change back to winter time', () => {
    // Clocks go from 03:00 CEST back to 02:00 CET on 26 October 2025.
    expect(walk('0 6 * * *', 'Europe/Berlin', '2025-10-24T12:00:00Z', 3)).toEqual([
      '2025-10-25T04:00:00.000Z',
      '2025-10-26T05:00:00.000Z',
      '2025-10-27T05:00:00.000Z',
    ]);
  });

  it('runs a time that falls into the spring gap once, right after the gap, and a repeated time once', () => {
    expect(walk('30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 2)).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-03-31T00:30:00.000Z',
    ]);
    expect(walk('30 2 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', 2)).toEqual([
      '2025-10-26T00:30:00.000Z',
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('reads a six-field expression with seconds first', () => {
    expect(walk('* * * * * *', undefined, '2025-05-01T10:00:00.250Z', 3)).toEqual([
      '2025-05-01T10:00:01.000Z',
      '2025-05-01T10:00:02.000Z',
      '2025-05-01T10:00:03.000Z',
    ]);
    expect(walk('*/15 * * * * *', undefined, '2025-05-01T10:00:00Z', 2)).toEqual([
      '2025-05-01T10:00:15.000Z',
      '2025-05-01T10:00:30.000Z',
    ]);
  });

  it('gives the next occurrence strictly after the time asked', () => {
    const timing = compileTiming({ cron: '0 6 * * *', timezone: 'Europe/Berlin' });
    expect(iso(timing.next(at('2025-03-31T04:00:00Z')))).toBe('2025-04-01T04:00:00.000Z');
    expect(iso(timing.next(at('2025-03-31T03:59:59.999Z')))).toBe('2025-03-31T04:00:00.000Z');
  });

  it('has no next occurrence for an expression that never matches', () => {
    expect(compileTiming({ cron: '0 0 30 2 *' }).next(at('2025-01-01T00:00:00Z'))).toBeNull();
  });

  it('lists the occurrences of a window, upper end included, lower end excluded', () => {
    const timing = compileTiming({ cron: '0 6 * * *', timezone: 'Europe/Berlin' });
    const window = timing.between(at('2025-03-29T05:00:00Z'), at('2025-03-31T04:00:00Z'), 10);
    expect(window).toEqual({ occurrences: [at('2025-03-30T04:00:00Z'), at('2025-03-31T04:00:00Z')], more: false });
    expect(timing.between(at('2025-03-31T04:00:00Z'), at('2025-03-31T04:00:00Z'), 10)).toEqual({
      occurrences: [],
      more: false,
    });
  });

  it('keeps the latest occurrences of a long window and says earlier ones were left out', () => {
    const timing = compileTiming({ cron: '* * * * * *' });
    const window = timing.between(at('2025-05-01T10:00:00Z'), at('2025-05-01T11:00:00Z'), 3);
    expect(window.occurrences.map(iso)).toEqual([
      '2025-05-01T10:59:58.000Z',
      '2025-05-01T10:59:59.000Z',
      '2025-05-01T11:00:00.000Z',
    ]);
    expect(window.more).toBe(true);
  });

  it("explains an invalid expression in croner's words", () => {
    expect(cronProblem('61 * * * *')).toMatch(
      /^invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61/,
    );
    expect(cronProblem('every day')).toMatch(/exactly five, six, or seven space separated parts/);
    expect(cronProblem('0 0 0 1 1 * 2030')).toMatch(/requires exactly 5 or 6 parts/);
    expect(cronProblem('0 6 * * 1-5')).toBeNull();
  });

  it('explains an unknown time zone with a suggestion', () => {
    expect(timezoneProblem('Europe/Berln')).toBe(
      'unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?): use an IANA name such as Europe/Berlin, America/New_York or UTC',
    );
    expect(timezoneProblem('UTC')).toBeNull();
    expect(timezoneProblem('America/New_York')).toBeNull();
  });

  it('names the field at fault, and compiling a wrong timing throws it', () => {
    expect(timingProblem({ cron: '0 6 * * *', timezone: 'Mars/Olympus' })?.field).toBe('timezone');
    expect(timingProblem({ cron: '0 25 * * *', timezone: 'Mars/Olympus' })?.field).toBe('cron');
    expect(() => compileTiming({ cron: '0 6 * * *', timezone: 'Mars/Olympus' })).toThrow(TimingError);
  });
});
