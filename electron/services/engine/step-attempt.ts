// One attempt of a step as its run records it: on record before its command starts, its log
// kept, its end recorded, then a success, a retry to come, or the step's end. The process itself
// is attempt-process.ts; the steps got ready beside it, look-ahead.ts.
import { join } from 'node:path';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import type { RunStore } from '../store/run-store.js';
import type { StepRunner } from '../runner/step-runner.js';
import { explainAttempt } from './attempt-failure.js';
import { runAttemptProcess } from './attempt-process.js';
import type { StepsMadeAhead } from './look-ahead.js';
import type { RunGraph } from './run-graph.js';
import type { RunPlan } from './run-plan.js';
import type { StepEnd } from './step-completion.js';
import { StepLog } from './step-log.js';
import type { StepState } from './step-state.js';

/** What the run lends an attempt: its records, its runners, and whether it stopped. */
export interface AttemptRun {
  plan: RunPlan;
  runId: string;
  store: RunStore;
  paramsFile: string;
  gitCommit: string | null;
  signal: AbortSignal;
  graph: RunGraph;
  madeAhead: StepsMadeAhead;
  /** The state of a step of this run: every step the plan selected has one. */
  stateOf(id: string): StepState;
  runnerFor(environment: string | null): StepRunner;
  /** Whether the run stopped (cancelled, --fail-fast, a fault): read when it is needed, never kept. */
  stopped(): boolean;
  transition: StepEnd['transition'];
  stop: StepEnd['stop'];
  /** A write to the store with the tick's writes, or to disk now; a refused one stops the run, never throws. */
  record(what: string, write: () => void, place?: 'store' | 'disk'): void;
  /** Reports an event of the run once the writes before it are committed. */
  tell(event: RunEvent): void;
  /** Runs `report` once every write queued before it is committed. */
  afterCommit(report: () => void): void;
}

export interface StepAttempt {
  state: StepState;
  spec: StepSpec;
  attempt: number;
  /** Whether a failure is retried: the step has retries left. */
  mayRetry: boolean;
  /** When the step's first attempt (or its input tests) started. */
  startedAt: number;
  environment: string | null;
}

/** Runs one attempt; leaves the step `running` on success (tests come next), final otherwise. */
export async function runStepAttempt(run: AttemptRun, step: StepAttempt): Promise<'succeeded' | 'failed'> {
  const { plan, runId, store } = run;
  const { state, spec, attempt, mayRetry, startedAt, environment } = step;
  const logPath = `.pipewright/runs/${runId}/logs/${state.id}.${attempt}.log`;
  const log = new StepLog(join(plan.workspace.root, logPath));
  const timeoutMs = spec.timeout === undefined ? null : parseDurationMs(spec.timeout);
  // The step runs from the moment its attempt begins: a process or container that then fails
  // to start is a failed attempt of a running step, retried like any other.
  const attemptStartedAt = Date.now();
  run.transition(
    state,
    'running',
    { attempts: attempt, startedAt, logPath, exitCode: null, finishedAt: null, message: null, failure: null },
    (row) => store.startAttempt(runId, row, attemptStartedAt),
  );
  // A command runs only once its attempt is on record: a refused write stops the run before it.
  await new Promise<void>((resolve) => run.afterCommit(resolve));
  const result = await runAttemptProcess({
    plan,
    runId,
    stepId: state.id,
    spec,
    attempt,
    environment,
    runner: run.runnerFor(environment),
    paramsFile: run.paramsFile,
    gitCommit: run.gitCommit,
    log,
    logPath,
    timeoutMs,
    signal: run.signal,
    record: (what, write, place) => run.record(what, write, place),
    emit: (event) => run.tell(event),
    onStart: (started) => {
      // Now that this step runs, the next one's place is got ready beside it, not before it.
      if (!run.stopped())
        run.madeAhead.after(
          state,
          run.graph.downstream(state.id).map((id) => run.stateOf(id)),
        );
      if (started)
        run.record(`recording the process of step "${state.id}"`, () =>
          store.attemptProcess(runId, state.id, attempt, started),
        );
    },
  });
  run.madeAhead.forget(state.id);
  run.record(`writing the log of step "${state.id}" (${logPath})`, () => log.close(), 'disk');
  const outcome = result.outcome === 'exited' && result.exitCode === 0 ? 'succeeded' : 'failed';
  run.record(`recording attempt ${attempt} of step "${state.id}"`, () =>
    store.finishAttempt(runId, state.id, attempt, {
      exitCode: result.exitCode,
      signal: result.signal,
      outcome: result.outcome,
    }),
  );
  if (outcome === 'succeeded') return outcome;

  const { failure, message } = explainAttempt(plan, spec, environment, result);
  const retrying = !run.stopped() && mayRetry && result.outcome !== 'cancelled';
  if (retrying) {
    run.transition(state, 'running', { message: `attempt ${attempt} failed (${message}); retrying`, failure });
    return outcome;
  }
  const patch = { attempts: attempt, startedAt, exitCode: result.exitCode, finishedAt: Date.now(), logPath, failure };
  if (run.stopped() || result.outcome === 'cancelled') run.stop(state, message, patch);
  else run.transition(state, 'failed', { ...patch, message });
  return outcome;
}
