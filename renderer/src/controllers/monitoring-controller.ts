// What monitoring does in the studio: loading the dashboard of the open pipeline (its overview,
// then the chosen chart), keeping the bell's open alerts current as runs finish and alerts are
// raised, acknowledging, and going from an alert to the chart that explains it.
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import type { StudioController } from './studio-controller.js';
import type { EditorStore } from '../stores/editor-store.js';
import type { MonitoringStore } from '../stores/monitoring-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';
import { alertSeries, openAlerts } from '../stores/alert-list.js';
import type { SeriesRef } from '../stores/series-selection.js';

/** How long a toast of newly raised alerts stays; the bell keeps them after that. */
const TOAST_MS = 8000;
/** Enough for the bell: the node layer keeps every alert, the centre lists the open ones. */
const ALERTS_SHOWN = 500;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class MonitoringController {
  private visible = false;
  // Answers can arrive out of order when the pipeline or environment changes quickly: only the
  // latest request's answer is kept.
  private overviewTicket = 0;
  private chartTicket = 0;

  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly store: MonitoringStore,
    private readonly editor: EditorStore,
    private readonly workspace: WorkspaceStore,
    private readonly studio: StudioController,
  ) {}

  start(): void {
    this.transport.on('alerts:changed', ({ raised }) => {
      if (raised.length > 0) this.toast(raised);
      void this.refreshAlerts();
      if (this.visible) void this.refresh();
    });
    this.transport.on('run:event', (event) => {
      if (event.type !== 'run-finished') return;
      void this.refreshAlerts();
      if (this.visible && event.run.pipeline === this.pipeline()) void this.refresh();
    });
    this.studio.documents.on(({ name, previous }) => {
      if (this.visible && name !== previous) void this.refresh();
    });
    void this.refreshAlerts();
  }

  /** The dashboard is on screen: it loads now and follows runs and alerts while it stays. */
  show(): void {
    this.visible = true;
    void this.refresh();
  }

  hide(): void {
    this.visible = false;
  }

  pipeline(): string | null {
    return this.editor.getState().doc?.name ?? null;
  }

  /** The environment chosen, else the workspace default, else runs without one (''). */
  environment(): string {
    return this.store.getState().environment ?? this.workspace.getState().info?.defaultEnvironment ?? '';
  }

  async setEnvironment(environment: string): Promise<void> {
    this.store.getState().setEnvironment(environment);
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const pipeline = this.pipeline();
    if (!pipeline) return;
    const environment = this.environment();
    const ticket = ++this.overviewTicket;
    this.store.getState().setLoading(true);
    try {
      const overview = await this.api('monitor:overview', { pipeline, environment });
      if (ticket !== this.overviewTicket) return;
      this.store.getState().setOverview(overview);
      await this.loadChart();
    } catch (error) {
      if (ticket === this.overviewTicket) this.store.getState().setError(message(error));
    } finally {
      if (ticket === this.overviewTicket) this.store.getState().setLoading(false);
    }
  }

  async select(series: SeriesRef): Promise<void> {
    this.store.getState().select(series);
    await this.loadChart();
  }

  private async loadChart(): Promise<void> {
    const { overview, selected } = this.store.getState();
    if (!overview || !selected) return;
    const ticket = ++this.chartTicket;
    try {
      const chart = await this.api('monitor:chart', {
        pipeline: overview.pipeline,
        environment: overview.environment,
        ...selected,
      });
      if (ticket === this.chartTicket) this.store.getState().setChart(chart);
    } catch (error) {
      if (ticket === this.chartTicket) this.store.getState().setError(message(error));
    }
  }

  /** After an intended change: the chosen series forgets its limits and the next runs set new ones. */
  async resetBaseline(): Promise<void> {
    const { overview, selected } = this.store.getState();
    if (!overview || !selected) return;
    try {
      await this.api('monitor:reset-baseline', {
        pipeline: overview.pipeline,
        environment: overview.environment,
        ...selected,
      });
      this.workspace
        .getState()
        .notify('info', `New baseline for ${selected.metric}: the next ${overview.baseline} runs set its limits.`);
    } catch (error) {
      this.workspace.getState().notify('error', message(error));
    }
    await this.refresh();
  }

  async refreshAlerts(): Promise<void> {
    try {
      this.store.getState().setAlerts(await this.api('alerts:list', { limit: ALERTS_SHOWN }));
    } catch (error) {
      this.store.getState().setAlertsError(message(error));
    }
  }

  async acknowledge(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    this.store.getState().acknowledged(ids);
    try {
      await this.api('alerts:acknowledge', { ids: [...ids] });
    } catch (error) {
      this.workspace.getState().notify('error', message(error));
    }
    await this.refreshAlerts();
    if (this.visible) await this.refresh();
  }

  async acknowledgeAll(): Promise<void> {
    await this.acknowledge(openAlerts(this.store.getState().alerts).map((alert) => alert.id));
  }

  /**
   * Opens the dashboard's data on the alert's pipeline, environment and chart. False when the
   * pipeline could not be opened (the user kept unsaved changes to another one).
   */
  async openAlert(alert: Alert): Promise<boolean> {
    if (this.pipeline() !== alert.pipeline) await this.studio.openPipeline(alert.pipeline);
    if (this.pipeline() !== alert.pipeline) return false;
    this.store.getState().setEnvironment(alert.environment);
    this.store.getState().select(alertSeries(alert));
    this.store.getState().setCentreOpen(false);
    await this.refresh();
    return true;
  }

  /** No toast over the list it would point to: the dashboard or the open bell shows the alerts already. */
  private toast(raised: Alert[]): void {
    if (this.visible || this.store.getState().centreOpen) return;
    const id = this.store.getState().addToast(raised);
    setTimeout(() => this.store.getState().dismissToast(id), TOAST_MS);
  }
}
