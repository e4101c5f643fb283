// Alerts a run raises become desktop notifications, so the team hears of a drifting pipeline
// even when the studio is in the background. Clicking one brings the studio to the front.
import { Notification } from 'electron';
import type { Alert } from '../../shared/monitoring/monitoring-types.js';
import { alertNotes } from './alert-notes.js';

export function notifyAlerts(raised: readonly Alert[], focus: () => void): void {
  if (raised.length === 0 || !Notification.isSupported()) return;
  for (const note of alertNotes(raised)) {
    const notification = new Notification(note);
    notification.on('click', focus);
    notification.show();
  }
}
