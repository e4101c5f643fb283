// One run in progress: schedules ready steps up to the parallel limit, skips what a failure
// makes impossible, and records every transition in the store before telling anyone about it (a
// tick's writes commit together). Each step's own work (condition, cache, tests, attempts) is
// step-execution.ts, which this lends what it needs. Over 300 lines because scheduling and
// recording share why the run stopped: a refused write stops it, and that reason decides how
// its unfinished steps end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paramValues } from '../../../shared/pipeline/params.js';
import { errorMessage } from '../../../shared/text/error-message.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import { DONE_OK, KEPT_ON_RESUME } from '../../../shared/run/run-types.js';
import type { RunEvent, RunStatus, RunSummary, StepStatus } from '../../../shared/run/run-types.js';
import { IllegalStepTransition, moveStep } from '../../../shared/run/step-lifecycle.js';
import type { RunStore, StepRow } from '../store/run-store.js';
import { RunMeasurements } from './run-measurements.js';
import { runStatusOf, startingStates, stepRow, stepSummary } from './step-state.js';
import type { StepState } from './step-state.js';
import { StepExecution } from './step-execution.js';
import { RunGraph } from './run-graph.js';
import type { RunPlan } from './run-plan.js';
import { StepsMadeAhead } from './look-ahead.js';
import { TickRecorder } from './tick-recorder.js';
import type { StepRunner } from '../runner/step-runner.js';
import { present } from '../../../shared/invariant/present.js';

const NOT_PREPARED = (): never => {
  throw new Error('runners are not prepared yet');
};

export interface RunContext {
  runId: string;
  plan: RunPlan;
  store: RunStore;
  /** Gets the runners ready (Docker environments up); says where a step of an environment runs. */
  prepare(signal: AbortSignal): Promise<(environment: string | null) => StepRunner>;
  emit(event: RunEvent): void;
  /** The embedded analytical engine for data tests and row counts, opened on first use. */
  dataTests(): Promise<DataTestEngine>;
  /** Step rows as a resumed run left them; empty for a new run. */
  previous: ReadonlyMap<string, StepRow>;
  /** The commit the run's pipeline comes from, which steps see as PW_GIT_COMMIT. */
  gitCommit: string | null;
}

export class RunExecution {
  private readonly states: Map<string, StepState>;
  private readonly ready: StepState[];
  private readonly abort = new AbortController();
  private readonly graph: RunGraph;
  private readonly paramsFile: string;
  private readonly recorder: TickRecorder;
  /** Steps under way, restoring included. */
  private active = 0;
  /** Steps holding one of the run's `maxParallel` places: deciding, running a command, testing. */
  private readonly placed = new Set<StepState>();
  /** Steps whose restore failed, waiting for a place to run their command, by position. */
  private readonly waitingForPlace: Array<{ state: StepState; resume: () => void }> = [];
  private runnerFor: (environment: string | null) => StepRunner = NOT_PREPARED;
  /** Steps whose next attempt a runner got ready while the step before them ran (look-ahead.ts). */
  private readonly madeAhead: StepsMadeAhead;
  /** The runners steps ran on: the run ends once each has settled what its ended steps left. */
  private readonly runners = new Set<StepRunner>();
  private stopReason: 'cancelled' | 'fail-fast' | 'fault' | null = null;
  /** Why the run stopped on its own: a write the store refused, or a bug. */
  private faultReason: string | null = null;
  readonly measurements: RunMeasurements;
  private readonly steps: StepExecution;
  private finished!: () => void;

