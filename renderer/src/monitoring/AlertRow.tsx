// One alert as the notification centre and the dashboard list it: what kind, where (pipeline,
// step, metric), its message and when; a click opens the chart that explains it.
import { FlaskConical, TriangleAlert } from 'lucide-react';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import { ALERT_KIND_LABEL, relativeTime } from '../stores/alert-list.js';
import { metricLabel } from './metric-format.js';

interface Props {
  alert: Alert;
  now: number;
  /** The notification centre names the pipeline; the dashboard is already about one. */
  showPipeline: boolean;
  onOpen(alert: Alert): void;
  onAcknowledge(alert: Alert): void;
}

export function AlertRow({ alert, now, showPipeline, onOpen, onAcknowledge }: Props) {
  const Icon = alert.kind === 'test-failed' ? FlaskConical : TriangleAlert;
  const metric =
    alert.metric === null ? null : alert.kind === 'test-failed' ? `test “${alert.metric}”` : metricLabel(alert.metric);
  const where = [showPipeline ? alert.pipeline : null, alert.step, metric].filter(
    (part): part is string => part !== null,
  );
  return (
    <li className={`alert-item ${alert.kind}`} data-testid="alert-item" data-alert-id={alert.id} data-kind={alert.kind}>
      <button
        type="button"
        className="alert-open"
        data-testid="alert-open"
        title="Open its control chart"
        onClick={() => onOpen(alert)}
      >
        <Icon size={15} className="alert-icon" />
        <span className="alert-head">
          <strong>{ALERT_KIND_LABEL[alert.kind]}</strong>
          {alert.repeats > 1 ? (
            <span
              className="alert-repeats"
              data-testid="alert-repeats"
              title={`raised by ${alert.repeats} runs since ${new Date(alert.createdAt).toLocaleString()}`}
            >
              ×{alert.repeats}
            </span>
          ) : null}
          <span className="alert-when muted" title={new Date(alert.lastSeenAt).toLocaleString()}>
            {alert.repeats > 1 ? 'last ' : ''}
            {relativeTime(alert.lastSeenAt, now)}
          </span>
        </span>
        {where.length > 0 ? (
          <span className="alert-where mono" title={where.join(' · ')}>
            {where.join(' · ')}
          </span>
        ) : null}
        <span className="alert-message">{alert.message}</span>
        <span className="alert-meta muted">
          {alert.environment || 'no environment'} · {alert.repeats > 1 ? 'last run' : 'run'}{' '}
          <span className="mono">{alert.lastRunId}</span>
        </span>
      </button>
      <button
        type="button"
        className="button small"
        data-testid="alert-acknowledge"
        onClick={() => onAcknowledge(alert)}
      >
        Acknowledge
      </button>
    </li>
  );
}
