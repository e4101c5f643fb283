// What the Production view does: loading the schedules and releases (and, for each scheduled
// pipeline, its Monitor verdict in its environment), keeping them current while the view is on
// screen as runs finish, alerts come and promotions land, pausing and resuming a schedule, and
// going from a schedule to the Monitor of its pipeline there.
import type { ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import type { StudioController } from './studio-controller.js';
import type { MonitoringController } from './monitoring-controller.js';
import { healthKey } from '../stores/production-store.js';
import type { ProductionStore } from '../stores/production-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';
import { spcSummary } from '../stores/spc-summary.js';

/** Next-run times move on and schedules start runs by themselves: look again this often. */
const REFRESH_MS = 30_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ProductionController {
  private visible = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  // Only the latest refresh's answers are kept when refreshes overlap.
  private ticket = 0;

  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly store: ProductionStore,
    private readonly workspace: WorkspaceStore,
    private readonly studio: StudioController,
    private readonly monitoring: MonitoringController,
  ) {}

  start(): void {
    const whenVisible = () => {
      if (this.visible) void this.refresh();
    };
    this.transport.on('run:event', (event) => {
      if (event.type === 'run-finished') whenVisible();
    });
    this.transport.on('alerts:changed', whenVisible);
    this.transport.on('workspace:settings', whenVisible);
    this.transport.on('promotion:progress', (event) => {
      if (event.type === 'finished') whenVisible();
    });
  }

  show(): void {
    this.visible = true;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    void this.refresh();
  }

  hide(): void {
    this.visible = false;
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const ticket = ++this.ticket;
    this.store.getState().setLoading(true);
    try {
      const [schedules, releases] = await Promise.all([this.api('schedules:list', {}), this.api('releases:list', {})]);
      if (ticket !== this.ticket) return;
      this.store.getState().setLoaded(schedules, releases);
      await this.loadHealth(schedules, ticket);
    } catch (error) {
      if (ticket === this.ticket) this.store.getState().setError(message(error));
    } finally {
      if (ticket === this.ticket) this.store.getState().setLoading(false);
    }
  }

  /** Each scheduled pipeline's SPC state and open alerts in its environment, as the Monitor judges them. */
  private async loadHealth(schedules: readonly ScheduleOverview[], ticket: number): Promise<void> {
    const places = new Map(schedules.map((schedule) => [healthKey(schedule.pipeline, schedule.environment), schedule]));
    await Promise.all(
      [...places].map(async ([key, { pipeline, environment }]) => {
        try {
          const overview = await this.api('monitor:overview', { pipeline, environment: environment ?? '' });
          if (ticket === this.ticket) this.store.getState().setHealth(key, spcSummary(overview));
        } catch {
          // A pipeline the schedule names may not exist (any more): the card says so from the
          // schedule itself; its health simply stays unknown.
        }
      }),
    );
  }

  async setPaused(name: string, paused: boolean): Promise<void> {
    this.store.getState().setToggling(name, true);
    this.store.getState().setPaused(name, paused);
    try {
      await this.api('schedules:pause', { name, paused });
    } catch (error) {
      this.workspace.getState().notify('error', message(error));
    } finally {
      this.store.getState().setToggling(name, false);
    }
    await this.refresh();
  }

  /**
   * Opens the Monitor's data on the schedule's pipeline and environment. False when the
   * pipeline could not be opened (the user kept unsaved changes to another one).
   */
  async openMonitor(schedule: ScheduleOverview): Promise<boolean> {
    if (this.monitoring.pipeline() !== schedule.pipeline) await this.studio.openPipeline(schedule.pipeline);
    if (this.monitoring.pipeline() !== schedule.pipeline) return false;
    await this.monitoring.setEnvironment(schedule.environment ?? '');
    return true;
  }
}
