// What test results mean for a step, in one place so the canvas badge, the step panel and the
// test report agree: a test that does not pass counts by its severity (error fails the step,
// warn warns, log only records), and "could not run" counts like a failed check.
import type { StepStatus, TestResult } from '../../../shared/run/run-types.js';

export type TestVerdict = 'passed' | 'failed' | 'warned' | 'logged';

export function testVerdict(result: TestResult): TestVerdict {
  if (result.outcome === 'passed') return 'passed';
  return result.severity === 'error' ? 'failed' : result.severity === 'warn' ? 'warned' : 'logged';
}

/** The status whose icon and colour a verdict borrows. */
export const VERDICT_STATUS: Record<TestVerdict, StepStatus> = {
  passed: 'succeeded',
  failed: 'failed',
  warned: 'warned',
  logged: 'skipped',
};

export type TestTally = Record<TestVerdict, number> & { total: number };

export function tallyTests(results: readonly TestResult[]): TestTally {
  const tally: TestTally = { total: results.length, passed: 0, failed: 0, warned: 0, logged: 0 };
  for (const result of results) tally[testVerdict(result)] += 1;
  return tally;
}

export type TestBadgeState = 'passed' | 'warned' | 'failed';

/** null when nothing ran: there is no verdict to show. */
export function testBadgeState(tally: TestTally): TestBadgeState | null {
  if (tally.total === 0) return null;
  return tally.failed > 0 ? 'failed' : tally.warned > 0 ? 'warned' : 'passed';
}

/** "3 tests: 2 passed, 1 warned". */
export function describeTally(tally: TestTally): string {
  const parts = (['passed', 'warned', 'failed', 'logged'] as const)
    .filter((verdict) => tally[verdict] > 0)
    .map((verdict) => `${tally[verdict]} ${verdict}`);
  return `${tally.total} test${tally.total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** The outcome in words: a check that failed is not the same as a test that could not run. */
export function outcomeLabel(result: TestResult): string {
  return result.outcome === 'error' ? 'could not run' : result.outcome;
}

// Runs recorded before data tests have no observed, expected or stage: `== null` covers both.
export function formatObserved(result: TestResult): string {
  return result.observed == null ? '—' : result.observed.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function hasMeasure(result: TestResult): boolean {
  return result.observed != null || result.expected != null;
}

export interface TestReportRow {
  stepId: string;
  result: TestResult;
}

/** Every test result of a run, step by step in the run's order, each step's tests in file order. */
export function testReportRows(steps: ReadonlyArray<{ id: string; tests: readonly TestResult[] }>): TestReportRow[] {
  return steps.flatMap((step) =>
    [...step.tests].sort((a, b) => a.index - b.index).map((result) => ({ stepId: step.id, result })),
  );
}
