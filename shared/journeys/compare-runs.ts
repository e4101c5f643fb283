// Two runs side by side: what each ran (commit, ref, environment, images, params with where
// they came from) and what came of it (steps, tests, metrics), with every difference in words.
// Pure, so the CLI's `compare` and the studio's Compare view say exactly the same thing.
import type { MetricDelta, ParamBeside, RunComparison, RunSide, StepBeside, TestBeside } from './journey-types.js';
import type { ResolvedParam } from '../pipeline/params.js';
import type { RunSummary, RunTrigger, StepRunSummary, TestResult } from '../run/run-types.js';

/** One number a run recorded for one step (see MetricKey for the metric names). */
export interface RunMetricValue {
  step: string;
  metric: string;
  value: number;
}

/** A step's execution time changes on every run: shown with its delta, never a difference. */
const NOT_A_DIFFERENCE = new Set(['duration_ms']);

export function compareRuns(
  a: RunSummary,
  b: RunSummary,
  metricsA: readonly RunMetricValue[],
  metricsB: readonly RunMetricValue[],
): RunComparison {
  const params = compareParams(a, b);
  const steps = compareSteps(a, b);
  const tests = compareTests(a, b);
  const metrics = compareMetrics(
    metricsA,
    metricsB,
    [...a.steps, ...b.steps].map((step) => step.id),
  );
  const differences = [
    ...sideDifferences(a, b),
    ...params
      .filter((param) => param.differs)
      .map((param) => `param ${param.name}: ${paramText(param.a)} → ${paramText(param.b)}`),
    ...steps.filter((step) => step.differs).map((step) => `step ${step.id}: ${stepText(step.a)} → ${stepText(step.b)}`),
    ...tests
      .filter((test) => test.differs)
      .map(
        (test) =>
          `test "${test.name}" of ${test.step}: ${test.a?.outcome ?? 'not run'} → ${test.b?.outcome ?? 'not run'}`,
      ),
    ...metrics
      .filter((metric) => metric.differs)
      .map(
        (metric) =>
          `metric ${metric.metric} of ${metric.step}: ${numberText(metric.a)} → ${numberText(metric.b)}${metric.delta === null ? '' : ` (${signed(metric.delta)})`}`,
      ),
  ];
  return { a: runSide(a), b: runSide(b), params, steps, tests, metrics, differences };
}

/** "manual", "schedule nightly-sales", "promotion feature-x". */
export function triggerText(trigger: RunTrigger): string {
  if (trigger.kind === 'replay' && trigger.name !== null) return `replay of ${trigger.name}`;
  return trigger.name === null ? trigger.kind : `${trigger.kind} ${trigger.name}`;
}

function runSide(run: RunSummary): RunSide {
  return {
    id: run.id,
    pipeline: run.pipeline,
    status: run.status,
    environment: run.environment,
    ref: run.ref,
    gitBranch: run.gitBranch,
    gitCommit: run.gitCommit,
    trigger: triggerText(run.trigger),
    createdAt: run.createdAt,
    images: { ...run.images },
  };
}

/**
 * What the runs ran on, when it is not the same: pipeline, environment, revision and images.
 * Who started a run, when, and its overall status are shown on the sides but are not causes.
 */
function sideDifferences(a: RunSummary, b: RunSummary): string[] {
  const lines: string[] = [];
  if (a.pipeline !== b.pipeline) lines.push(`pipeline: ${a.pipeline} → ${b.pipeline}`);
  if (a.environment !== b.environment)
    lines.push(`environment: ${a.environment ?? '(none)'} → ${b.environment ?? '(none)'}`);
  if (a.ref !== b.ref) lines.push(`ref: ${a.ref ?? '(working tree)'} → ${b.ref ?? '(working tree)'}`);
  if (a.gitCommit !== b.gitCommit)
    lines.push(`commit: ${a.gitCommit?.slice(0, 7) ?? '(none)'} → ${b.gitCommit?.slice(0, 7) ?? '(none)'}`);
  for (const environment of union(Object.keys(a.images), Object.keys(b.images)).sort()) {
    const before = a.images[environment];
    const after = b.images[environment];
    if (before !== after) lines.push(`image of ${environment}: ${before ?? '(none)'} → ${after ?? '(none)'}`);
  }
  return lines;
}

