// The recent runs of a pipeline as a pass/warn/fail strip: one verdict per run, oldest first so
// the strip reads left to right like the control chart under it, and how many of each.
import type { RunListItem, RunStatus } from '../../../shared/run/run-types.js';

export type RunVerdict = 'pass' | 'warn' | 'fail' | 'other';

export const VERDICT_LABEL: Record<RunVerdict, string> = {
  pass: 'passed',
  warn: 'warned',
  fail: 'failed',
  other: 'cancelled, interrupted or running',
};

/** Interrupted runs count as failures: the data they were to produce never arrived. */
export function runVerdict(status: RunStatus): RunVerdict {
  switch (status) {
    case 'succeeded':
      return 'pass';
    case 'warned':
      return 'warn';
    case 'failed':
    case 'interrupted':
      return 'fail';
    default:
      return 'other';
  }
}

export interface TrendBar {
  runId: string;
  status: RunStatus;
  verdict: RunVerdict;
  createdAt: number;
}

export interface RunTrend {
  bars: TrendBar[];
  counts: Record<RunVerdict, number>;
}

/** The last `limit` runs (the list may come in any order), oldest first. */
export function runTrend(runs: readonly RunListItem[], limit = 30): RunTrend {
  const recent = [...runs]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit)
    .reverse();
  const counts: Record<RunVerdict, number> = { pass: 0, warn: 0, fail: 0, other: 0 };
  const bars = recent.map((run) => {
    const verdict = runVerdict(run.status);
    counts[verdict] += 1;
    return { runId: run.id, status: run.status, verdict, createdAt: run.createdAt };
  });
  return { bars, counts };
}
