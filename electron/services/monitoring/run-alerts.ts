// What a finished run raises: an alert for each metric point it recorded that a Western
// Electric rule flags, and one for each test it ran that failed or could not run (a `log` test
// only records; results reused from the cache, or kept by a resume, were judged when made).
import type { MetricKey } from '../../../shared/monitoring/monitoring-types.js';
import { formatNumber } from '../../../shared/monitoring/number-format.js';
import { RULE_DESCRIPTIONS } from '../../../shared/spc/individuals-chart.js';
import type { ControlLimits } from '../../../shared/spc/individuals-chart.js';
import type { RunSummary, TestResult } from '../../../shared/run/run-types.js';
import type { MonitoringStore, NewAlert } from '../store/monitoring-store.js';
import { judgePoint } from './metric-charts.js';
import type { MonitoringSettings } from './metric-charts.js';

/** The work a run did itself (a resume re-judges nothing it kept): only that may raise alerts. */
export interface JudgedWork {
  /** Steps that recorded metrics in this execution. */
  steps: Set<string>;
  /** Test results produced now, not reused from the cache. */
  tests: Array<{ step: string; result: TestResult }>;
}

export function runAlerts(
  store: MonitoringStore,
  run: RunSummary,
  judged: JudgedWork,
  options: MonitoringSettings,
  now = Date.now(),
): NewAlert[] {
  const environment = run.environment ?? '';
  const base = { pipeline: run.pipeline, environment, runId: run.id, createdAt: now };
  const alerts: NewAlert[] = [];
  for (const key of store
    .keysOfRun(run.id)
    .filter((candidate) => judged.steps.has(candidate.step) && options.alertsOn(candidate.metric))) {
    const point = judgePoint(store, key, run.id, options);
    if (!point?.limits || point.violations.length === 0) continue;
    alerts.push({
      ...base,
      kind: 'out-of-control',
      step: key.step,
      metric: key.metric,
      rules: point.violations,
      value: point.value,
      message: outOfControlMessage(key, point.value, point.limits, point.violations),
    });
  }
  for (const { step, result: test } of judged.tests) {
    if (test.outcome === 'passed' || test.severity === 'log') continue;
    alerts.push({
      ...base,
      kind: 'test-failed',
      step,
      metric: test.name,
      rules: [],
      value: test.observed,
      message: `${test.severity === 'warn' ? 'warning: ' : ''}test "${test.name}" of step "${step}" ${test.outcome === 'error' ? 'could not run' : 'failed'}${test.message ? `: ${test.message}` : ''}`,
    });
  }
  return alerts;
}

function outOfControlMessage(
  key: MetricKey,
  value: number,
  limits: ControlLimits,
  rules: readonly (1 | 2 | 3 | 4)[],
): string {
  const where =
    value > limits.ucl
      ? ` above the upper limit ${formatNumber(limits.ucl)}`
      : value < limits.lcl
        ? ` below the lower limit ${formatNumber(limits.lcl)}`
        : '';
  const why = rules.map((rule) => `rule ${rule}: ${RULE_DESCRIPTIONS[rule]}`).join('; ');
  return `${key.metric} of step "${key.step}" is out of control: ${formatNumber(value)}${where} (centre ${formatNumber(limits.center)}; ${why})`;
}
