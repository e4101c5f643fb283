import { describe, expect, it } from 'vitest';
import { newRunId } from './run-id.js';

describe('run ids', () => {
  it('read as the UTC time of creation, then random characters', () => {
    const id = newRunId(new Date('2026-11-26T06:30:12.345Z'), () => Buffer.from([0, 0, 0, 0, 31]));
    expect(id).toBe('20261126-063012-345-0000000z');
    expect(newRunId(new Date('2026-11-26T06:30:12.345Z'))).toMatch(/^20261126-063012-345-[0-9a-hjkmnp-tv-z]{8}$/);
  });

  it('never repeat for runs started at the same moment, as two processes would', () => {
    const now = new Date('2026-11-26T06:30:12.345Z');
    const ids = Array.from({ length: 20_000 }, () => newRunId(now));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sort by the time they were created', () => {
    const times = [
      '2026-11-26T06:30:12.345Z',
      '2026-11-26T06:30:12.346Z',
      '2026-11-26T06:30:13.000Z',
      '2026-11-27T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ];
    const ids = times.map((time) => newRunId(new Date(time)));
    expect([...ids].sort()).toEqual(ids);
  });
});
