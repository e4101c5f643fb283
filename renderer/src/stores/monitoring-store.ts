// Monitoring as the studio shows it: the dashboard of the open pipeline in one environment
// (its runs, metrics and the chart chosen), the workspace's open alerts behind the bell, and
// the toasts of alerts just raised.
import { createStore } from 'zustand/vanilla';
import type { Alert, ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import type { MonitorOverview } from '../../../shared/journeys/journey-types.js';
import { pickSeries } from './series-selection.js';
import type { SeriesRef } from './series-selection.js';

export interface AlertToast {
  id: number;
  alerts: Alert[];
}

export interface MonitoringViewState {
  /** The dashboard's environment: '' for runs without one; null follows the workspace default. */
  environment: string | null;
  overview: MonitorOverview | null;
  selected: SeriesRef | null;
  chart: ControlChart | null;
  loading: boolean;
  /** Why the dashboard could not load, shown in it rather than as a studio-wide notice. */
  error: string | null;
  /** The workspace's open alerts, for the bell. */
  alerts: Alert[];
  alertsError: string | null;
  centreOpen: boolean;
  toasts: AlertToast[];
}

export interface MonitoringViewActions {
  setEnvironment(environment: string): void;
  setLoading(loading: boolean): void;
  setError(error: string | null): void;
  /** A new overview; the chart shown stays chosen while its series is still there. */
  setOverview(overview: MonitorOverview): void;
  select(series: SeriesRef | null): void;
  setChart(chart: ControlChart): void;
  setAlerts(alerts: Alert[]): void;
  setAlertsError(error: string | null): void;
  /** Takes acknowledged alerts off the lists at once, before the node layer confirms. */
  acknowledged(ids: readonly number[]): void;
  setCentreOpen(open: boolean): void;
  addToast(alerts: Alert[]): number;
  dismissToast(id: number): void;
}

export type MonitoringStore = ReturnType<typeof createMonitoringStore>;

export function createMonitoringStore() {
  let nextToast = 1;
  return createStore<MonitoringViewState & MonitoringViewActions>()((set, get) => ({
    environment: null,
    overview: null,
    selected: null,
    chart: null,
    loading: false,
    error: null,
    alerts: [],
    alertsError: null,
    centreOpen: false,
    toasts: [],
    setEnvironment: (environment) => set({ environment }),
    setLoading: (loading) => set({ loading }),
    setError: (error) => set({ error }),
    setOverview: (overview) => set({ overview, error: null, selected: pickSeries(overview.metrics, get().selected) }),
    select: (selected) => set({ selected }),
    setChart: (chart) => set({ chart }),
    setAlerts: (alerts) => set({ alerts, alertsError: null }),
    setAlertsError: (alertsError) => set({ alertsError }),
    acknowledged: (ids) => {
      const gone = new Set(ids);
      const { overview, alerts } = get();
      set({
        alerts: alerts.filter((alert) => !gone.has(alert.id)),
        overview: overview ? { ...overview, alerts: overview.alerts.filter((alert) => !gone.has(alert.id)) } : null,
      });
    },
    // The open bell lists what the toasts say: they make way for it.
    setCentreOpen: (centreOpen) => set(centreOpen ? { centreOpen, toasts: [] } : { centreOpen }),
    addToast: (alerts) => {
      const id = nextToast++;
      set({ toasts: [...get().toasts, { id, alerts }].slice(-3) });
      return id;
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
  }));
}
