// Alerts a run just raised, shown for a few seconds in the corner (the controller removes them);
// the bell keeps them afterwards.
import { BellRing, X } from 'lucide-react';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import { useMonitoring, useStudio } from '../studio/studio-context.js';
import { newestFirst, toastTitle } from '../stores/alert-list.js';

export function AlertToasts({ onOpen }: { onOpen(alert: Alert): void }) {
  const { monitoring } = useStudio();
  const toasts = useMonitoring((state) => state.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="alert-toasts" aria-live="polite">
      {toasts.map((toast) => {
        const first = newestFirst(toast.alerts)[0];
        return (
          <div key={toast.id} className="alert-toast" data-testid="alert-toast" role="status">
            <BellRing size={15} />
            <span className="alert-toast-text">
              <strong>{toastTitle(toast.alerts)}</strong>
              <span className="alert-toast-message">{first?.message}</span>
            </span>
            {first ? (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  monitoring.getState().dismissToast(toast.id);
                  onOpen(first);
                }}
              >
                Show
              </button>
            ) : null}
            <button
              type="button"
              className="icon-button"
              title="Dismiss"
              onClick={() => monitoring.getState().dismissToast(toast.id)}
            >
              <X size={14} />
            </button>
          </div>
        );
      })}
    </div>
  );
}
