// `pipewright metrics PIPELINE`: every metric series of a pipeline in one environment, with
// its latest value, control limits and the Western Electric rules the latest point breaks.
// `pipewright alerts` lists alerts and acknowledges them.
import type { Alert, MetricSummary } from '../../../shared/monitoring/monitoring-types.js';
import { formatNumber } from '../../../shared/monitoring/number-format.js';
import { RULE_DESCRIPTIONS } from '../../../shared/spc/individuals-chart.js';
import { chartOptions, controlChart, metricSummaries } from '../../services/monitoring/metric-charts.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import type { Workspace } from '../../services/workspace/workspace.js';
import type { RunStore } from '../../services/store/run-store.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { alertLine } from '../output/alerts-text.js';
import { table } from '../output/run-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

async function withState<T>(
  io: CliIO,
  pipelineArgument: string | undefined,
  action: (store: RunStore, workspace: Workspace) => T,
): Promise<T> {
  const workspace = openWorkspaceFor(io, pipelineArgument);
  const { store } = await openWorkspaceState(workspace);
  try {
    return action(store, workspace);
  } finally {
    store.close();
  }
}

export interface MetricsOptions {
  env?: string;
  json?: boolean;
  resetBaseline?: boolean;
  step?: string;
  metric?: string;
}

export function metricsCommand(pipelineRef: string, options: MetricsOptions, io: CliIO): Promise<number> {
  return withState(io, pipelineRef, (store, workspace) => {
    let pipeline: string;
    try {
      pipeline = workspace.resolvePipeline(pipelineRef, io.cwd).name;
    } catch (error) {
      if (error instanceof WorkspaceError) throw new UsageError(error.message);
      throw error;
    }
    const spec = workspace.settings.spec;
    const environment = options.env ?? spec?.default_environment ?? '';
    if (environment !== '' && !spec?.environments?.[environment]) {
      throw new UsageError(`environment "${environment}" is not defined in pipewright.yaml`);
    }
    const settings = chartOptions(spec?.monitoring);
    if (options.resetBaseline) {
      const only = {
        ...(options.step ? { step: options.step } : {}),
        ...(options.metric ? { metric: options.metric } : {}),
      };
      const reset = store.monitoring.resetBaselines(pipeline, environment, only);
      if (reset.length === 0)
        throw new UsageError(
          `no metric series of ${pipeline} matches${options.step ? ` step "${options.step}"` : ''}${options.metric ? ` metric "${options.metric}"` : ''}`,
        );
      io.stdout.write(`new baseline for ${reset.length} series: the next ${settings.baseline} runs set their limits\n`);
      return EXIT.ok;
    }
    const metrics = metricSummaries(store.monitoring, pipeline, environment, (key) =>
      controlChart(store.monitoring, key, settings),
    );
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ pipeline, environment, baseline: settings.baseline, metrics }, null, 2)}\n`);
      return EXIT.ok;
    }
    const where = environment === '' ? 'runs without an environment' : `environment ${environment}`;
    if (metrics.length === 0) {
      io.stdout.write(`no metrics recorded for ${pipeline} (${where}) yet: every run records them\n`);
      return EXIT.ok;
    }
    const style = stylerFor(io.stdout);
    const header = ['STEP', 'METRIC', 'LATEST', 'RUNS', 'CENTRE', 'LCL', 'UCL', 'STATE'];
    const rows = metrics.map((metric) => [
      metric.key.step,
      metric.key.metric,
      formatNumber(metric.latest.value),
      String(metric.points),
      ...(metric.limits
        ? [formatNumber(metric.limits.center), formatNumber(metric.limits.lcl), formatNumber(metric.limits.ucl)]
        : ['-', '-', '-']),
      state(metric, settings.baseline, style),
    ]);
    io.stdout.write(`${style('bold', pipeline)} — ${where}, limits from the first ${settings.baseline} runs\n`);
    io.stdout.write(`${table([header.map((cell) => style('bold', cell)), ...rows])}\n`);
    return EXIT.ok;
  });
}

function state(metric: MetricSummary, baseline: number, style: ReturnType<typeof stylerFor>): string {
  if (!metric.limits) return style('gray', `baseline ${metric.points}/${baseline}`);
  const provisional =
    metric.reliability === 'provisional'
      ? style('gray', ` (limits from ${metric.limitPoints} points: provisional)`)
      : '';
  if (metric.violations.length === 0) return `${style('green', 'in control')}${provisional}`;
  return `${style('red', `out of control: ${metric.violations.map((rule) => `rule ${rule} (${RULE_DESCRIPTIONS[rule]})`).join(', ')}`)}${provisional}`;
}

export function alertsCommand(
  options: { pipeline?: string; all?: boolean; json?: boolean },
  io: CliIO,
): Promise<number> {
  return withState(io, undefined, (store) => {
    const alerts = store.monitoring.alerts({
      acknowledged: options.all ?? false,
      ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}),
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(alerts, null, 2)}\n`);
      return EXIT.ok;
    }
    if (alerts.length === 0) {
      io.stdout.write(options.all ? 'no alerts\n' : 'no open alerts\n');
      return EXIT.ok;
    }
    const style = stylerFor(io.stdout);
    io.stdout.write(`${alerts.map((alert: Alert) => alertLine(style, alert)).join('\n')}\n`);
    return EXIT.ok;
  });
}

export function acknowledgeAlertsCommand(ids: string[], io: CliIO): Promise<number> {
  return withState(io, undefined, (store) => {
    const all = ids.length === 1 && ids[0] === 'all';
    const numbers = all
      ? store.monitoring.alerts({ limit: 100_000 }).map((alert) => alert.id)
      : ids.map((id) => Number(id.replace(/^#/, '')));
    const bad = ids.filter((_, index) => !all && !(Number.isInteger(numbers[index]) && (numbers[index] ?? 0) > 0));
    if (bad.length > 0)
      throw new UsageError(
        `not an alert id: ${bad.join(', ')} (ids are the numbers pipewright alerts shows, or "all")`,
      );
    const count = numbers.length === 0 ? 0 : store.monitoring.acknowledge(numbers);
    io.stdout.write(`${count} alert${count === 1 ? '' : 's'} acknowledged\n`);
    return EXIT.ok;
  });
}
