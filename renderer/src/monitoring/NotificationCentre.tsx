// The bell in the toolbar: how many alerts are open, and a panel listing them newest first to
// acknowledge one or all, or to open the chart behind one. New alerts also show as toasts.
import { Bell, BellRing, CheckCheck, X } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import { useMonitoring, useStudio } from '../studio/studio-context.js';
import { newestFirst, openAlerts } from '../stores/alert-list.js';
import { AlertRow } from './AlertRow.js';
import { AlertToasts } from './AlertToasts.js';

export function NotificationCentre({ onOpenDashboard }: { onOpenDashboard(): void }) {
  const { monitoring, monitoringController } = useStudio();
  const { alerts, open, error } = useMonitoring(
    useShallow((state) => ({ alerts: state.alerts, open: state.centreOpen, error: state.alertsError })),
  );
  const list = useMemo(() => newestFirst(openAlerts(alerts)), [alerts]);
  const root = useRef<HTMLDivElement>(null);
  const setOpen = (value: boolean) => monitoring.getState().setCentreOpen(value);

  // Like a menu: a click elsewhere or Escape closes it.
  useEffect(() => {
    if (!open) return undefined;
    const close = () => monitoring.getState().setCentreOpen(false);
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !root.current?.contains(event.target)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, monitoring]);

  const openAlert = async (alert: Alert) => {
    if (await monitoringController.openAlert(alert)) onOpenDashboard();
  };
  const count = list.length;
  const now = Date.now();
  return (
    <div className="notification-centre" ref={root}>
      <button
        type="button"
        className={`icon-button bell${count > 0 ? ' ringing' : ''}`}
        data-testid="alerts-bell"
        aria-expanded={open}
        title={count === 0 ? 'No open alerts' : `${count} open alert${count === 1 ? '' : 's'}`}
        onClick={() => setOpen(!open)}
      >
        {count > 0 ? <BellRing size={16} /> : <Bell size={16} />}
        {count > 0 ? (
          <span className="bell-count" data-testid="alerts-count">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="alert-panel" data-testid="alerts-panel" role="dialog" aria-label="Alerts">
          <div className="alert-panel-head">
            <strong>Alerts</strong>
            <span className="count">{count}</span>
            <span className="spacer" />
            <button
              type="button"
              className="button small"
              data-testid="alerts-acknowledge-all"
              disabled={count === 0}
              onClick={() => void monitoringController.acknowledgeAll()}
            >
              <CheckCheck size={13} /> Acknowledge all
            </button>
            <button type="button" className="icon-button" title="Close" onClick={() => setOpen(false)}>
              <X size={14} />
            </button>
          </div>
          {error ? <p className="alert-panel-note error">The alerts could not be read: {error}</p> : null}
          {count === 0 && !error ? (
            <p className="alert-panel-note muted">
              No open alerts. Points out of control and failed data tests show up here after a run.
            </p>
          ) : null}
          <ul className="alert-list">
            {list.map((alert) => (
              <AlertRow
                key={alert.id}
                alert={alert}
                now={now}
                showPipeline
                onOpen={(item) => void openAlert(item)}
                onAcknowledge={(item) => void monitoringController.acknowledge([item.id])}
              />
            ))}
          </ul>
        </div>
      ) : null}
      <AlertToasts onOpen={(alert) => void openAlert(alert)} />
    </div>
  );
}
