// What the Experiments view does: loading every experiment branch with its gate, promoting one
// (progress arrives as events, the outcome as the answer), and giving a branch an environment
// of its own — brought up in one click, torn down when asked or, after asking, when the branch
// is merged or deleted.
import type { PromotionOutcome } from '../../../shared/journeys/journey-types.js';
import type { GitController } from './git-controller.js';
import type { ExperimentsStore } from '../stores/experiments-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';

const REFRESH_SETTLE_MS = 200;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ExperimentsController {
  private visible = false;
  private ticket = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly store: ExperimentsStore,
    private readonly workspace: WorkspaceStore,
    private readonly git: GitController,
  ) {}

  start(): void {
    const soon = (always = false) => {
      if (!this.visible && !always) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), REFRESH_SETTLE_MS);
    };
    this.transport.on('promotion:progress', (event) => this.store.getState().handlePromotion(event));
    this.transport.on('run:event', (event) => {
      if (event.type === 'run-finished') soon();
    });
    this.transport.on('git:changed', () => soon());
    this.transport.on('workspace:settings', () => soon());
    // Which branches have an environment must be known even with the view closed: a branch
    // merged or deleted in the Git view offers to tear its environment down.
    this.transport.on('env:progress', (event) => {
      if (event.type !== 'finished') return;
      const making = Object.entries(this.store.getState().branchEnvironments).find(
        ([, action]) => action.action === 'up' && action.environment === event.environment,
      );
      if (making) this.store.getState().setBranchEnvironment(making[0], null);
      soon(true);
    });
    this.git.onBranchDone((branch, how) => void this.offerTeardown(branch, how));
    void this.refresh();
  }

  show(): void {
    this.visible = true;
    void this.refresh();
  }

  hide(): void {
    this.visible = false;
  }

  /** The environment a branch copy is made from: the one the gate runs in. */
  gateEnvironment(): string | null {
    return this.workspace.getState().info?.promotion.gateEnvironment ?? null;
  }

  async refresh(): Promise<void> {
    const ticket = ++this.ticket;
    this.store.getState().setLoading(true);
    try {
      const experiments = await this.api('experiments:list', {});
      if (ticket === this.ticket) this.store.getState().setExperiments(experiments);
    } catch (error) {
      if (ticket === this.ticket) this.store.getState().setError(message(error));
    } finally {
      if (ticket === this.ticket) this.store.getState().setLoading(false);
    }
  }

  /** Runs the gate on the branch's tip; unless it is a dry run, a pass merges and tags a release. */
  async promote(branch: string, dryRun: boolean): Promise<PromotionOutcome | undefined> {
    this.store.getState().beginPromotion(branch, dryRun);
    let outcome: PromotionOutcome | undefined;
    try {
      outcome = await this.api('promotion:promote', { branch, ...(dryRun ? { dryRun } : {}) });
      this.store.getState().finishPromotion(branch, outcome);
    } catch (error) {
      this.store.getState().failPromotion(branch, message(error));
    }
    await this.refresh();
    if (outcome?.result === 'promoted') {
      await this.git.refresh();
      await this.offerTeardown(branch, 'merged');
    }
    return outcome;
  }

  dismissPromotion(branch: string): void {
    this.store.getState().dismissPromotion(branch);
  }

  /** Provisions a copy of the gate environment for the branch; progress comes as env:progress events. */
  async provision(branch: string): Promise<void> {
    const name = this.gateEnvironment();
    if (!name) {
      this.workspace
        .getState()
        .notify(
          'error',
          'No environment to copy: set promotion.path (e.g. [dev, test, prod]) or default_environment in pipewright.yaml',
        );
      return;
    }
    this.store.getState().setBranchEnvironment(branch, { action: 'up', environment: null });
    try {
      const { environment } = await this.api('env:up-for-branch', { name, branch });
      this.store.getState().setBranchEnvironment(branch, { action: 'up', environment });
    } catch (error) {
      this.workspace.getState().notify('error', message(error));
      this.store.getState().setBranchEnvironment(branch, null);
    }
    await this.refresh();
  }

  async teardown(branch: string): Promise<void> {
    const name = this.gateEnvironment();
    if (!name) return;
    this.store.getState().setBranchEnvironment(branch, { action: 'down', environment: null });
    try {
      const { removed } = await this.api('env:down-for-branch', { name, branch });
      this.workspace
        .getState()
        .notify(
          'info',
          `The environment of ${branch} is torn down (${removed.length} resource${removed.length === 1 ? '' : 's'} removed)`,
        );
    } catch (error) {
      this.workspace.getState().notify('error', message(error));
    } finally {
      this.store.getState().setBranchEnvironment(branch, null);
    }
    await this.refresh();
  }

  /** A branch with an environment of its own was merged or deleted: asks before tearing it down. */
  private async offerTeardown(branch: string, how: 'merged' | 'deleted'): Promise<void> {
    const environment = this.store
      .getState()
      .experiments?.find((experiment) => experiment.branch === branch)?.environment;
    if (!environment) return;
    if (
      await this.workspace.getState().ask({
        title: 'Tear down its environment',
        message: `${branch} was ${how}. Tear down its environment ${environment} (its containers, network and data volumes)?`,
        confirm: 'Tear it down',
        danger: true,
      })
    ) {
      await this.teardown(branch);
    }
  }
}
