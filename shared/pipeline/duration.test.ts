import { describe, expect, it } from 'vitest';
import { formatDuration, isDuration, parseDurationMs } from './duration.js';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    [90, 90_000],
  ])('reads %s', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
    expect(isDuration(text)).toBe(true);
  });

  it.each(['10 minutes', '', 'm', '-5s', '0s', 0])('rejects %s', (text) => {
    expect(isDuration(text)).toBe(false);
  });

  it('formats for people', () => {
    expect([formatDuration(420), formatDuration(2345), formatDuration(75_000), formatDuration(3_700_000)]).toEqual([
      '420ms',
      '2.35s',
      '1m15s',
      '1h01m',
    ]);
  });
});
