// What a finished run raises: an alert for each of its metric points a Western Electric rule
// flags, and one for each test of an executed step that failed or could not run (a `log` test
// only records; a cached step's reused results were judged when they were made).
import type { MetricKey } from '../../../shared/monitoring/monitoring-types.js';
import { RULE_DESCRIPTIONS } from '../../../shared/spc/individuals-chart.js';
import type { ControlLimits } from '../../../shared/spc/individuals-chart.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import type { MonitoringStore, NewAlert } from '../store/monitoring-store.js';
import { controlChart } from './metric-charts.js';
import type { MonitoringSettings } from './metric-charts.js';

export function runAlerts(store: MonitoringStore, run: RunSummary, options: MonitoringSettings, now = Date.now()): NewAlert[] {
  const environment = run.environment ?? '';
  const base = { pipeline: run.pipeline, environment, runId: run.id, createdAt: now };
  const alerts: NewAlert[] = [];
  for (const key of store.keysOfRun(run.id).filter((candidate) => options.alertsOn(candidate.metric))) {
    const chart = controlChart(store, key, options);
    const point = chart.points.find((candidate) => candidate.runId === run.id);
    if (!point || point.violations.length === 0 || !chart.limits) continue;
    alerts.push({
      ...base,
      kind: 'out-of-control',
      step: key.step,
      metric: key.metric,
      rules: point.violations,
      value: point.value,
      message: outOfControlMessage(key, point.value, chart.limits, point.violations),
    });
  }
  for (const step of run.steps) {
    if (step.cachedFrom !== null) continue;
    for (const test of step.tests) {
      if (test.outcome === 'passed' || test.severity === 'log') continue;
      alerts.push({
        ...base,
        kind: 'test-failed',
        step: step.id,
        metric: test.name,
        rules: [],
        value: test.observed,
        message: `${test.severity === 'warn' ? 'warning: ' : ''}test "${test.name}" of step "${step.id}" ${test.outcome === 'error' ? 'could not run' : 'failed'}${test.message ? `: ${test.message}` : ''}`,
      });
    }
  }
  return alerts;
}

function outOfControlMessage(key: MetricKey, value: number, limits: ControlLimits, rules: readonly (1 | 2 | 3 | 4)[]): string {
  const where = value > limits.ucl ? ` above the upper limit ${format(limits.ucl)}` : value < limits.lcl ? ` below the lower limit ${format(limits.lcl)}` : '';
  const why = rules.map((rule) => `rule ${rule}: ${RULE_DESCRIPTIONS[rule]}`).join('; ');
  return `${key.metric} of step "${key.step}" is out of control: ${format(value)}${where} (centre ${format(limits.center)}; ${why})`;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
}
