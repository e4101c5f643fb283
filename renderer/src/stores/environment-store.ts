// The workspace's environments as the studio shows them: their status from the engine, and the
// progress of each one being brought up or down.
import { createStore } from 'zustand/vanilla';
import type { EnvironmentsOverview } from '../../../shared/ipc/contract.js';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import { applyProvisionEvent, startedProgress } from './provision-progress.js';
import type { ProvisionProgress } from './provision-progress.js';

export interface EnvironmentViewState {
  overview: EnvironmentsOverview | null;
  refreshing: boolean;
  progress: Record<string, ProvisionProgress>;
  /** Service logs loaded on demand, by "environment/service". */
  serviceLogs: Record<string, string>;
}

export interface EnvironmentViewActions {
  setOverview(overview: EnvironmentsOverview): void;
  setRefreshing(refreshing: boolean): void;
  begin(environment: string, action: 'up' | 'down'): void;
  handle(event: ProvisionEvent): void;
  setServiceLog(environment: string, service: string, text: string): void;
}

export type EnvironmentStore = ReturnType<typeof createEnvironmentStore>;

export function createEnvironmentStore() {
  return createStore<EnvironmentViewState & EnvironmentViewActions>()((set, get) => ({
    overview: null,
    refreshing: false,
    progress: {},
    serviceLogs: {},
    setOverview: (overview) => set({ overview }),
    setRefreshing: (refreshing) => set({ refreshing }),
    begin: (environment, action) => set({ progress: { ...get().progress, [environment]: startedProgress(action) } }),
    handle: (event) => {
      // A run provisions its environment too: its events start a progress of their own.
      const current = get().progress[event.environment] ?? startedProgress('up');
      const restarted = current.outcome && event.type !== 'finished' ? startedProgress('up') : current;
      set({ progress: { ...get().progress, [event.environment]: applyProvisionEvent(restarted, event) } });
    },
    setServiceLog: (environment, service, text) =>
      set({ serviceLogs: { ...get().serviceLogs, [`${environment}/${service}`]: text } }),
  }));
}
