import { describe, expect, it } from 'vitest';
import type { Alert } from '../monitoring/monitoring-types.js';
import type { GateSpec } from '../pipeline/journey-schema.js';
import type { GateCondition } from '../journeys/journey-types.js';
import type { RunStatus, RunSummary, StepRunSummary, StepStatus, TestResult } from '../run/run-types.js';
import { formatGateNumber } from './gate-format.js';
import type { GateCandidate, GateInput } from './gate.js';
import { judgeGate } from './gate.js';
import { metricsBeside } from './metrics-beside.js';

function test(name: string, outcome: TestResult['outcome'], severity: TestResult['severity'] = 'error'): TestResult {
  return {
    index: 0,
    name,
    kind: 'row_count',
    severity,
    stage: 'output',
    outcome,
    observed: null,
    expected: null,
    exitCode: null,
    durationMs: 1,
    message: null,
    logPath: null,
  };
}

function step(id: string, status: StepStatus = 'succeeded', tests: TestResult[] = []): StepRunSummary {
  return {
    id,
    status,
    cached: false,
    cachedFrom: null,
    attempts: 1,
    exitCode: 0,
    startedAt: 1,
    finishedAt: 2,
    durationMs: 1,
    logPath: null,
    message: null,
    tests,
  };
}

function run(steps: StepRunSummary[], status: RunStatus = 'succeeded'): RunSummary {
  return {
    id: 'run-1',
    pipeline: 'sales',
    pipelineFile: 'pipelines/sales.pipeline.yaml',
    environment: 'test',
    status,
    params: {},
    selection: {},
    options: { maxParallel: 1, failFast: false, noCache: false },
    createdAt: 1,
    finishedAt: 2,
    durationMs: 1,
    message: null,
    gitBranch: null,
    gitCommit: 'abcdef0123456789',
    ref: 'exp',
    trigger: { kind: 'promotion', name: 'exp' },
    images: {},
    steps,
  };
}

function alert(runId: string): Alert {
  return {
    id: 1,
    kind: 'out-of-control',
    pipeline: 'sales',
    environment: 'test',
    runId,
    step: 'evaluate',
    metric: 'auc',
    rules: [1],
    value: 0.2,
    message: 'out',
    createdAt: 1,
    acknowledgedAt: null,
    repeats: 1,
    lastSeenAt: 1,
    lastRunId: runId,
  };
}

function candidate(overrides: Partial<GateCandidate> = {}): GateCandidate {
  return {
    pipeline: 'sales',
    run: run([step('ingest'), step('evaluate')]),
    alerts: [],
    metrics: [],
    production: null,
    ...overrides,
  };
}

function judge(candidates: GateCandidate[], gate?: GateSpec) {
  const input: GateInput = {
    branch: 'exp',
    commit: 'abcdef0123456789',
    environment: 'test',
    productionBranch: 'main',
    candidates,
    gate,
    judgedAt: 5,
  };
  return judgeGate(input);
}

