// Promotion as the CLI and the studio use it: the experiments with their gates judged on their
// latest runs, a promotion (gate runs, the gate, and only after a pass the merge, the release
// tag and the record), and the releases read back from their tags.
// Over 300 lines because the promotion's steps (gate runs, judgement, merge, tag, record) share
// one transaction and its recovery; the journal, the store and the gate runs live beside it.
import { relative, sep } from 'node:path';
import type {
  ExperimentOverview,
  GateReport,
  PromotionEvent,
  PromotionOutcome,
  PromotionResult,
  ReleaseInfo,
} from '../../../shared/journeys/journey-types.js';
import type { GateCandidate } from '../../../shared/promotion/gate.js';
import { judgeGate } from '../../../shared/promotion/gate.js';
import { metricsBeside } from '../../../shared/promotion/metrics-beside.js';
import { DEFAULT_PRODUCTION_BRANCH } from '../../../shared/promotion/promotion-settings.js';
import type { PromotionSettings } from '../../../shared/promotion/promotion-settings.js';
import { parseReleaseTagMessage } from '../../../shared/promotion/release-message.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import type { PipelineEngine } from '../engine/pipeline-engine.js';
import { GitRepository } from '../git/git-repository.js';
import { listReleaseTags } from '../git/release-tags.js';
import type { RepositoryParts } from '../git/repository-parts.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { pipelinesAt, promotionSettingsAt } from './committed-settings.js';
import { candidateOf, runCandidate } from './gate-runs.js';
import { PromotionBusyError, takePromotionLock } from './promotion-journal.js';
import type { PromotionLock } from './promotion-journal.js';
import { recoverPromotion } from './promotion-recovery.js';
import { PromotionStore, runListItem } from './promotion-store.js';
import { commitPromotion, recoverJournal } from './promotion-transaction.js';
import type { CommitResult, Recovery } from './promotion-transaction.js';

/** A promotion that cannot start as asked (unknown branch, no repository): a usage error. */
export class PromotionUsageError extends Error {}

/** A promotion stopped by its caller before anything changed. */
export class PromotionCancelledError extends Error {}

export interface PromotionServiceOptions {
  workspace: Workspace;
  store: RunStore;
  engine: PipelineEngine;
  /** The repository instance to share (the studio's); by default one is opened per call. */
  repository?: GitRepository;
  /** The environments copied for branches (env up --for-branch), when the host can list them. */
  branchEnvironments?: () => Promise<Array<{ environment: string; branch: string }>>;
}

export interface PromoteOptions {
  pipelines?: string[];
  dryRun?: boolean;
  onEvent?: (event: PromotionEvent) => void;
  signal?: AbortSignal;
}

const short = (commit: string) => commit.slice(0, 7);

export class PromotionService {
  private readonly promotions: PromotionStore;

  constructor(private readonly options: PromotionServiceOptions) {
    this.promotions = new PromotionStore(options.store);
  }

  /** Finishes or rolls back a promotion a killed process left half-done. */
  recover(): Promise<Recovery | null> {
    return recoverPromotion(this.options.workspace, this.options.store, this.options.repository);
  }

  private async withRepository<T>(operation: (repository: GitRepository) => Promise<T>): Promise<T> {
    const { workspace } = this.options;
    const repository = this.options.repository ?? GitRepository.open(workspace.root, { watch: false });
    if (!repository)
      throw new PromotionUsageError(
        `${workspace.root} is not in a git repository: promotion merges branches, so it needs one (pipewright init, or git init)`,
      );
    try {
      return await operation(repository);
    } finally {
      if (!this.options.repository) repository.release();
    }
  }

  /** The production branch (as the working tree's pipewright.yaml names it). */
  private production(): string {
    return this.options.workspace.settings.spec?.promotion?.production ?? DEFAULT_PRODUCTION_BRANCH;
  }

  /** The workspace's folder inside the repository ('' at its root). */
  private prefix(repository: GitRepository): string {
    return relative(repository.location.root, this.options.workspace.root).split(sep).join('/');
  }

  /** Production's committed promotion settings, with the production branch named here. */
  private async settings(
    parts: RepositoryParts,
    repository: GitRepository,
    productionAt: string | null,
  ): Promise<PromotionSettings> {
    const production = this.production();
    const settings =
      productionAt === null
        ? {
            production,
            gateEnvironment: this.options.workspace.settings.spec?.default_environment ?? null,
            gate: undefined,
            params: {},
          }
        : await promotionSettingsAt(parts, productionAt, this.prefix(repository), production);
    return { ...settings, production };
  }

