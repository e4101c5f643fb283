import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../../shared/run/run-types.js';
import {
  describeTally,
  formatObserved,
  hasMeasure,
  outcomeLabel,
  tallyTests,
  testBadgeState,
  testReportRows,
  testVerdict,
} from './test-outcomes.js';

const result = (patch: Partial<TestResult>): TestResult => ({
  index: 0,
  name: 't',
  kind: 'not_null',
  severity: 'error',
  stage: 'output',
  outcome: 'passed',
  observed: 0,
  expected: '0 failing rows',
  exitCode: null,
  durationMs: 3,
  message: null,
  logPath: null,
  ...patch,
});

describe('test outcomes', () => {
  it('counts a test that did not pass by its severity, and one that could not run like a failed one', () => {
    expect(testVerdict(result({}))).toBe('passed');
    expect(testVerdict(result({ outcome: 'failed' }))).toBe('failed');
    expect(testVerdict(result({ outcome: 'error' }))).toBe('failed');
    expect(testVerdict(result({ outcome: 'failed', severity: 'warn' }))).toBe('warned');
    expect(testVerdict(result({ outcome: 'error', severity: 'warn' }))).toBe('warned');
    expect(testVerdict(result({ outcome: 'failed', severity: 'log' }))).toBe('logged');
  });

  it('gives the badge state: failed over warned over passed, none without results', () => {
    expect(testBadgeState(tallyTests([]))).toBeNull();
    expect(testBadgeState(tallyTests([result({}), result({ index: 1 })]))).toBe('passed');
    expect(testBadgeState(tallyTests([result({}), result({ index: 1, outcome: 'failed', severity: 'log' })]))).toBe(
      'passed',
    );
    expect(testBadgeState(tallyTests([result({}), result({ index: 1, outcome: 'failed', severity: 'warn' })]))).toBe(
      'warned',
    );
    expect(
      testBadgeState(
        tallyTests([result({ outcome: 'failed', severity: 'warn' }), result({ index: 1, outcome: 'error' })]),
      ),
    ).toBe('failed');
  });

  it('says the tally in words', () => {
    const tally = tallyTests([
      result({}),
      result({ index: 1 }),
      result({ index: 2, outcome: 'failed', severity: 'warn' }),
    ]);
    expect(describeTally(tally)).toBe('3 tests: 2 passed, 1 warned');
    expect(describeTally(tallyTests([result({ outcome: 'error' })]))).toBe('1 test: 1 failed');
    expect(describeTally(tallyTests([]))).toBe('0 tests');
  });

  it('words outcomes and observed values', () => {
    expect(outcomeLabel(result({ outcome: 'error' }))).toBe('could not run');
    expect(outcomeLabel(result({ outcome: 'failed' }))).toBe('failed');
    expect(formatObserved(result({ observed: 12345 }))).toBe('12,345');
    expect(formatObserved(result({ observed: 2.345 }))).toBe('2.35');
    expect(formatObserved(result({ observed: null }))).toBe('—');
  });

  it("lists a run's results step by step, each step's tests in file order", () => {
    const rows = testReportRows([
      { id: 'load', tests: [result({ index: 1, name: 'b' }), result({ index: 0, name: 'a' })] },
      { id: 'empty', tests: [] },
      { id: 'report', tests: [result({ name: 'c' })] },
    ]);
    expect(rows.map((row) => `${row.stepId}/${row.result.name}`)).toEqual(['load/a', 'load/b', 'report/c']);
  });
});

describe('runs recorded before data tests', () => {
  it('have no observed or expected, and read as nothing measured', () => {
    const old = { ...result({}), observed: undefined, expected: undefined } as unknown as TestResult;
    expect(formatObserved(old)).toBe('—');
    expect(hasMeasure(old)).toBe(false);
    expect(hasMeasure(result({ observed: null, expected: '0 failing rows' }))).toBe(true);
  });
});
