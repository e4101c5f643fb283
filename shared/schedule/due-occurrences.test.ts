import { describe, expect, it } from 'vitest';
import type { CatchUpPolicy } from '../pipeline/journey-schema.js';
import { compileTiming } from './cron-timing.js';
import { MISSED_RECORD_LIMIT, ON_TIME_GRACE_MS, dueOccurrences } from './due-occurrences.js';

const at = (iso: string) => Date.parse(iso);
const daily = compileTiming({ cron: '0 6 * * *', timezone: 'Europe/Berlin' });
const everySecond = compileTiming({ cron: '* * * * * *' });

describe('due occurrences', () => {
  it('has nothing due before the next occurrence', () => {
    const due = dueOccurrences(daily, {
      after: at('2025-03-30T04:00:00Z'),
      now: at('2025-03-31T03:59:59Z'),
      catchUp: 'once',
      watchingSince: at('2025-03-30T00:00:00Z'),
    });
    expect(due).toEqual({ run: null, missed: [], moreMissed: false });
  });

  it('runs the occurrence that just came while the scheduler watched', () => {
    for (const catchUp of ['once', 'none'] as const) {
      const due = dueOccurrences(daily, {
        after: at('2025-03-30T04:00:00Z'),
        now: at('2025-03-31T04:00:00.020Z'),
        catchUp,
        watchingSince: at('2025-03-30T00:00:00Z'),
      });
      expect(due).toEqual({ run: at('2025-03-31T04:00:00Z'), missed: [], moreMissed: false });
    }
  });

  it('catch_up once: one run for three missed days, the latest; the others missed', () => {
    const due = dueOccurrences(daily, {
      after: at('2025-03-28T05:00:00Z'),
      now: at('2025-03-31T09:00:00Z'),
      catchUp: 'once',
      watchingSince: at('2025-03-31T09:00:00Z'),
    });
    expect(due).toEqual({
      run: at('2025-03-31T04:00:00Z'),
      missed: [at('2025-03-29T05:00:00Z'), at('2025-03-30T04:00:00Z')],
      moreMissed: false,
    });
  });

  it('catch_up none: occurrences that passed while no scheduler ran are missed, not run', () => {
    const due = dueOccurrences(daily, {
      after: at('2025-03-28T05:00:00Z'),
      now: at('2025-03-31T09:00:00Z'),
      catchUp: 'none',
      watchingSince: at('2025-03-31T09:00:00Z'),
    });
    expect(due).toEqual({
      run: null,
      missed: [at('2025-03-29T05:00:00Z'), at('2025-03-30T04:00:00Z'), at('2025-03-31T04:00:00Z')],
      moreMissed: false,
    });
  });

  it('catch_up none: an occurrence just before the scheduler started still runs', () => {
    const due = dueOccurrences(daily, {
      after: at('2025-03-30T04:00:00Z'),
      now: at('2025-03-31T04:00:30Z'),
      catchUp: 'none',
      watchingSince: at('2025-03-31T04:00:00Z') + ON_TIME_GRACE_MS / 2,
    });
    expect(due.run).toBe(at('2025-03-31T04:00:00Z'));
  });

  it('catch_up none: an occurrence that waited while the scheduler watched (a queued one) still runs', () => {
    const due = dueOccurrences(daily, {
      after: at('2025-03-30T04:00:00Z'),
      now: at('2025-03-31T07:00:00Z'),
      catchUp: 'none',
      watchingSince: at('2025-03-30T12:00:00Z'),
    });
    expect(due).toEqual({ run: at('2025-03-31T04:00:00Z'), missed: [], moreMissed: false });
  });

  it('records a bounded number of missed occurrences after a long gap', () => {
    const due = dueOccurrences(everySecond, {
      after: at('2025-05-01T00:00:00Z'),
      now: at('2025-05-02T00:00:00Z'),
      catchUp: 'once',
      watchingSince: at('2025-05-02T00:00:00Z'),
    });
    expect(due.run).toBe(at('2025-05-02T00:00:00Z'));
    expect(due.missed).toHaveLength(MISSED_RECORD_LIMIT);
    expect(due.missed.at(-1)).toBe(at('2025-05-01T23:59:59Z'));
    expect(due.moreMissed).toBe(true);
  });

  it.each<CatchUpPolicy>(['once', 'none'])(
    'never decides an occurrence twice as the clock moves on (catch_up %s)',
    (catchUp) => {
      // A scheduler that ticks at irregular moments, sometimes late by several seconds, and asks
      // each time from the last occurrence it decided.
      const start = at('2025-05-01T10:00:00.300Z');
      const decided: number[] = [];
      let after = start;
      let now = start;
      const steps = [10, 990, 1000, 3500, 200, 7000, 1, 999, 1001, 2600];
      for (const step of steps) {
        now += step;
        const due = dueOccurrences(everySecond, { after, now, catchUp, watchingSince: start });
        const newly = [...due.missed, ...(due.run === null ? [] : [due.run])];
        decided.push(...newly);
        after = Math.max(after, ...newly);
      }
      expect(new Set(decided).size).toBe(decided.length);
      const expected = everySecond.between(start, now, 1000).occurrences;
      expect([...decided].sort((a, b) => a - b)).toEqual(expected);
    },
  );
});
