// The scheduler of the value pipeline: wakes at each schedule's next occurrence, claims it in
// the run store (so of several schedulers on one workspace exactly one decides it) and starts
// it as an ordinary run of the committed ref through the engine. It reads the schedules from
// pipewright.yaml at every tick, so edits apply without a restart.
// Over 300 lines because the tick, the claim and the run of an occurrence share one clock and one
// set of runs in flight; the store, the clock and the run itself live beside it.
import { hostname } from 'node:os';
import type { OccurrenceOutcome } from '../../../shared/journeys/journey-types.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import { TimingError, compileTiming } from '../../../shared/schedule/cron-timing.js';
import type { CompiledTiming } from '../../../shared/schedule/cron-timing.js';
import { ON_TIME_GRACE_MS, dueOccurrences } from '../../../shared/schedule/due-occurrences.js';
import { workspaceSchedules } from '../../../shared/schedule/schedule-settings.js';
import type { ScheduleSettings } from '../../../shared/schedule/schedule-settings.js';
import type { PipelineEngine, RunHandle } from '../engine/pipeline-engine.js';
import { isProcessRunning } from '../process/process-identity.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { scheduledRunRequest, startFailure } from './scheduled-run.js';
import { systemClock } from './scheduler-clock.js';
import type { SchedulerClock } from './scheduler-clock.js';
import { ScheduleStore } from './schedule-store.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export type SchedulerEvent =
  | {
      type: 'occurrence';
      schedule: string;
      occurrence: number;
      timezone: string;
      outcome: OccurrenceOutcome;
      runId: string | null;
      message: string | null;
    }
  /** Occurrences that passed without a run of their own (`more`: and earlier ones not recorded one by one). */
  | {
      type: 'missed';
      schedule: string;
      occurrences: number[];
      timezone: string;
      outcome: 'missed' | 'skipped-paused';
      more: boolean;
    }
  /** With overlap: queue, the occurrence waits for the schedule's previous run to finish. */
  | { type: 'queued'; schedule: string; occurrence: number; timezone: string }
  | { type: 'run-finished'; schedule: string; occurrence: number; run: RunSummary }
  /** Something keeps a schedule (or all, schedule null) from running; reported once until it changes. */
  | { type: 'problem'; schedule: string | null; message: string };

export interface SchedulerOptions {
  workspace: Workspace;
  store: RunStore;
  engine: PipelineEngine;
  clock?: SchedulerClock;
  /** Who claims occurrences, as the claims record it (default: host and process id). */
  owner?: string;
  onEvent?: (event: SchedulerEvent) => void;
  /** Read pipewright.yaml again at every tick: for a headless scheduler; the studio reloads it itself. */
  reloadSettings?: boolean;
  /** The longest sleep between two looks at the schedules (for edits of pipewright.yaml). */
  maxSleepMs?: number;
}

interface ScheduledRun {
  schedule: string;
  occurrence: number;
  handle: RunHandle;
}

/** How often an occurrence queued behind another process's run looks whether that run ended. */
const QUEUE_POLL_MS = 1000;
/** How long another scheduler's claim may stay without its run before it no longer counts as starting. */
const STARTING_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_SLEEP_MS = 10_000;
const ORPHANED = 'the scheduler that claimed it stopped before its run started';

