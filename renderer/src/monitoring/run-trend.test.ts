import { describe, expect, it } from 'vitest';
import type { RunListItem, RunStatus } from '../../../shared/run/run-types.js';
import { runTrend, runVerdict } from './run-trend.js';

function run(id: string, createdAt: number, status: RunStatus): RunListItem {
  return {
    id,
    pipeline: 'sales',
    environment: 'dev',
    status,
    createdAt,
    finishedAt: createdAt + 10,
    durationMs: 10,
    gitBranch: null,
    gitCommit: null,
    ref: null,
    trigger: { kind: 'manual', name: null },
    steps: {},
  };
}

describe('runTrend', () => {
  it('orders the runs oldest first and counts each verdict', () => {
    const trend = runTrend([
      run('c', 3, 'failed'),
      run('a', 1, 'succeeded'),
      run('b', 2, 'warned'),
      run('d', 4, 'cancelled'),
    ]);
    expect(trend.bars.map((bar) => bar.runId)).toEqual(['a', 'b', 'c', 'd']);
    expect(trend.bars.map((bar) => bar.verdict)).toEqual(['pass', 'warn', 'fail', 'other']);
    expect(trend.counts).toEqual({ pass: 1, warn: 1, fail: 1, other: 1 });
  });

  it('keeps only the newest runs when there are more than the limit', () => {
    const runs = Array.from({ length: 10 }, (_, index) => run(`r${index}`, index, 'succeeded'));
    const trend = runTrend(runs, 3);
    expect(trend.bars.map((bar) => bar.runId)).toEqual(['r7', 'r8', 'r9']);
    expect(trend.counts.pass).toBe(3);
  });

  it('counts an interrupted run as a failure and a running one as neither', () => {
    expect(runVerdict('interrupted')).toBe('fail');
    expect(runVerdict('running')).toBe('other');
    expect(runTrend([]).counts).toEqual({ pass: 0, warn: 0, fail: 0, other: 0 });
  });
});
