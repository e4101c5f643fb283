// Alerts a run raises become desktop notifications, so the team hears of a drifting pipeline
// even when the studio is in the background. Clicking one brings the studio to the front.
import { Notification } from 'electron';
import type { Alert } from '../../shared/monitoring/monitoring-types.js';

/** More than this many alerts at once become one summary notification instead of a flood. */
const MAX_SEPARATE = 3;

export function notifyAlerts(raised: readonly Alert[], focus: () => void): void {
  if (raised.length === 0 || !Notification.isSupported()) return;
  const notes = raised.length > MAX_SEPARATE
    ? [{ title: `Pipewright: ${raised.length} alerts`, body: `${raised[0]?.pipeline ?? ''}: ${raised.map((alert) => alert.metric ?? alert.kind).slice(0, 5).join(', ')}…` }]
    : raised.map((alert) => ({ title: `Pipewright: ${alert.pipeline} ${alert.kind === 'out-of-control' ? 'out of control' : 'test failed'}`, body: alert.message }));
  for (const note of notes) {
    const notification = new Notification(note);
    notification.on('click', focus);
    notification.show();
  }
}