  constructor(private readonly context: RunContext) {
    const { plan, store, runId } = context;
    this.recorder = new TickRecorder(store);
    this.measurements = new RunMeasurements({
      ...context,
      signal: this.abort.signal,
      record: (what, write) => this.record(what, write),
      emit: (event) => this.tell(event),
    });
    this.graph = new RunGraph(plan.graph, plan.steps);
    this.paramsFile = join(plan.workspace.stateDir, 'runs', runId, 'params.json');
    this.madeAhead = new StepsMadeAhead({
      ...context,
      paramsFile: this.paramsFile,
      runnerFor: (environment) => this.runnerFor(environment),
    });
    this.steps = new StepExecution({
      runId,
      plan,
      store,
      gitCommit: context.gitCommit,
      paramsFile: this.paramsFile,
      signal: this.abort.signal,
      graph: this.graph,
      madeAhead: this.madeAhead,
      measurements: this.measurements,
      dataTests: () => context.dataTests(),
      stateOf: (id) => this.stateOf(id),
      cacheKeyOf: (id) => this.states.get(id)?.cacheKey ?? null,
      runnerFor: (environment) => this.runnerFor(environment),
      stopped: () => this.stopReason !== null,
      transition: (...args) => this.transition(...args),
      stop: (...args) => this.stop(...args),
      record: (what, write, place) => this.record(what, write, place),
      tell: (event) => this.tell(event),
      afterCommit: (report) => this.recorder.afterCommit(report),
      givePlaceUp: (state) => this.givePlaceUp(state),
      takePlace: (state) => this.takePlace(state),
    });
    ({ states: this.states, ready: this.ready } = startingStates(plan.steps, context.previous, this.graph));
  }

  /** The steps to reset when resuming: everything not already done. */
  resetRows(): StepRow[] {
    return [...this.states.values()]
      .filter((state) => !KEPT_ON_RESUME.has(state.status))
      .map((state) => stepRow(state));
  }

  /** Every step as the run last knew it: the final record, whatever writes were refused on the way. */
  stepRows(): StepRow[] {
    return [...this.states.values()].map((state) => stepRow(state));
  }

  cancel(): void {
    if (this.stopReason) return;
    this.stopReason = 'cancelled';
    this.abort.abort();
  }

  async execute(): Promise<{ status: RunStatus; message: string | null }> {
    try {
      mkdirSync(join(dirname(this.paramsFile), 'logs'), { recursive: true });
      writeFileSync(this.paramsFile, `${JSON.stringify(paramValues(this.context.plan.params), null, 2)}\n`);
      const prepared = await this.context.prepare(this.abort.signal);
      this.runnerFor = (environment) => {
        const runner = prepared(environment);
        this.runners.add(runner);
        return runner;
      };
    } catch (error) {
      const cancelled = this.stopReason === 'cancelled';
      const message =
        this.faultReason ?? (cancelled ? 'cancelled while preparing its environments' : errorMessage(error));
      for (const state of this.states.values()) {
        if (state.status === 'pending')
          this.transition(state, cancelled ? 'cancelled' : 'skipped', { message: `not started: ${message}` });
      }
      this.recorder.flush();
      return { status: cancelled ? 'cancelled' : 'failed', message };
    }
    await new Promise<void>((resolve) => {
      this.finished = resolve;
      this.pump();
    });
    await this.steps.replacedRemoved();
    await Promise.all([...this.runners].map((runner) => runner.settled()));
    for (const state of this.states.values()) {
      if (state.status === 'running') {
        // Every path of a step ends it; one that did not is a bug, and the run says so.
        const message = `internal error: step "${state.id}" was still running when the run ended`;
        this.fault(message);
        this.transition(state, 'failed', { finishedAt: Date.now(), message });
      }
      if (state.status !== 'pending') continue;
      if (this.stopReason === 'cancelled')
        this.transition(state, 'cancelled', { message: 'not started: the run was cancelled' });
      else if (this.stopReason === 'fail-fast')
        this.transition(state, 'skipped', { message: 'not started: --fail-fast stopped the run' });
      else this.transition(state, 'skipped', { message: `not started: ${this.faultReason ?? 'the run stopped'}` });
    }
    // The run's end is recorded after everything it did: the last tick's writes commit first.
    this.recorder.flush();
    return {
      status: runStatusOf([...this.states.values()], this.faultReason !== null, this.stopReason),
      message: this.faultReason,
    };
  }