export class Scheduler {
  private readonly schedules: ScheduleStore;
  private readonly clock: SchedulerClock;
  private readonly owner: string;
  private readonly timings = new Map<string, CompiledTiming | TimingError>();
  private readonly firstSeen = new Map<string, number>();
  private readonly queued = new Map<string, number>();
  private readonly starting = new Set<string>();
  /** Occurrences taken over from a scheduler that died between claiming and starting them, not decided yet. */
  private readonly adopted = new Map<string, number>();
  private readonly runs = new Map<string, ScheduledRun>();
  private readonly reported = new Map<string | null, string>();
  private watchingSince = 0;
  private running = false;
  private nextOccurrence: number | null = null;
  private cancelTimer: (() => void) | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: SchedulerOptions) {
    this.schedules = new ScheduleStore(options.store.database);
    this.clock = options.clock ?? systemClock;
    this.owner = options.owner ?? `${hostname()}:${process.pid}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.watchingSince = this.clock.now();
    this.wake();
  }

  /** Looks at the schedules now (pipewright.yaml changed, a run ended). */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.again) this.wake();
      else this.sleep();
    });
  }

  /**
   * Stops deciding occurrences. Runs already started go on, unless `cancelRuns`: then they are
   * cancelled and waited for.
   */
  async stop(options: { cancelRuns?: boolean } = {}): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.ticking;
    if (!options.cancelRuns) return;
    const runs = [...this.runs.values()];
    for (const run of runs) run.handle.cancel();
    await Promise.allSettled(runs.map((run) => run.handle.done));
  }

  /** Cancels a run this scheduler started; whether it was one. */
  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    run?.handle.cancel();
    return run !== undefined;
  }

  /** Ids of the runs this scheduler started that are still going. */
  runningRunIds(): string[] {
    return [...this.runs.keys()];
  }

  private emit(event: SchedulerEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      process.emitWarning(`a scheduler event listener failed: ${errorMessage(error)}`);
    }
  }

  /** Reports a problem once, until it changes or goes away. */
  private problem(schedule: string | null, message: string | null): void {
    if (message === null) {
      this.reported.delete(schedule);
      return;
    }
    if (this.reported.get(schedule) === message) return;
    this.reported.set(schedule, message);
    this.emit({ type: 'problem', schedule, message });
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private sleep(): void {
    if (!this.running) return;
    const now = this.clock.now();
    let wait = this.options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
    if (this.queued.size > 0) wait = Math.min(wait, QUEUE_POLL_MS);
    if (this.nextOccurrence !== null) wait = Math.min(wait, this.nextOccurrence - now);
    this.cancelTimer = this.clock.setTimer(Math.max(0, wait), () => {
      this.cancelTimer = null;
      this.wake();
    });
  }

  private async tick(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.decideAll();
      } catch (error) {
        this.problem(null, `the scheduler failed: ${errorMessage(error)}`);
      }
    } while (this.again && this.running);
  }

  private async decideAll(): Promise<void> {
    const { workspace } = this.options;
    if (this.options.reloadSettings) workspace.reloadSettings();
    const settings = workspace.settings.spec;
    this.nextOccurrence = null;
    if (!settings) {
      this.problem(null, 'pipewright.yaml is not valid: no schedule runs until it is fixed (see pipewright validate)');
      return;
    }
    this.problem(null, null);
    const names = new Set(Object.keys(settings.schedules ?? {}));
    for (const known of [...this.firstSeen.keys()]) {
      if (names.has(known)) continue;
      this.firstSeen.delete(known);
      this.queued.delete(known);
      this.adopted.delete(known);
      this.reported.delete(known);
    }
    for (const schedule of workspaceSchedules(settings)) {
      if (!this.running) return;
      const timing = this.timing(schedule);
      if (!timing) continue;
      // The next wake is reckoned from the moment decided: an occurrence that passes while a run
      // starts is then due at once instead of one sleep late.
      const now = this.clock.now();
      await this.decide(schedule, timing, now);
      const next = timing.next(now);
      if (next !== null && (this.nextOccurrence === null || next < this.nextOccurrence)) this.nextOccurrence = next;
    }
  }

  private timing(schedule: ScheduleSettings): CompiledTiming | null {
    const key = `${schedule.cron}\n${schedule.timezone}`;
    let timing = this.timings.get(key);
    if (!timing) {
      try {
        timing = compileTiming({ cron: schedule.cron, timezone: schedule.timezone });
      } catch (error) {
        if (!(error instanceof TimingError)) throw error;
        timing = error;
      }
      this.timings.set(key, timing);
    }
    if (timing instanceof TimingError) {
      this.problem(schedule.name, `schedule ${schedule.name}: ${timing.message}`);
      return null;
    }
    return timing;
  }

  private async decide(schedule: ScheduleSettings, timing: CompiledTiming, now: number): Promise<void> {
    const { name, timezone } = schedule;
    const firstSeen = this.firstSeen.get(name) ?? now;
    this.firstSeen.set(name, firstSeen);
    const adopted = this.adoptOrphanedStarts(schedule, now);
    // From the last occurrence any scheduler decided; a schedule never decided starts now.
    const after = this.schedules.lastOccurrence(name) ?? firstSeen;
    const due = dueOccurrences(timing, { after, now, catchUp: schedule.catchUp, watchingSince: this.watchingSince });
    const paused = this.schedules.isPaused(name);
    if (due.missed.length > 0) {
      const outcome = paused ? 'skipped-paused' : 'missed';
      const claimed = this.schedules.claimAll(name, due.missed, this.owner, outcome, now);
      if (claimed.length > 0)
        this.emit({ type: 'missed', schedule: name, occurrences: claimed, timezone, outcome, more: due.moreMissed });
    }
    let occurrence = due.run;
    const claimed = adopted !== null && occurrence === null && !this.isLate(schedule, adopted);
    if (claimed) occurrence = adopted;
    else if (adopted !== null)
      this.orphanMissed(
        schedule,
        [adopted],
        occurrence === null ? 'catch_up: none does not run it late' : 'a later occurrence is due',
      );
    if (occurrence === null) {
      this.queued.delete(name);
      return;
    }
    if (paused) return this.decided(schedule, occurrence, 'skipped-paused', now, claimed);
    if (this.isBusy(name, now)) {
      if (schedule.overlap === 'skip') return this.decided(schedule, occurrence, 'skipped-overlap', now, claimed);
      if (this.queued.get(name) !== occurrence) this.emit({ type: 'queued', schedule: name, occurrence, timezone });
      this.queued.set(name, occurrence);
      return;
    }
    this.queued.delete(name);
    if (!this.running || (!claimed && !this.schedules.claim(name, occurrence, this.owner, 'started', now))) return;
    this.adopted.delete(name);
    await this.startRun(schedule, occurrence);
  }

  /** `claimed`: the occurrence is already this scheduler's (taken over), so only its outcome changes. */
  private decided(
    schedule: ScheduleSettings,
    occurrence: number,
    outcome: OccurrenceOutcome,
    now: number,
    claimed: boolean,
  ): void {
    if (claimed) {
      this.adopted.delete(schedule.name);
      this.schedules.setOutcome(schedule.name, occurrence, outcome);
    } else if (!this.schedules.claim(schedule.name, occurrence, this.owner, outcome, now)) return;
    this.emit({
      type: 'occurrence',
      schedule: schedule.name,
      occurrence,
      timezone: schedule.timezone,
      outcome,
      runId: null,
      message: null,
    });
  }

  /**
   * Takes over the occurrences a scheduler claimed to start and died before starting: the latest
   * is decided again like a due one, earlier ones were superseded by it and are missed.
   */
  private adoptOrphanedStarts(schedule: ScheduleSettings, now: number): number | null {
    const { name } = schedule;
    const held = this.adopted.get(name);
    if (held !== undefined) return held;
    const taken = this.schedules
      .orphanedStarts(name)
      .filter((claim) => this.schedules.takeOver(name, claim, this.owner, now))
      .map((claim) => claim.occurrence)
      .sort((a, b) => a - b);
    const latest = taken.pop();
    if (taken.length > 0) this.orphanMissed(schedule, taken, 'a later occurrence is due');
    if (latest === undefined) return null;
    this.adopted.set(name, latest);
    return latest;
  }

  private orphanMissed(schedule: ScheduleSettings, occurrences: number[], why: string): void {
    this.adopted.delete(schedule.name);
    for (const occurrence of occurrences)
      this.schedules.setOutcome(schedule.name, occurrence, 'missed', `${ORPHANED}; ${why}`);
    this.emit({
      type: 'missed',
      schedule: schedule.name,
      occurrences,
      timezone: schedule.timezone,
      outcome: 'missed',
      more: false,
    });
  }

  /** catch_up: none leaves an occurrence that passed while no scheduler watched. */
  private isLate(schedule: ScheduleSettings, occurrence: number): boolean {
    return schedule.catchUp === 'none' && occurrence < this.watchingSince - ON_TIME_GRACE_MS;
  }

  /** Whether the schedule's previous run is still going, here or in another live process. */
  private isBusy(name: string, now: number): boolean {
    if (this.starting.has(name) || [...this.runs.values()].some((run) => run.schedule === name)) return true;
    if (
      this.schedules.runningRuns(name).some((run) => isProcessRunning({ pid: run.ownerPid, started: run.ownerStarted }))
    )
      return true;
    return this.schedules.startingElsewhere(name, this.owner, now - STARTING_TIMEOUT_MS);
  }

  private async startRun(schedule: ScheduleSettings, occurrence: number): Promise<void> {
    const { engine } = this.options;
    const { name, timezone } = schedule;
    this.starting.add(name);
    try {
      const plan = await engine.plan(scheduledRunRequest(this.options.workspace.root, schedule));
      const handle = engine.start(plan);
      this.schedules.setRun(name, occurrence, handle.runId);
      this.runs.set(handle.runId, { schedule: name, occurrence, handle });
      this.emit({
        type: 'occurrence',
        schedule: name,
        occurrence,
        timezone,
        outcome: 'started',
        runId: handle.runId,
        message: null,
      });
      void handle.done
        .then(
          (finished) => this.emit({ type: 'run-finished', schedule: name, occurrence, run: finished.run }),
          (error: unknown) =>
            this.problem(name, `run ${handle.runId} of schedule ${name} failed to finish: ${errorMessage(error)}`),
        )
        .finally(() => {
          this.runs.delete(handle.runId);
          this.wake();
        });
    } catch (error) {
      const message = startFailure(error);
      this.schedules.setOutcome(name, occurrence, 'failed-to-start', message);
      this.emit({
        type: 'occurrence',
        schedule: name,
        occurrence,
        timezone,
        outcome: 'failed-to-start',
        runId: null,
        message,
      });
    } finally {
      this.starting.delete(name);
    }
  }
}