  async experiments(): Promise<ExperimentOverview[]> {
    await this.recover();
    const copies = await (this.options.branchEnvironments?.() ?? Promise.resolve([])).catch(() => []);
    return this.withRepository(async (repository) => {
      const production = this.production();
      const branches = await repository.branches();
      const productionAt = branches.find((branch) => branch.name === production)?.commit?.oid ?? null;
      return repository.exclusive(async (parts) => {
        const settings = await this.settings(parts, repository, productionAt);
        const overviews: ExperimentOverview[] = [];
        for (const { name, commit } of branches) {
          if (name === production) continue;
          const pipelines = commit ? await pipelinesAt(parts, commit.oid, this.prefix(repository)) : [];
          const candidates = pipelines.map((pipeline) => {
            const run = this.promotions.latestBranchRun(name, pipeline, settings.gateEnvironment);
            const alerts = run ? this.options.store.monitoring.alerts({ runId: run.id, acknowledged: true }) : [];
            return candidateOf(this.promotions, production, pipeline, run, alerts);
          });
          const judged = candidates.filter((candidate) => candidate.run !== null);
          const branchCopies = copies.filter((copy) => copy.branch === name).map((copy) => copy.environment);
          overviews.push({
            branch: name,
            commit: commit?.oid ?? null,
            lastRuns: judged.flatMap((candidate) => (candidate.run ? [runListItem(candidate.run)] : [])),
            gate:
              judged.length === 0
                ? null
                : judgeGate({
                    branch: name,
                    commit: commit?.oid ?? '',
                    environment: settings.gateEnvironment,
                    productionBranch: production,
                    candidates,
                    gate: settings.gate,
                    judgedAt: Date.now(),
                  }),
            metrics: metricsBeside(candidates, settings.gate),
            environment: branchCopies.find((copy) => copy === settings.gateEnvironment) ?? branchCopies[0] ?? null,
          });
        }
        return overviews;
      });
    });
  }

  async promote(branch: string, options: PromoteOptions = {}): Promise<PromotionOutcome> {
    const { workspace, engine } = this.options;
    const emit = (event: PromotionEvent) => options.onEvent?.(event);
    const phase = (name: Extract<PromotionEvent, { type: 'phase' }>['phase'], message: string) =>
      emit({ type: 'phase', branch, phase: name, message });
    workspace.ensureStateDir();
    await this.recover();
    return this.withRepository(async (repository) => {
      const production = this.production();
      const names = (await repository.branches()).map((entry) => entry.name);
      if (!names.includes(branch)) {
        const hint = didYouMean(branch, names);
        throw new PromotionUsageError(
          `there is no branch "${branch}"${hint ? ` (${hint})` : ''}; branches: ${names.join(', ') || 'none'}`,
        );
      }
      if (branch === production)
        throw new PromotionUsageError(`${branch} is the production branch: promote an experiment branch into it`);
      if (!names.includes(production)) {
        throw new PromotionUsageError(
          `the production branch "${production}" does not exist: create it, or name another one as promotion.production in pipewright.yaml`,
        );
      }
      const productionAt = await repository.resolveRef(`refs/heads/${production}`);
      const candidate = await repository.resolveRef(`refs/heads/${branch}`);
      const { settings, pipelines } = await repository.exclusive(async (parts) => ({
        settings: await this.settings(parts, repository, productionAt),
        pipelines: await pipelinesAt(parts, candidate, this.prefix(repository)),
      }));
      const selected = this.selectPipelines(branch, candidate, pipelines, options.pipelines);
      const where = settings.gateEnvironment ?? 'the default environment';
      phase(
        'checkout',
        `judging ${branch} (${short(candidate)}) in ${where} against ${production} (${short(productionAt)}): ${selected.join(', ')}`,
      );

      const candidates: GateCandidate[] = [];
      for (const pipeline of selected) {
        if (options.signal?.aborted) throw new PromotionCancelledError('promotion cancelled: nothing was changed');
        phase('run', `running ${pipeline} at ${branch} in ${where}`);
        candidates.push(
          await runCandidate(pipeline, {
            engine,
            promotions: this.promotions,
            settings,
            branch,
            cwd: workspace.root,
            signal: options.signal,
            onStarted: (name, runId) => emit({ type: 'run-started', branch, pipeline: name, runId }),
          }),
        );
      }
      if (options.signal?.aborted) throw new PromotionCancelledError('promotion cancelled: nothing was changed');
      const environment = candidates.find((entry) => entry.run !== null)?.run?.environment ?? settings.gateEnvironment;
      const report = judgeGate({
        branch,
        commit: candidate,
        environment,
        productionBranch: production,
        candidates,
        gate: settings.gate,
        judgedAt: Date.now(),
      });
      const failed = report.conditions.filter((condition) => !condition.passed);
      phase(
        'judge',
        report.passed
          ? `the gate passed (${report.conditions.length} conditions)`
          : `the gate failed: ${failed.length} of ${report.conditions.length} conditions`,
      );

      const moved = candidates.find((entry) => entry.run !== null && entry.run.gitCommit !== candidate);
      let outcome: PromotionOutcome;
      if (moved?.run) {
        outcome = this.settle(
          report,
          'conflict',
          `${branch} moved while its gate ran (${short(candidate)} to ${short(moved.run.gitCommit ?? '')}): nothing was changed; promote again`,
        );
      } else if (!report.passed) {
        outcome = this.settle(
          report,
          'gate-failed',
          `the gate failed (${failed.map((condition) => `${condition.pipeline}: ${condition.label}`).join('; ')}): nothing was changed`,
        );
      } else if (options.dryRun) {
        outcome = this.settle(report, 'dry-run-passed', `the gate passed; --dry-run: nothing was merged`);
      } else {
        phase('merge', `merging ${branch} into ${production}`);
        outcome = await this.commit(repository, { branch, candidate, production, productionAt, report });
      }
      emit({ type: 'finished', branch, outcome });
      return outcome;
    });
  }