  private pump(): void {
    const { maxParallel } = this.context.plan.options;
    // A step that waited for a place goes before a new one: it is further along.
    while (this.placed.size < maxParallel) {
      const waiting = this.waitingForPlace.shift();
      if (waiting === undefined) break;
      this.placed.add(waiting.state);
      waiting.resume();
    }
    while (!this.stopReason && this.placed.size < maxParallel) {
      const state = this.ready.shift();
      if (state === undefined) break;
      this.placed.add(state);
      this.active += 1;
      void this.steps
        .execute(state)
        .catch((error: unknown) => {
          // A bug, not a step's failure: the run stops and says so. An illegal move is one too.
          const message = `internal error in step "${state.id}": ${error instanceof Error ? error.message : String(error)}`;
          this.fault(message);
          if (state.status === 'pending' || state.status === 'running')
            this.transition(state, 'failed', { finishedAt: Date.now(), message });
        })
        .catch((error: unknown) => {
          // Only an illegal move while recording the failure gets here: the step is failed all the same.
          if (!(error instanceof IllegalStepTransition)) throw error;
          state.status = 'failed';
        })
        .finally(() => {
          // A step that ended well frees its place now: a step beside it (not after it) starts
          // in this tick, its attempt committed with this step's end in one transaction. A
          // failure keeps its place until committed, as --fail-fast must stop the run first.
          if (KEPT_ON_RESUME.has(state.status) && this.placed.delete(state)) this.pump();
          // What follows a step starts once its end is committed: nothing builds on an unrecorded success.
          this.recorder.afterCommit(() => {
            this.active -= 1;
            this.placed.delete(state);
            try {
              this.afterStep(state);
            } finally {
              this.pump();
            }
          });
        });
    }
    if (this.active === 0 && (this.ready.length === 0 || this.stopReason)) this.finished();
  }

  /**
   * `maxParallel` bounds the commands a run has going at once. A cache hit whose outputs come
   * back from the store runs none: it gives its place up while it copies, so the steps beside
   * it get on (a switch-back re-run restores a whole layer at once, not two files at a time).
   * A hit without tests runs none at all, and gives its place up as soon as it is found.
   */
  private givePlaceUp(state: StepState): void {
    if (this.placed.delete(state)) this.pump();
  }

  /** A place again, for a step that gave its place up and must run its command after all. */
  private async takePlace(state: StepState): Promise<void> {
    if (this.placed.has(state)) return;
    if (this.placed.size < this.context.plan.options.maxParallel && this.waitingForPlace.length === 0) {
      this.placed.add(state);
      return;
    }
    await new Promise<void>((resume) => {
      const at = this.waitingForPlace.findIndex((other) => other.state.position > state.position);
      this.waitingForPlace.splice(at === -1 ? this.waitingForPlace.length : at, 0, { state, resume });
    });
  }

  private afterStep(state: StepState): void {
    if (KEPT_ON_RESUME.has(state.status)) {
      for (const next of this.graph.downstream(state.id)) {
        const nextState = this.stateOf(next);
        nextState.waitingOn -= 1;
        if (nextState.waitingOn === 0 && nextState.status === 'pending') this.enqueue(nextState);
      }
      return;
    }
    // A cancelled run marks whatever did not start as cancelled when it ends.
    if (this.stopReason === 'cancelled') return;
    if (state.status === 'failed' && this.context.plan.options.failFast && !this.stopReason) {
      this.stopReason = 'fail-fast';
      this.abort.abort();
    }
    this.skipDownstream(state);
  }

  /** The state of a step of this run: every step the plan selected has one from the start. */
  private stateOf(id: string): StepState {
    return present(this.states.get(id), `the state of step "${id}"`);
  }

