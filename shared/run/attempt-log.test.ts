import { describe, expect, it } from 'vitest';
import { attemptHeader, attemptRanges, headerAttempt, joinAttemptLogs } from './attempt-log.js';

describe('attempts in a step log', () => {
  it('puts a header line above each attempt, none for a single first attempt', () => {
    expect(joinAttemptLogs([{ attempt: 1, text: 'only\n' }])).toBe('only\n');
    const joined = joinAttemptLogs([
      { attempt: 1, text: 'first try\nboom' },
      { attempt: 2, text: '' },
      { attempt: 3, text: 'ok\n' },
    ]);
    expect(joined.split('\n')).toEqual([
      attemptHeader(1),
      'first try',
      'boom',
      attemptHeader(2),
      attemptHeader(3),
      'ok',
      '',
    ]);
  });

  it("finds each attempt's lines, and tells a header from a line that only looks like one", () => {
    const lines = joinAttemptLogs([
      { attempt: 1, text: 'a\nb\n' },
      { attempt: 2, text: 'c\n' },
    ])
      .split('\n')
      .slice(0, -1);
    expect(attemptRanges(lines.length, (index) => lines[index] ?? '')).toEqual([
      { attempt: 1, first: 0, end: 3 },
      { attempt: 2, first: 3, end: 5 },
    ]);
    expect(headerAttempt('──── attempt 2 ──── and more')).toBeNull();
    expect(headerAttempt(attemptHeader(12))).toBe(12);
  });
});
