// What the desktop notifications of raised alerts say. Several alerts at once become one
// summary, so a bad run does not bury the desktop in notifications.
import type { Alert } from '../../shared/monitoring/monitoring-types.js';

const MAX_SEPARATE = 3;

export interface AlertNote {
  title: string;
  body: string;
}

export function alertNotes(raised: readonly Alert[]): AlertNote[] {
  if (raised.length > MAX_SEPARATE) {
    const pipelines = [...new Set(raised.map((alert) => alert.pipeline))].join(', ');
    const what = raised
      .slice(0, 5)
      .map((alert) => `${alert.step ?? alert.pipeline}: ${alert.metric ?? alert.kind}`)
      .join('; ');
    return [
      {
        title: `Pipewright: ${raised.length} alerts in ${pipelines}`,
        body: `${what}${raised.length > 5 ? '; …' : ''}`,
      },
    ];
  }
  return raised.map((alert) => ({
    title: `Pipewright: ${alert.pipeline} — ${alert.kind === 'out-of-control' ? 'out of control' : 'test failed'}`,
    body: alert.message,
  }));
}
