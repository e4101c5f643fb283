// Promotion for the studio: the experiments with their gates, a promotion with its progress as
// events, and the releases — through the promotion service on the studio's own repository
// instance, so its git work waits in the same queue as the Git view's. Closing the workspace
// stops a promotion in its gate runs, before anything in git changed.
import type { ExperimentOverview, PromotionOutcome, ReleaseInfo } from '../../../shared/journeys/journey-types.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import type { PipelineEngine } from '../engine/pipeline-engine.js';
import { GitRepository } from '../git/git-repository.js';
import { PromotionCancelledError, PromotionService, PromotionUsageError } from '../promotion/promotion-service.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import type { StudioEnvironments } from './studio-environments.js';
import type { StudioEvents } from './studio-events.js';

export interface StudioPromotionOptions {
  workspace: Workspace;
  store: RunStore;
  engine: PipelineEngine;
  events: StudioEvents;
  environments: StudioEnvironments;
}

export class StudioPromotion {
  private readonly abort = new AbortController();
  private readonly going = new Set<Promise<unknown>>();

  constructor(private readonly options: StudioPromotionOptions) {}

  /** Runs `use` with a promotion service on the process's shared repository instance. */
  private async withService<T>(use: (service: PromotionService) => Promise<T>): Promise<T> {
    const { workspace, store, engine, environments } = this.options;
    const repository = GitRepository.open(workspace.root, { watch: true });
    const service = new PromotionService({
      workspace,
      store,
      engine,
      ...(repository ? { repository } : {}),
      branchEnvironments: () => environments.listBranchEnvironments(),
    });
    try {
      return await use(service);
    } catch (error) {
      if (error instanceof PromotionUsageError) throw new ContractError('invalid-request', error.message);
      if (error instanceof PromotionCancelledError) throw new ContractError('conflict', error.message);
      throw error;
    } finally {
      repository?.release();
    }
  }

  experiments(): Promise<ExperimentOverview[]> {
    return this.withService((service) => service.experiments());
  }

  releases(): Promise<ReleaseInfo[]> {
    return this.withService((service) => service.releases());
  }

  async promote(branch: string, options: { pipelines?: string[]; dryRun?: boolean }): Promise<PromotionOutcome> {
    const { events } = this.options;
    if (this.abort.signal.aborted)
      throw new ContractError('conflict', 'the workspace is closing: promote again once it is open');
    const promotion = this.withService((service) =>
      service.promote(branch, {
        ...options,
        signal: this.abort.signal,
        onEvent: (event) => events.emit('promotion:progress', event),
      }),
    );
    this.going.add(promotion);
    try {
      return await promotion;
    } finally {
      this.going.delete(promotion);
      // The production branch and its tags may have moved without the working tree changing.
      events.emit('git:changed', {});
    }
  }

  /** Stops the promotions going on (a merge already begun finishes) and waits for them. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.going]);
  }
}
