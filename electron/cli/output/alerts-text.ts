// Alerts as the terminal shows them: after a run, and by `pipewright alerts`.
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import type { Styler } from './terminal-style.js';

export function alertLine(style: Styler, alert: Alert): string {
  const mark = alert.kind === 'out-of-control' ? style('yellow', '▲ out of control') : style('red', '✗ test failed');
  const when = stamp(alert.createdAt);
  const acknowledged = alert.acknowledgedAt === null ? '' : style('gray', ' (acknowledged)');
  const repeats =
    alert.repeats > 1
      ? style('gray', `  ×${alert.repeats}, last seen ${stamp(alert.lastSeenAt)} in run ${alert.lastRunId}`)
      : '';
  return `  ${style('gray', `#${alert.id}`)} ${mark}  ${alert.message}${style('gray', `  ${when}`)}${repeats}${acknowledged}`;
}

export function alertsReport(style: Styler, alerts: readonly Alert[]): string {
  const title = style('bold', `${alerts.length} alert${alerts.length === 1 ? '' : 's'} raised`);
  return [title, ...alerts.map((alert) => alertLine(style, alert))].join('\n');
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 19);
}