function compareParams(a: RunSummary, b: RunSummary): ParamBeside[] {
  return union(Object.keys(a.params), Object.keys(b.params))
    .sort()
    .map((name) => {
      const before = paramSide(a.params[name]);
      const after = paramSide(b.params[name]);
      const differs =
        before === null || after === null || before.value !== after.value || before.source !== after.source;
      return { name, a: before, b: after, differs };
    });
}

function paramSide(param: ResolvedParam | undefined): ParamBeside['a'] {
  return param === undefined ? null : { value: param.value, source: param.source };
}

function compareSteps(a: RunSummary, b: RunSummary): StepBeside[] {
  const byIdA = new Map(a.steps.map((step) => [step.id, step]));
  const byIdB = new Map(b.steps.map((step) => [step.id, step]));
  return union(
    a.steps.map((step) => step.id),
    b.steps.map((step) => step.id),
  ).map((id) => {
    const before = stepSide(byIdA.get(id));
    const after = stepSide(byIdB.get(id));
    const differs = before === null || after === null || outcomeOf(before) !== outcomeOf(after);
    return { id, a: before, b: after, differs };
  });
}

/** A step taken from the cache came out as its execution did: reuse alone is no difference. */
function outcomeOf(step: NonNullable<StepBeside['a']>): string {
  return step.status === 'cached' ? 'succeeded' : step.status;
}

function stepSide(step: StepRunSummary | undefined): StepBeside['a'] {
  return step === undefined ? null : { status: step.status, durationMs: step.durationMs, cached: step.cached };
}

function compareTests(a: RunSummary, b: RunSummary): TestBeside[] {
  const testsA = testsByKey(a);
  const testsB = testsByKey(b);
  return union([...testsA.keys()], [...testsB.keys()]).map((key) => {
    const before = testsA.get(key);
    const after = testsB.get(key);
    const sideA = before === undefined ? null : { outcome: before.result.outcome, observed: before.result.observed };
    const sideB = after === undefined ? null : { outcome: after.result.outcome, observed: after.result.observed };
    const { step, name } = before ?? after ?? { step: '', name: '' };
    return { step, name, a: sideA, b: sideB, differs: sideA?.outcome !== sideB?.outcome };
  });
}

function testsByKey(run: RunSummary): Map<string, { step: string; name: string; result: TestResult }> {
  const tests = new Map<string, { step: string; name: string; result: TestResult }>();
  for (const step of run.steps) {
    for (const result of step.tests)
      tests.set(JSON.stringify([step.id, result.name]), { step: step.id, name: result.name, result });
  }
  return tests;
}

function compareMetrics(
  metricsA: readonly RunMetricValue[],
  metricsB: readonly RunMetricValue[],
  stepOrder: readonly string[],
): MetricDelta[] {
  const valuesA = metricsByKey(metricsA);
  const valuesB = metricsByKey(metricsB);
  const position = new Map(union(stepOrder, []).map((id, index) => [id, index]));
  const rank = (step: string) => position.get(step) ?? Number.MAX_SAFE_INTEGER;
  return union([...valuesA.keys()], [...valuesB.keys()])
    .map((key) => {
      const before = valuesA.get(key);
      const after = valuesB.get(key);
      const { step, metric } = before ?? after ?? { step: '', metric: '' };
      const valueA = before?.value ?? null;
      const valueB = after?.value ?? null;
      const delta = valueA === null || valueB === null ? null : roundNoise(valueB - valueA);
      return { step, metric, a: valueA, b: valueB, delta, differs: valueA !== valueB && !NOT_A_DIFFERENCE.has(metric) };
    })
    .sort((x, y) => rank(x.step) - rank(y.step) || x.step.localeCompare(y.step) || x.metric.localeCompare(y.metric));
}

function metricsByKey(metrics: readonly RunMetricValue[]): Map<string, RunMetricValue> {
  return new Map(metrics.map((metric) => [JSON.stringify([metric.step, metric.metric]), metric]));
}

/** Keeps every item of `first`, then the items of `second` not in it, each once, in order. */
function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

/** 0.3 - 0.1 is 0.19999999999999998 in binary; a delta reads as the decimals the values had. */
function roundNoise(value: number): number {
  return Number(value.toPrecision(12));
}

function paramText(side: ParamBeside['a']): string {
  return side === null ? '(none)' : `${JSON.stringify(side.value)} (${side.source})`;
}

function stepText(side: StepBeside['a']): string {
  if (side === null) return 'not in the run';
  return side.cached && side.status !== 'cached' ? `${side.status} from the cache` : side.status;
}

function numberText(value: number | null): string {
  return value === null ? '(none)' : String(value);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
