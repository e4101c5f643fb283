import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.js';
import type { RunMetricValue } from './compare-runs.js';
import type { RunSummary, StepRunSummary, TestResult } from '../run/run-types.js';

function step(id: string, fields: Partial<StepRunSummary> = {}): StepRunSummary {
  return {
    id,
    status: 'succeeded',
    cached: false,
    cachedFrom: null,
    attempts: 1,
    exitCode: 0,
    startedAt: 1,
    finishedAt: 2,
    durationMs: 100,
    logPath: null,
    message: null,
    tests: [],
    ...fields,
  };
}

function test(name: string, outcome: TestResult['outcome'], observed: number | null = null): TestResult {
  return {
    index: 0,
    name,
    kind: 'row_count',
    severity: 'error',
    stage: 'output',
    outcome,
    observed,
    expected: null,
    exitCode: null,
    durationMs: 1,
    message: null,
    logPath: null,
  };
}

function run(id: string, fields: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    pipeline: 'churn',
    pipelineFile: 'pipelines/churn.pipeline.yaml',
    environment: 'test',
    status: 'succeeded',
    params: { fraction: { value: 0.5, source: 'environment' }, region: { value: 'eu', source: 'default' } },
    selection: {},
    options: { maxParallel: 2, failFast: false, noCache: false },
    createdAt: 1000,
    finishedAt: 2000,
    durationMs: 1000,
    message: null,
    gitBranch: 'main',
    gitCommit: 'a'.repeat(40),
    ref: null,
    trigger: { kind: 'manual', name: null },
    images: { python: 'sha256:1' },
    steps: [step('ingest', { tests: [test('not empty', 'passed', 10)] }), step('train')],
    ...fields,
  };
}

const metrics: RunMetricValue[] = [
  { step: 'train', metric: 'metrics/train.json:auc', value: 0.8 },
  { step: 'ingest', metric: 'duration_ms', value: 100 },
];

describe('compareRuns', () => {
  it('finds nothing to say about two runs that did the same thing', () => {
    const comparison = compareRuns(
      run('r1'),
      run('r2', {
        createdAt: 5000,
        steps: [
          step('ingest', { durationMs: 900, tests: [test('not empty', 'passed', 10)] }),
          step('train', { durationMs: 7 }),
        ],
      }),
      metrics,
      [{ ...(metrics[0] as RunMetricValue) }, { step: 'ingest', metric: 'duration_ms', value: 900 }],
    );
    expect(comparison.differences).toEqual([]);
    expect(comparison.steps.map((s) => [s.id, s.a?.durationMs, s.b?.durationMs, s.differs])).toEqual([
      ['ingest', 100, 900, false],
      ['train', 100, 7, false],
    ]);
    expect(comparison.metrics).toEqual([
      { step: 'ingest', metric: 'duration_ms', a: 100, b: 900, delta: 800, differs: false },
      { step: 'train', metric: 'metrics/train.json:auc', a: 0.8, b: 0.8, delta: 0, differs: false },
    ]);
    expect(comparison.a).toEqual({
      id: 'r1',
      pipeline: 'churn',
      status: 'succeeded',
      environment: 'test',
      ref: null,
      gitBranch: 'main',
      gitCommit: 'a'.repeat(40),
      trigger: 'manual',
      createdAt: 1000,
      images: { python: 'sha256:1' },
    });
  });

  it('tells a param that changed its value or only its source', () => {
    const comparison = compareRuns(
      run('r1'),
      run('r2', {
        params: {
          fraction: { value: 0.5, source: 'run' },
          region: { value: 'us', source: 'default' },
          top: { value: 3, source: 'default' },
        },
      }),
      [],
      [],
    );
    expect(comparison.params).toEqual([
      { name: 'fraction', a: { value: 0.5, source: 'environment' }, b: { value: 0.5, source: 'run' }, differs: true },
      { name: 'region', a: { value: 'eu', source: 'default' }, b: { value: 'us', source: 'default' }, differs: true },
      { name: 'top', a: null, b: { value: 3, source: 'default' }, differs: true },
    ]);
    expect(comparison.differences).toEqual([
      'param fraction: 0.5 (environment) → 0.5 (run)',
      'param region: "eu" (default) → "us" (default)',
      'param top: (none) → 3 (default)',
    ]);
  });

  it('tells steps by outcome (a step from the cache is no difference), and tests side by side by step and name', () => {
    const comparison = compareRuns(
      run('r1'),
      run('r2', {
        status: 'failed',
        steps: [
          step('ingest', { status: 'failed', tests: [test('not empty', 'failed', 0)] }),
          step('train', { status: 'cached', cached: true, cachedFrom: 'r0' }),
          step('report', { status: 'skipped' }),
        ],
      }),
      [],
      [],
    );
    expect(comparison.tests).toEqual([
      {
        step: 'ingest',
        name: 'not empty',
        a: { outcome: 'passed', observed: 10 },
        b: { outcome: 'failed', observed: 0 },
        differs: true,
      },
    ]);
    expect(comparison.steps.find((beside) => beside.id === 'train')).toMatchObject({
      b: { status: 'cached', cached: true },
      differs: false,
    });
    expect(comparison.differences).toEqual([
      'step ingest: succeeded → failed',
      'step report: not in the run → skipped',
      'test "not empty" of ingest: passed → failed',
    ]);
  });

  it('counts a test that ran on one side only as a difference', () => {
    const comparison = compareRuns(run('r1'), run('r2', { steps: [step('ingest'), step('train')] }), [], []);
    expect(comparison.differences).toEqual(['test "not empty" of ingest: passed → not run']);
  });

  it('gives every metric its delta and names those that changed, but not durations', () => {
    const comparison = compareRuns(
      run('r1'),
      run('r2'),
      [...metrics, { step: 'train', metric: 'rows:data/x.csv', value: 5 }],
      [
        { step: 'train', metric: 'metrics/train.json:auc', value: 0.9 },
        { step: 'ingest', metric: 'duration_ms', value: 50 },
        { step: 'train', metric: 'metrics/train.json:loss', value: 0.1 },
      ],
    );
    expect(comparison.metrics.map((m) => [m.step, m.metric, m.delta, m.differs])).toEqual([
      ['ingest', 'duration_ms', -50, false],
      ['train', 'metrics/train.json:auc', 0.1, true],
      ['train', 'metrics/train.json:loss', null, true],
      ['train', 'rows:data/x.csv', null, true],
    ]);
    expect(comparison.differences).toEqual([
      'metric metrics/train.json:auc of train: 0.8 → 0.9 (+0.1)',
      'metric metrics/train.json:loss of train: (none) → 0.1',
      'metric rows:data/x.csv of train: 5 → (none)',
    ]);
  });

  it('compares runs of different pipelines, environments, revisions and images', () => {
    const comparison = compareRuns(
      run('r1'),
      run('r2', {
        pipeline: 'churn-v2',
        environment: null,
        ref: 'feature-x',
        gitBranch: null,
        gitCommit: 'b'.repeat(40),
        trigger: { kind: 'promotion', name: 'feature-x' },
        images: { python: 'sha256:2', spark: 'sha256:3' },
      }),
      [],
      [],
    );
    expect(comparison.b.trigger).toBe('promotion feature-x');
    expect(comparison.differences).toEqual([
      'pipeline: churn → churn-v2',
      'environment: test → (none)',
      'ref: (working tree) → feature-x',
      'commit: aaaaaaa → bbbbbbb',
      'image of python: sha256:1 → sha256:2',
      'image of spark: (none) → sha256:3',
    ]);
  });
});