  private skipDownstream(failed: StepState): void {
    const queue = [...this.graph.downstream(failed.id)];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const next = this.stateOf(id);
      if (next.status !== 'pending') continue;
      const index = this.ready.indexOf(next);
      if (index >= 0) this.ready.splice(index, 1);
      this.transition(next, 'skipped', { message: `upstream step "${failed.id}" ${failed.status}` });
      queue.push(...this.graph.downstream(next.id));
    }
  }

  private enqueue(state: StepState): void {
    const at = this.ready.findIndex((other) => other.position > state.position);
    if (at === -1) this.ready.push(state);
    else this.ready.splice(at, 0, state);
  }

  /**
   * Every status change of a step: checked against the lifecycle (an illegal one throws, a bug),
   * applied, recorded (`write`, the step's row by default) with the tick's writes, then reported.
   */
  private transition(
    state: StepState,
    status: StepStatus,
    patch: Partial<Omit<StepRow, 'status'>> = {},
    write: (row: StepRow) => void = (row) => this.context.store.updateStep(this.context.runId, row),
  ): void {
    const next = moveStep(state.id, state.status, status);
    if (next !== 'pending' && next !== 'running') this.madeAhead.forget(state.id);
    const row: StepRow = { ...stepRow(state), ...patch, status: next };
    if (row.finishedAt !== null && row.startedAt !== null) row.durationMs = row.finishedAt - row.startedAt;
    Object.assign(state, row);
    const step = stepSummary(state);
    this.record(
      `recording step "${state.id}"`,
      () => write(row),
      'store',
      () => {
        // A success whose record (outputs, cache entry) could not be written is no success to build on.
        if (!DONE_OK.has(next)) return;
        Object.assign(state, { status: 'failed', message: this.faultReason });
        Object.assign(step, { status: 'failed', cached: false, message: this.faultReason });
      },
    );
    this.tell({ type: 'step-status', runId: this.context.runId, step });
  }

  /** Ends a step the run stopped: cancelled (Ctrl-C, --fail-fast), or failed when the run stopped on a fault. */
  private stop(state: StepState, detail: string, patch: Partial<Omit<StepRow, 'status'>> = {}): void {
    const finishedAt = Date.now();
    if (this.stopReason === 'fault')
      this.transition(state, 'failed', { finishedAt, ...patch, message: this.faultReason });
    else this.transition(state, 'cancelled', { finishedAt, ...patch, message: detail });
  }

  /**
   * A write the run needs, to the store with the tick's writes or to disk now. One refused (the
   * database busy, the disk full) stops the run, which ends failed saying why; `refused` hears of
   * it first. Never throws: it is what callbacks of processes and streams call instead of throwing.
   */
  private record(
    what: string,
    write: () => void,
    place: 'store' | 'disk' = 'store',
    refused: () => void = () => undefined,
  ): void {
    const fail = (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      const [where, remedy] =
        place === 'store'
          ? [' in .pipewright/state.db', 'free disk space or close the program holding the database']
          : ['', 'free disk space'];
      this.fault(
        `${what}${where} failed: ${reason}; the run stopped (${remedy}, then complete it with --resume ${this.context.runId})`,
      );
      refused();
    };
    if (place === 'store') this.recorder.write(write, fail);
    else {
      try {
        write();
      } catch (error) {
        fail(error);
      }
    }
  }

  /** Reports an event of the run once the writes before it are committed. */
  private tell(event: RunEvent): void {
    this.recorder.afterCommit(() => this.context.emit(event));
  }

  private fault(reason: string): void {
    this.faultReason ??= reason;
    if (this.stopReason === 'cancelled' || this.stopReason === 'fault') return;
    this.stopReason = 'fault';
    this.abort.abort();
  }

  snapshot(run: Omit<RunSummary, 'steps'>): RunSummary {
    return { ...run, steps: [...this.states.values()].map((state) => stepSummary(state)) };
  }
}
