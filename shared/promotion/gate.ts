// The promotion gate: whether an experiment's candidate runs in the test environment may join
// production. A pure function of the runs, their alerts and metrics, production's metrics and
// the gate config, so the CLI, the studio's Experiments view and the tests judge alike, and a
// report says in words what each condition saw and what it needed.
import type { Alert } from '../monitoring/monitoring-types.js';
import type { GateSpec, MetricGateSpec } from '../pipeline/journey-schema.js';
import type { GateCondition, GateReport } from '../journeys/journey-types.js';
import type { RunSummary, TestResult } from '../run/run-types.js';
import { formatGateNumber, listInWords, shortCommit } from './gate-format.js';

/** One metric value a run recorded (as the Monitor names it). */
export interface RunMetricValue {
  step: string;
  metric: string;
  value: number;
}

/** What the gate judges of one pipeline. */
export interface GateCandidate {
  pipeline: string;
  /** The candidate's run in the gate environment; null when there is none yet. */
  run: RunSummary | null;
  /** Alerts the candidate run raised. */
  alerts: readonly Alert[];
  metrics: readonly RunMetricValue[];
  /** The production branch's last finished run of the pipeline in the same environment, if any. */
  production: { runId: string; metrics: readonly RunMetricValue[] } | null;
  /** Why there is no run: it could not start (the pipeline is invalid on the branch...). */
  problem?: string | null;
}

export interface GateInput {
  branch: string;
  commit: string;
  environment: string | null;
  productionBranch: string;
  candidates: readonly GateCandidate[];
  gate: GateSpec | undefined;
  judgedAt: number;
}

const FINISHED_OK = new Set(['succeeded', 'warned']);

/** Comparisons allow for float noise: 0.81 - 0.01 passes 0.8. */
const atLeast = (value: number, bound: number) => value >= bound - 1e-9 * Math.max(1, Math.abs(bound));
const atMost = (value: number, bound: number) => value <= bound + 1e-9 * Math.max(1, Math.abs(bound));

function runCondition(candidate: GateCandidate, input: GateInput): GateCondition {
  const base = { kind: 'run' as const, pipeline: candidate.pipeline, label: 'the run finished', step: null };
  const required = `a finished run (succeeded or warned) in ${input.environment ?? 'the default environment'}`;
  const { run } = candidate;
  if (run === null)
    return {
      ...base,
      passed: false,
      observed: candidate.problem ? `could not start: ${candidate.problem}` : 'not run yet',
      required,
    };
  const failed = run.steps
    .filter((step) => step.status === 'failed' || step.status === 'interrupted')
    .map((step) => step.id);
  const where = failed.length > 0 ? `: ${failed.length === 1 ? 'step' : 'steps'} ${listInWords(failed)}` : '';
  return {
    ...base,
    passed: FINISHED_OK.has(run.status),
    observed: `${run.status}${where} (commit ${shortCommit(run.gitCommit)})`,
    required,
  };
}

function testsCondition(candidate: GateCandidate, run: RunSummary, mode: 'no-errors' | 'no-failures'): GateCondition {
  const counts = (test: TestResult) =>
    test.outcome !== 'passed' && (mode === 'no-failures' ? test.severity !== 'log' : test.severity === 'error');
  const failing = run.steps.flatMap((step) => step.tests.filter(counts).map((test) => ({ step: step.id, test })));
  const steps = [...new Set(failing.map((entry) => entry.step))];
  const ran = run.steps.reduce((sum, step) => sum + step.tests.length, 0);
  const named = failing.map(
    ({ step, test }) => `${test.name} (${step}${test.outcome === 'error' ? ', could not run' : ''})`,
  );
  return {
    kind: 'tests',
    pipeline: candidate.pipeline,
    label: mode === 'no-errors' ? 'no failed error-severity test' : 'no failed test',
    passed: failing.length === 0,
    observed:
      failing.length === 0
        ? `${ran} ${ran === 1 ? 'test' : 'tests'}, none failed`
        : `${failing.length} failed: ${listInWords(named, 5)}`,
    required: mode === 'no-errors' ? 'no failed error-severity test' : 'no failed error or warn test',
    step: steps.length === 1 ? (steps[0] ?? null) : null,
  };
}

function alertsCondition(candidate: GateCandidate, run: RunSummary): GateCondition {
  const raised = candidate.alerts.filter((alert) => alert.runId === run.id);
  const described = raised.map((alert) => `${alert.kind} ${[alert.step, alert.metric].filter(Boolean).join(' ')}`);
  return {
    kind: 'alerts',
    pipeline: candidate.pipeline,
    label: 'no alert raised by the run',
    passed: raised.length === 0,
    observed:
      raised.length === 0
        ? 'no alert'
        : `${raised.length} ${raised.length === 1 ? 'alert' : 'alerts'}: ${listInWords(described)}`,
    required: 'no alert',
    step: null,
  };
}

function metricLabel(spec: MetricGateSpec): string {
  return `${spec.step} ${spec.metric}`;
}

