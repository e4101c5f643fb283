// What the Environments view does: asking the node layer for the environments' status,
// provisioning one (progress arrives as events), cancelling, tearing down, reading service logs.
import type { EnvironmentStore } from '../stores/environment-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';

export class EnvironmentController {
  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly store: EnvironmentStore,
    private readonly workspace: WorkspaceStore,
  ) {}

  start(): void {
    this.transport.on('env:progress', (event) => {
      this.store.getState().handle(event);
      if (event.type === 'finished') void this.refresh();
    });
    this.transport.on('workspace:settings', () => void this.refresh());
    this.transport.on('run:event', (event) => {
      if (event.type === 'run-finished') void this.refresh();
    });
    void this.refresh();
  }

  private fail(error: unknown): void {
    this.workspace.getState().notify('error', error instanceof Error ? error.message : String(error));
  }

  async refresh(): Promise<void> {
    this.store.getState().setRefreshing(true);
    try {
      this.store.getState().setOverview(await this.api('env:status', {}));
    } catch (error) {
      this.fail(error);
    } finally {
      this.store.getState().setRefreshing(false);
    }
  }

  async provision(name: string): Promise<void> {
    this.store.getState().begin(name, 'up');
    try {
      await this.api('env:up', { name });
      await this.refresh();
    } catch (error) {
      this.store.getState().handle({
        type: 'finished',
        environment: name,
        action: 'up',
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.api('env:cancel', { name });
    } catch (error) {
      this.fail(error);
    }
  }

  async teardown(name: string): Promise<void> {
    this.store.getState().begin(name, 'down');
    try {
      await this.api('env:down', { name });
    } catch (error) {
      this.store.getState().handle({
        type: 'finished',
        environment: name,
        action: 'down',
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    await this.refresh();
  }

  async loadServiceLog(name: string, service: string): Promise<void> {
    try {
      const { text } = await this.api('env:logs', { name, service, tail: 500 });
      this.store.getState().setServiceLog(name, service, text);
    } catch (error) {
      this.fail(error);
    }
  }
}