  private selectPipelines(branch: string, commit: string, pipelines: string[], asked: string[] | undefined): string[] {
    if (pipelines.length === 0)
      throw new PromotionUsageError(
        `${branch} (${short(commit)}) has no pipelines (pipelines/*.pipeline.yaml): there is nothing to judge`,
      );
    if (!asked || asked.length === 0) return pipelines;
    for (const name of asked) {
      if (pipelines.includes(name)) continue;
      const hint = didYouMean(name, pipelines);
      throw new PromotionUsageError(
        `${branch} has no pipeline "${name}"${hint ? ` (${hint})` : ''}; its pipelines: ${pipelines.join(', ')}`,
      );
    }
    return pipelines.filter((name) => asked.includes(name));
  }

  /** An outcome without a release, recorded as an attempt. */
  private settle(
    report: GateReport,
    result: Exclude<PromotionResult, 'promoted'>,
    message: string,
    conflicts: string[] = [],
  ): PromotionOutcome {
    this.promotions.record({
      branch: report.branch,
      commit: report.commit,
      outcome: result,
      release: null,
      report,
      createdAt: Date.now(),
    });
    return { result, report, release: null, conflicts, message };
  }

  private async commit(
    repository: GitRepository,
    input: Parameters<typeof commitPromotion>[3],
  ): Promise<PromotionOutcome> {
    const { stateDir } = this.options.workspace;
    let lock: PromotionLock;
    try {
      lock = takePromotionLock(stateDir);
    } catch (error) {
      if (error instanceof PromotionBusyError)
        return this.settle(input.report, 'conflict', `${error.message}. Nothing was changed.`);
      throw error;
    }
    let result: CommitResult;
    try {
      result = await repository.exclusive(async (parts) => {
        await recoverJournal(parts, stateDir, this.promotions, lock.tookOver);
        return commitPromotion(parts, stateDir, this.promotions, input);
      });
    } finally {
      lock.release();
    }
    if (result.result === 'promoted')
      return {
        result: 'promoted',
        report: input.report,
        release: result.release,
        conflicts: [],
        message: result.message,
      };
    return this.settle(
      input.report,
      result.result,
      result.message,
      result.result === 'conflict' ? result.conflicts : [],
    );
  }

  /** The releases, newest first, from the release-N tags (what every clone of the repository has). */
  async releases(): Promise<ReleaseInfo[]> {
    await this.recover();
    return this.withRepository(async (repository) => {
      const tags = await repository.exclusive((parts) => listReleaseTags(parts.context));
      return tags
        .flatMap((tag) => {
          const record = tag.message === null ? null : parseReleaseTagMessage(tag.message);
          if (record === null) return [];
          return [
            {
              name: tag.name,
              number: tag.number,
              commit: tag.commit,
              branch: record.branch,
              production: record.production,
              createdAt: tag.taggedAt ?? 0,
              report: record.report,
            },
          ];
        })
        .reverse();
    });
  }
}
