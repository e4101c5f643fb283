// What the Production view and `schedule list` show of each schedule: when it runs next, what
// became of its last occurrence, its latest runs, and the commit (and release) its ref names
// now; and pausing or resuming it.
import type { ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import type { RunListItem, RunSummary, StepStatus } from '../../../shared/run/run-types.js';
import { compileTiming, timingProblem } from '../../../shared/schedule/cron-timing.js';
import { workspaceSchedules } from '../../../shared/schedule/schedule-settings.js';
import type { ScheduleSettings } from '../../../shared/schedule/schedule-settings.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import { GitRepository } from '../git/git-repository.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { ScheduleStore } from './schedule-store.js';

const RECENT_RUNS = 10;
const RELEASE_TAG = /^release-(\d+)$/;

export class ScheduleError extends Error {}

export class ScheduleService {
  private readonly schedules: ScheduleStore;

  constructor(
    private readonly workspace: Workspace,
    private readonly store: RunStore,
  ) {
    this.schedules = new ScheduleStore(store.database);
  }

  /** The schedules of pipewright.yaml, in its order (none while it is not valid). */
  async list(now: number = Date.now()): Promise<ScheduleOverview[]> {
    const settings = this.workspace.settings.spec;
    if (!settings) return [];
    const schedules = workspaceSchedules(settings);
    const revisions = await this.revisions(schedules.map((schedule) => schedule.ref));
    return schedules.map((schedule) => ({
      name: schedule.name,
      pipeline: schedule.pipeline,
      environment: schedule.environment,
      cron: schedule.cron,
      timezone: schedule.timezone,
      ref: schedule.ref,
      overlap: schedule.overlap,
      catchUp: schedule.catchUp,
      paused: this.schedules.isPaused(schedule.name),
      next: nextOccurrence(schedule, now),
      last: this.last(schedule.name),
      recentRuns: this.schedules
        .recentRunIds(schedule.name, RECENT_RUNS)
        .map((id) => this.store.getRun(id))
        .filter((run): run is RunSummary => run !== null)
        .map(listItem),
      ...(revisions.get(schedule.ref) ?? { commit: null, release: null }),
    }));
  }

  /** Pauses or resumes a schedule: occurrences of a paused one are recorded skipped-paused. */
  setPaused(name: string, paused: boolean): void {
    const names = Object.keys(this.workspace.settings.spec?.schedules ?? {});
    if (!names.includes(name)) {
      const hint = didYouMean(name, names);
      const known = names.length ? `; schedules: ${names.join(', ')}` : '; pipewright.yaml has no schedules:';
      throw new ScheduleError(`no schedule named "${name}"${hint ? ` (${hint})` : ''}${known}`);
    }
    this.schedules.setPaused(name, paused, Date.now());
  }

  private last(name: string): ScheduleOverview['last'] {
    const claim = this.schedules.lastClaim(name);
    return (
      claim && {
        occurrence: claim.occurrence,
        outcome: claim.outcome,
        runId: claim.runId,
        status: claim.runStatus,
        message: claim.message,
      }
    );
  }

  /** The commit each ref names now and the release tag on it, read once per distinct ref. */
  private async revisions(refs: string[]): Promise<Map<string, { commit: string | null; release: string | null }>> {
    const found = new Map<string, { commit: string | null; release: string | null }>();
    const repository = GitRepository.open(this.workspace.root, { watch: false });
    if (!repository) return found;
    try {
      const tags = await repository.tags();
      for (const ref of new Set(refs)) {
        const commit = await repository.resolveRef(ref).catch(() => null);
        found.set(ref, { commit, release: commit === null ? null : latestRelease(tags, commit) });
      }
    } finally {
      repository.release();
    }
    return found;
  }
}

function nextOccurrence(schedule: ScheduleSettings, now: number): number | null {
  if (timingProblem(schedule) !== null) return null;
  return compileTiming(schedule).next(now);
}

/** The highest release-N tag on the commit (a commit re-released keeps its newest number). */
function latestRelease(tags: ReadonlyArray<{ name: string; oid: string }>, commit: string): string | null {
  let best: { name: string; number: number } | null = null;
  for (const tag of tags) {
    const number = Number(RELEASE_TAG.exec(tag.name)?.[1]);
    if (tag.oid !== commit || !Number.isInteger(number)) continue;
    if (best === null || number > best.number) best = { name: tag.name, number };
  }
  return best?.name ?? null;
}

function listItem(run: RunSummary): RunListItem {
  const steps: Partial<Record<StepStatus, number>> = {};
  for (const step of run.steps) steps[step.status] = (steps[step.status] ?? 0) + 1;
  return {
    id: run.id,
    pipeline: run.pipeline,
    environment: run.environment,
    status: run.status,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    gitBranch: run.gitBranch,
    gitCommit: run.gitCommit,
    ref: run.ref,
    trigger: run.trigger,
    steps,
  };
}