function metricCondition(candidate: GateCandidate, spec: MetricGateSpec, input: GateInput): GateCondition {
  const format = (value: number) => formatGateNumber(value, spec.metric);
  const find = (metrics: readonly RunMetricValue[]) =>
    metrics.find((metric) => metric.step === spec.step && metric.metric === spec.metric)?.value ?? null;
  const value = find(candidate.metrics);
  const checks: Array<{ required: string; passed: (candidateValue: number) => boolean }> = [];
  if (spec.min !== undefined && spec.max !== undefined) {
    const [min, max] = [spec.min, spec.max];
    checks.push({
      required: `between ${format(min)} and ${format(max)}`,
      passed: (v) => atLeast(v, min) && atMost(v, max),
    });
  } else if (spec.min !== undefined) {
    const min = spec.min;
    checks.push({ required: `>= ${format(min)}`, passed: (v) => atLeast(v, min) });
  } else if (spec.max !== undefined) {
    const max = spec.max;
    checks.push({ required: `<= ${format(max)}`, passed: (v) => atMost(v, max) });
  }
  let productionMissing: string | null = null;
  if (spec.no_worse_than === 'production') {
    const tolerance = spec.tolerance ?? 0;
    const lower = spec.better === 'lower';
    const production = candidate.production === null ? null : find(candidate.production.metrics);
    if (production === null) {
      const why =
        candidate.production === null
          ? `${input.productionBranch} has no finished run of ${candidate.pipeline} in ${input.environment ?? 'the default environment'}`
          : `${input.productionBranch}'s last run did not record it`;
      productionMissing = `no worse than production (${why}: run it with --ref ${input.productionBranch} first)`;
    } else {
      const bound = lower ? production + tolerance : production - tolerance;
      const sign = lower ? '+' : '-';
      const shown =
        tolerance === 0 ? format(production) : `${format(production)} ${sign} ${format(tolerance)} = ${format(bound)}`;
      checks.push({
        required: `no worse than production: ${lower ? '<=' : '>='} ${shown}${lower ? ' (lower is better)' : ''}`,
        passed: (v) => (lower ? atMost(v, bound) : atLeast(v, bound)),
      });
    }
  }
  const required = [...checks.map((check) => check.required), ...(productionMissing ? [productionMissing] : [])].join(
    ' and ',
  );
  const base = {
    kind: 'metric' as const,
    pipeline: candidate.pipeline,
    label: metricLabel(spec),
    required,
    step: spec.step,
  };
  if (value === null) {
    const skipped = candidate.run?.steps.find((step) => step.id === spec.step);
    const why =
      skipped && !['succeeded', 'warned', 'cached'].includes(skipped.status) ? ` (step ${skipped.status})` : '';
    return { ...base, passed: false, observed: `no value recorded${why}` };
  }
  return {
    ...base,
    passed: productionMissing === null && checks.every((check) => check.passed(value)),
    observed: format(value),
  };
}

function unmatchedMetric(spec: MetricGateSpec, input: GateInput): GateCondition {
  const names = input.candidates.map((candidate) => candidate.pipeline);
  return {
    kind: 'metric',
    pipeline: names.join(', '),
    label: metricLabel(spec),
    passed: false,
    observed: `no step "${spec.step}" in ${names.length === 1 ? 'pipeline' : 'pipelines'} ${listInWords(names)}`,
    required: `a step "${spec.step}" that records ${spec.metric}`,
    step: spec.step,
  };
}

export function judgeGate(input: GateInput): GateReport {
  const tests = input.gate?.tests ?? 'no-errors';
  const alerts = input.gate?.alerts ?? 'none';
  const metrics = input.gate?.metrics ?? [];
  const conditions: GateCondition[] = [];
  const runs: Record<string, string> = {};
  for (const candidate of input.candidates) {
    conditions.push(runCondition(candidate, input));
    const { run } = candidate;
    if (run === null) continue;
    runs[candidate.pipeline] = run.id;
    if (tests !== 'any') conditions.push(testsCondition(candidate, run, tests));
    if (alerts === 'none') conditions.push(alertsCondition(candidate, run));
    for (const spec of metrics)
      if (run.steps.some((step) => step.id === spec.step)) conditions.push(metricCondition(candidate, spec, input));
  }
  const judged = input.candidates.filter((candidate) => candidate.run !== null);
  for (const spec of metrics) {
    if (judged.length > 0 && !judged.some((candidate) => candidate.run?.steps.some((step) => step.id === spec.step)))
      conditions.push(unmatchedMetric(spec, input));
  }
  if (input.candidates.length === 0) {
    conditions.push({
      kind: 'run',
      pipeline: '',
      label: 'a pipeline was run',
      passed: false,
      observed: 'no pipeline to run',
      required: 'at least one pipeline',
      step: null,
    });
  }
  return {
    passed: conditions.every((condition) => condition.passed),
    branch: input.branch,
    commit: input.commit,
    environment: input.environment,
    runs,
    conditions,
    judgedAt: input.judgedAt,
  };
}
