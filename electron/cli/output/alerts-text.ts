// Alerts as the terminal shows them: after a run, and by `pipewright alerts`.
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import type { Styler } from './terminal-style.js';

export function alertLine(style: Styler, alert: Alert): string {
  const mark = alert.kind === 'out-of-control' ? style('yellow', '▲ out of control') : style('red', '✗ test failed');
  const when = new Date(alert.createdAt).toISOString().replace('T', ' ').slice(0, 19);
  const acknowledged = alert.acknowledgedAt === null ? '' : style('gray', ' (acknowledged)');
  return `  ${style('gray', `#${alert.id}`)} ${mark}  ${alert.message}${style('gray', `  ${when}`)}${acknowledged}`;
}

export function alertsReport(style: Styler, alerts: readonly Alert[]): string {
  const title = style('bold', `${alerts.length} alert${alerts.length === 1 ? '' : 's'} raised`);
  return [title, ...alerts.map((alert) => alertLine(style, alert))].join('\n');
}