const only = (conditions: GateCondition[], kind: GateCondition['kind']) => {
  const found = conditions.filter((condition) => condition.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as GateCondition;
};

const auc = (value: number) => [{ step: 'evaluate', metric: 'metrics/eval.json:auc', value }];

describe('judgeGate', () => {
  it('passes a finished run with no failed test and no alert, by default', () => {
    const report = judge([candidate()]);
    expect(report).toMatchObject({
      passed: true,
      branch: 'exp',
      commit: 'abcdef0123456789',
      environment: 'test',
      runs: { sales: 'run-1' },
      judgedAt: 5,
    });
    expect(report.conditions.map((condition) => [condition.kind, condition.passed])).toEqual([
      ['run', true],
      ['tests', true],
      ['alerts', true],
    ]);
  });

  it('fails a run that did not finish, naming the failed step', () => {
    const report = judge([candidate({ run: run([step('ingest', 'failed'), step('evaluate', 'skipped')], 'failed') })]);
    expect(report.passed).toBe(false);
    expect(only(report.conditions, 'run')).toMatchObject({
      passed: false,
      observed: 'failed: step ingest (commit abcdef0)',
    });
  });

  it('fails a pipeline that has no run yet, and judges nothing else of it', () => {
    const report = judge([candidate({ run: null })]);
    expect(report.passed).toBe(false);
    expect(report.conditions).toEqual([
      expect.objectContaining({ kind: 'run', passed: false, observed: 'not run yet' }),
    ]);
    const invalid = judge([candidate({ run: null, problem: 'pipelines/sales.pipeline.yaml at exp is not valid' })]);
    expect(only(invalid.conditions, 'run').observed).toBe(
      'could not start: pipelines/sales.pipeline.yaml at exp is not valid',
    );
  });

  it('fails a failed error-severity test, naming the test and its step', () => {
    const report = judge([candidate({ run: run([step('ingest', 'failed', [test('has rows', 'failed')])], 'failed') })]);
    expect(only(report.conditions, 'tests')).toMatchObject({
      passed: false,
      observed: '1 failed: has rows (ingest)',
      required: 'no failed error-severity test',
      step: 'ingest',
    });
  });

  it('counts a test that could not run as failed', () => {
    const report = judge([candidate({ run: run([step('ingest', 'failed', [test('has rows', 'error')])], 'failed') })]);
    expect(only(report.conditions, 'tests').observed).toBe('1 failed: has rows (ingest, could not run)');
  });

  it('lets a failed warn test through under no-errors, but not under no-failures', () => {
    const warned = run(
      [step('ingest', 'warned', [test('fresh', 'failed', 'warn'), test('noted', 'failed', 'log')])],
      'warned',
    );
    expect(only(judge([candidate({ run: warned })]).conditions, 'tests')).toMatchObject({
      passed: true,
      observed: '2 tests, none failed',
    });
    expect(only(judge([candidate({ run: warned })], { tests: 'no-failures' }).conditions, 'tests')).toMatchObject({
      passed: false,
      observed: '1 failed: fresh (ingest)',
    });
  });

  it('leaves tests out with tests: any', () => {
    const report = judge(
      [candidate({ run: run([step('ingest', 'warned', [test('x', 'failed', 'warn')])], 'warned') })],
      { tests: 'any' },
    );
    expect(report.conditions.some((condition) => condition.kind === 'tests')).toBe(false);
  });

  it("fails an alert the candidate's run raised, and ignores other runs' alerts", () => {
    expect(only(judge([candidate({ alerts: [alert('run-1')] })]).conditions, 'alerts')).toMatchObject({
      passed: false,
      observed: '1 alert: out-of-control evaluate auc',
      required: 'no alert',
    });
    expect(only(judge([candidate({ alerts: [alert('run-0')] })]).conditions, 'alerts').passed).toBe(true);
    expect(judge([candidate({ alerts: [alert('run-1')] })], { alerts: 'any' }).passed).toBe(true);
  });

  it('checks a minimum and a maximum', () => {
    const gate: GateSpec = { metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', min: 0.8 }] };
    expect(only(judge([candidate({ metrics: auc(0.85) })], gate).conditions, 'metric')).toMatchObject({
      passed: true,
      observed: '0.85',
      required: '>= 0.8',
      label: 'evaluate metrics/eval.json:auc',
    });
    expect(only(judge([candidate({ metrics: auc(0.78) })], gate).conditions, 'metric')).toMatchObject({
      passed: false,
      observed: '0.78',
    });
    const range: GateSpec = { metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', min: 0.5, max: 0.9 }] };
    expect(only(judge([candidate({ metrics: auc(0.95) })], range).conditions, 'metric')).toMatchObject({
      passed: false,
      required: 'between 0.5 and 0.9',
    });
    const max: GateSpec = { metrics: [{ step: 'evaluate', metric: 'duration_ms', max: 1500 }] };
    const duration = [{ step: 'evaluate', metric: 'duration_ms', value: 1234 }];
    expect(only(judge([candidate({ metrics: duration })], max).conditions, 'metric')).toMatchObject({
      passed: true,
      observed: '1,234 ms',
      required: '<= 1,500 ms',
    });
  });

  it('fails a metric the run did not record, saying why', () => {
    const gate: GateSpec = { metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', min: 0.8 }] };
    const skipped = run([step('ingest', 'failed'), step('evaluate', 'skipped')], 'failed');
    expect(only(judge([candidate({ run: skipped })], gate).conditions, 'metric')).toMatchObject({
      passed: false,
      observed: 'no value recorded (step skipped)',
    });
  });

  it('compares with production, within the tolerance, higher being better by default', () => {
    const gate: GateSpec = {
      metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', no_worse_than: 'production', tolerance: 0.01 }],
    };
    const production = { runId: 'run-0', metrics: auc(0.81) };
    const at = (value: number) =>
      only(judge([candidate({ metrics: auc(value), production })], gate).conditions, 'metric');
    expect(at(0.8)).toMatchObject({ passed: true, required: 'no worse than production: >= 0.81 - 0.01 = 0.8' });
    expect(at(0.79)).toMatchObject({ passed: false, observed: '0.79' });
  });

  it('compares with production where lower is better', () => {
    const gate: GateSpec = {
      metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', no_worse_than: 'production', better: 'lower' }],
    };
    const production = { runId: 'run-0', metrics: auc(10) };
    const at = (value: number) =>
      only(judge([candidate({ metrics: auc(value), production })], gate).conditions, 'metric');
    expect(at(9)).toMatchObject({ passed: true, required: 'no worse than production: <= 10 (lower is better)' });
    expect(at(11).passed).toBe(false);
  });

  it('fails clearly when production has no value to compare with', () => {
    const gate: GateSpec = {
      metrics: [{ step: 'evaluate', metric: 'metrics/eval.json:auc', no_worse_than: 'production' }],
    };
    const none = only(judge([candidate({ metrics: auc(0.9) })], gate).conditions, 'metric');
    expect(none).toMatchObject({ passed: false, observed: '0.9' });
    expect(none.required).toContain('main has no finished run of sales in test');
    const unrecorded = only(
      judge([candidate({ metrics: auc(0.9), production: { runId: 'run-0', metrics: [] } })], gate).conditions,
      'metric',
    );
    expect(unrecorded).toMatchObject({ passed: false });
    expect(unrecorded.required).toContain("main's last run did not record it");
  });

  it('fails a metric condition whose step is in none of the pipelines run', () => {
    const gate: GateSpec = { metrics: [{ step: 'train', metric: 'loss', max: 1 }] };
    expect(only(judge([candidate()], gate).conditions, 'metric')).toMatchObject({
      passed: false,
      observed: 'no step "train" in pipeline sales',
    });
  });

  it('fails when there is no pipeline at all', () => {
    expect(judge([]).passed).toBe(false);
  });
});

describe('metricsBeside', () => {
  it("puts the gate's metrics beside production's with the difference", () => {
    const gate: GateSpec = {
      metrics: [
        { step: 'evaluate', metric: 'metrics/eval.json:auc', min: 0.5 },
        { step: 'evaluate', metric: 'metrics/eval.json:auc', no_worse_than: 'production' },
      ],
    };
    expect(
      metricsBeside([candidate({ metrics: auc(0.9), production: { runId: 'run-0', metrics: auc(0.85) } })], gate),
    ).toEqual([
      {
        pipeline: 'sales',
        step: 'evaluate',
        metric: 'metrics/eval.json:auc',
        candidate: 0.9,
        production: 0.85,
        delta: expect.closeTo(0.05, 9) as number,
      },
    ]);
    expect(metricsBeside([candidate({ metrics: auc(0.9) })], gate)[0]).toMatchObject({ production: null, delta: null });
  });
});

describe('formatGateNumber', () => {
  it('drops float noise and groups thousands', () => {
    expect(formatGateNumber(0.81 - 0.01)).toBe('0.8');
    expect(formatGateNumber(1234567)).toBe('1,234,567');
    expect(formatGateNumber(0.123456789)).toBe('0.123457');
  });
});
