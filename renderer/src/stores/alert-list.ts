// Alerts as the notification centre and the dashboard list them: newest first, the open ones
// counted per pipeline, each one's chart, and times in words.
import type { Alert, AlertKind } from '../../../shared/monitoring/monitoring-types.js';

export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  'out-of-control': 'Out of control',
  'test-failed': 'Test failed',
};

export function newestFirst(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.lastSeenAt - a.lastSeenAt || b.id - a.id);
}

export function openAlerts(alerts: readonly Alert[]): Alert[] {
  return alerts.filter((alert) => alert.acknowledgedAt === null);
}

export function openAlertsByPipeline(alerts: readonly Alert[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const alert of openAlerts(alerts)) counts[alert.pipeline] = (counts[alert.pipeline] ?? 0) + 1;
  return counts;
}

/**
 * The series whose chart explains an alert: the metric itself, or for a failed data test the
 * series of what that test observed. Null when the alert is about the run as a whole.
 */
export function alertSeries(alert: Alert): { step: string; metric: string } | null {
  if (alert.step === null || alert.metric === null) return null;
  return { step: alert.step, metric: alert.kind === 'test-failed' ? `test:${alert.metric}` : alert.metric };
}

/** "just now", "5 min ago", "3 h ago", then the date: alerts are read soon after they come. */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(at).toLocaleDateString();
}

/** The toast for the alerts one run raised: the newest one's kind and pipeline, and how many more. */
export function toastTitle(raised: readonly Alert[]): string {
  const [first, ...rest] = newestFirst(raised);
  if (!first) return '';
  return `${ALERT_KIND_LABEL[first.kind]} in ${first.pipeline}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`;
}
