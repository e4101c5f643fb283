import { describe, expect, it } from 'vitest';
import { untilText, zonedText } from './schedule-time.js';

const NOW = Date.UTC(2025, 4, 13, 12, 0, 0);

describe('untilText', () => {
  it('says how long until the next run, coarser the further away it is', () => {
    expect(untilText(NOW + 30_000, NOW)).toBe('in 30 s');
    expect(untilText(NOW + 12 * 60_000, NOW)).toBe('in 12 min');
    expect(untilText(NOW + 150 * 60_000, NOW)).toBe('in 2 h 30 min');
    expect(untilText(NOW + 3 * 3_600_000, NOW)).toBe('in 3 h');
    expect(untilText(NOW + 18.2 * 3_600_000, NOW)).toBe('in 18 h');
    expect(untilText(NOW + 2 * 86_400_000, NOW)).toBe('in 2 days');
  });

  it('says "due now" for a time that has come', () => {
    expect(untilText(NOW, NOW)).toBe('due now');
    expect(untilText(NOW - 5000, NOW)).toBe('due now');
  });
});

describe('zonedText', () => {
  it("shows the time in the schedule's zone, naming it", () => {
    expect(zonedText(Date.UTC(2025, 4, 14, 4, 0), 'Europe/Berlin')).toBe('Wed 14 May, 06:00 Europe/Berlin');
    expect(zonedText(Date.UTC(2025, 4, 14, 4, 0), 'UTC')).toBe('Wed 14 May, 04:00 UTC');
  });

  it('shows seconds when a six-field cron puts the occurrence between minutes', () => {
    expect(zonedText(Date.UTC(2025, 4, 14, 4, 0, 30), 'UTC')).toBe('Wed 14 May, 04:00:30 UTC');
  });

  it('falls back to the local zone for a zone it does not know', () => {
    expect(zonedText(Date.UTC(2025, 4, 14, 4, 0), 'Mars/Olympus')).toMatch(/14 May, \d\d:00$/);
  });
});
