// The value journey as the Production view shows it: each schedule with its next and last
// runs and the release it runs, the health of its pipeline in its environment (SPC state and
// open alerts), and the releases with their gate reports.
import { createStore } from 'zustand/vanilla';
import type { ReleaseInfo, ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import type { SpcSummary } from './spc-summary.js';

export interface ProductionViewState {
  /** Null until first loaded. */
  schedules: ScheduleOverview[] | null;
  releases: ReleaseInfo[] | null;
  /** By "pipeline/environment": the Monitor's verdict on that pipeline there. */
  health: Record<string, SpcSummary>;
  loading: boolean;
  /** Why the view could not load, shown in it rather than as a studio-wide notice. */
  error: string | null;
  /** Schedules whose pause or resume is on its way. */
  toggling: string[];
}

export interface ProductionViewActions {
  setLoading(loading: boolean): void;
  setError(error: string | null): void;
  setLoaded(schedules: ScheduleOverview[], releases: ReleaseInfo[]): void;
  setHealth(key: string, health: SpcSummary): void;
  setToggling(name: string, toggling: boolean): void;
  /** Shows a pause or resume at once, before the node layer confirms it. */
  setPaused(name: string, paused: boolean): void;
}

export type ProductionStore = ReturnType<typeof createProductionStore>;

export function healthKey(pipeline: string, environment: string | null): string {
  return `${pipeline}/${environment ?? ''}`;
}

export function createProductionStore() {
  return createStore<ProductionViewState & ProductionViewActions>()((set, get) => ({
    schedules: null,
    releases: null,
    health: {},
    loading: false,
    error: null,
    toggling: [],
    setLoading: (loading) => set({ loading }),
    setError: (error) => set({ error }),
    setLoaded: (schedules, releases) => set({ schedules, releases, error: null }),
    setHealth: (key, health) => set({ health: { ...get().health, [key]: health } }),
    setToggling: (name, toggling) => {
      const others = get().toggling.filter((candidate) => candidate !== name);
      set({ toggling: toggling ? [...others, name] : others });
    },
    setPaused: (name, paused) =>
      set({
        schedules:
          get().schedules?.map((schedule) => (schedule.name === name ? { ...schedule, paused } : schedule)) ?? null,
      }),
  }));
}
