import { describe, expect, it } from 'vitest';
import { localTime } from './local-time.js';

describe('localTime', () => {
  it('prints the local date and time, year first, each field padded', () => {
    const moment = new Date(2026, 0, 5, 7, 8, 9).getTime();
    expect(localTime(moment)).toBe('2026-01-05 07:08:09');
  });

  it('keeps two-digit fields as they are', () => {
    expect(localTime(new Date(2026, 11, 31, 23, 59, 58).getTime())).toBe('2026-12-31 23:59:58');
  });
});
