// The engine every front end drives: the CLI, the studio and the tests start runs here and
// subscribe to their events. It owns no UI and no process-wide state beyond its listeners.
// Over 300 lines because starting, replaying, resuming and finishing a run share the engine's
// listeners and its data-test engine; a run's own work is in run-execution.ts.
import { basename } from 'node:path';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import type { RunEvent, RunStatus, RunSummary } from '../../../shared/run/run-types.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import { chartOptions } from '../monitoring/metric-charts.js';
import { runAlerts } from '../monitoring/run-alerts.js';
import { outputStoreOf } from '../outputs/output-store.js';
import { ReplayError, replayWorkspace } from './replay-workspace.js';
import { pruneStore, storeLimit } from '../outputs/store-eviction.js';
import { prepareRunners } from './prepare-runners.js';
import type { EnvironmentRunnerFactory, RunnerFor } from '../runner/environment-runner-factory.js';
import { currentProcessIdentity, isProcessRunning } from '../process/process-identity.js';
import type { NewRun, RunStore, StepRow } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { LocalRunner } from './local-runner.js';
import { gitMark } from './run-git-mark.js';
import { newRunId } from './run-id.js';
import { RunExecution } from './run-execution.js';
import type { JudgedWork } from '../monitoring/run-alerts.js';
import { RunRequestError, findRun, planRun } from './run-plan.js';
import type { RunPlan, RunRequest } from './run-plan.js';
import type { StepRunner } from '../runner/step-runner.js';
import { errorCode, errorMessage } from '../../../shared/text/error-message.js';

export interface RunHandle {
  runId: string;
  plan: RunPlan;
  /** Settles with the final record and the alerts it raised once every step has stopped. */
  done: Promise<FinishedRun>;
  cancel(): void;
}

export interface FinishedRun {
  run: RunSummary;
  alerts: Alert[];
}

export interface PipelineEngineOptions {
  workspace: Workspace;
  store: RunStore;
  /** Where steps without a Docker environment run; the local runner by default. */
  runner?: StepRunner;
  /**
   * Where steps of Docker environments run, given by the composition root
   * (dockerEnvironmentRunners); without it a run that has Docker steps is refused.
   */
  docker?: EnvironmentRunnerFactory;
  /** Where new run ids come from (newRunId; tests draw a taken one on purpose). */
  runIds?: () => string;
}

const MAX_ID_DRAWS = 5;

export class PipelineEngine {
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly runner: StepRunner;
  private readonly runIds: () => string;
  private dataTestEngine: Promise<DataTestEngine> | null = null;

  constructor(private readonly options: PipelineEngineOptions) {
    this.runner = options.runner ?? new LocalRunner();
    this.runIds = options.runIds ?? (() => newRunId());
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the data-test engine, if a run opened it. */
  async close(): Promise<void> {
    const opened = this.dataTestEngine;
    this.dataTestEngine = null;
    if (opened) (await opened.catch(() => null))?.close();
  }

  private dataTests(): Promise<DataTestEngine> {
    // DuckDB loads with the first data test or row count: runs without any never pay for it.
    const opening =
      this.dataTestEngine ??
      import('../data-tests/data-test-engine.js').then(({ DataTestEngine }) => DataTestEngine.open());
    this.dataTestEngine = opening;
    // A failed start is not kept: the next test tries again instead of failing for good.
    opening.catch(() => {
      if (this.dataTestEngine === opening) this.dataTestEngine = null;
    });
    return opening;
  }

  /**
   * A new run's record, under an id no other run has. Ids carry enough randomness never to
   * meet; the database's key makes sure, and a taken one is simply drawn again.
   */
  private createRun(run: Omit<NewRun, 'id'>, steps: readonly string[]): string {
    for (let draw = 1; ; draw += 1) {
      const id = this.runIds();
      try {
        this.options.store.createRun({ ...run, id }, steps);
        return id;
      } catch (error) {
        if (draw >= MAX_ID_DRAWS || errorCode(error) !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
      }
    }
  }

  /**
   * Writes the run's outcome and reads back its record. A refused write is tried once more, as
   * a failure that says why; if nothing can be written, the run still settles with the record
   * it would have had, and the next process finds it and marks it interrupted.
   */
  private recordFinish(
    runId: string,
    execution: RunExecution,
    outcome: { status: RunStatus; message: string | null },
    inMemory: (recorded: { status: RunStatus; message: string | null }) => RunSummary,
  ): RunSummary {
    const { store } = this.options;
    let { status, message } = outcome;
    try {
      store.finishRun(runId, status, message, execution.stepRows());
    } catch (error) {
      status = 'failed';
      message = `recording the end of the run in .pipewright/state.db failed: ${errorMessage(error)}${message ? `; ${message}` : ''}`;
      try {
        store.finishRun(runId, status, message, execution.stepRows());
      } catch (again) {
        process.emitWarning(`run ${runId} could not be recorded as finished: ${errorMessage(again)}`);
      }
    }
    try {
      const run = store.getRun(runId);
      if (run) return run;
    } catch (error) {
      process.emitWarning(`run ${runId} could not be read back: ${errorMessage(error)}`);
    }
    return inMemory({ status, message });
  }

  /** Keeps the output store under its limit after each run; a failure to prune never fails the run. */
  private async pruneOutputs(): Promise<void> {
    const { workspace, store } = this.options;
    try {
      await pruneStore(outputStoreOf(workspace.stateDir, store), storeLimit(workspace.settings.spec?.cache));
    } catch (error) {
      process.emitWarning(`the output store could not be pruned: ${errorMessage(error)}`);
    }
  }

  private raiseAlerts(plan: RunPlan, run: RunSummary, judged: JudgedWork): Alert[] {
    const { store, workspace } = this.options;
    const options = chartOptions(workspace.settings.spec?.monitoring);
    try {
      // The judgement's hundreds of small reads share one read transaction (one state of the
      // series, one take of the database's lock); the alerts are written after it, as a write in
      // that transaction would fail at once were another process to write meanwhile.
      const alerts = store.transaction(() =>
        runAlerts(store.monitoring, { ...run, pipeline: plan.entry.name }, judged, options),
      );
      return store.monitoring.addAlerts(alerts);
    } catch (error) {
      // Monitoring must never turn a finished run into a broken one.
      process.emitWarning(`alerts of run ${run.id} could not be raised: ${errorMessage(error)}`);
      return [];
    }
  }

  /**
   * The plan of a run. A run of a committed revision (--ref, or resuming one) first brings the
   * revision's checkout up to date; the working tree is never read or written for it.
   */
  async plan(request: RunRequest): Promise<RunPlan> {
    const { workspace, store } = this.options;
    if (request.inputsFrom !== undefined) return this.planReplay(request, request.inputsFrom);
    const resumeOf = request.resume !== undefined ? findRun(store, request.resume) : null;
    const ref = resumeOf ? resumeOf.ref : (request.ref ?? null);
    if (ref === null) return planRun(workspace, store, request);
    // Git support loads only for runs of a committed revision: a run of the working tree needs none.
    const { checkoutSource } = await import('./run-checkout.js');
    const source = await checkoutSource(workspace, ref, resumeOf?.gitCommit ?? null);
    try {
      return planRun(workspace, store, request, source);
    } catch (error) {
      source.release();
      throw error;
    }
  }

  /**
   * A replay: the one --only step, always run (never cached), in a scratch copy of the workspace
   * holding the inputs it had in run `inputsFrom`.
   */
  private async planReplay(request: RunRequest, inputsFrom: string): Promise<RunPlan> {
    const { workspace, store } = this.options;
    const only = request.selection?.only ?? [];
    const [step] = only;
    if (
      step === undefined ||
      only.length !== 1 ||
      (request.selection?.from ?? []).length > 0 ||
      (request.selection?.to ?? []).length > 0
    ) {
      throw new RunRequestError('--inputs-from replays one step: name it with --only STEP (and no --from or --to)');
    }
    if (request.resume !== undefined || request.ref !== undefined)
      throw new RunRequestError('--inputs-from cannot be combined with --resume or --ref');
    const past = findRun(store, inputsFrom);
    const asked = request.pipeline === undefined ? null : workspace.resolvePipeline(request.pipeline, request.cwd);
    if (asked && asked.file !== past.pipelineFile)
      throw new RunRequestError(`--inputs-from ${past.id} is a run of ${past.pipeline}, not of ${asked.name}`);
    let replay;
    try {
      replay = await replayWorkspace(workspace, store, past, step);
    } catch (error) {
      if (error instanceof ReplayError) throw new RunRequestError(error.message);
      throw error;
    }
    const plan = planRun(
      workspace,
      store,
      { ...request, pipeline: past.pipelineFile, cwd: workspace.root, noCache: true },
      replay.source,
    );
    return {
      ...plan,
      trigger: { kind: 'replay', name: past.id },
      replay: { inputsFrom: past.id, step, folder: replay.folder },
    };
  }

  /**
   * Records the run and starts it. The Docker environments its steps use are brought up first,
   * as part of the run: when that fails, the run ends failed with the reason, steps skipped.
   */
  start(plan: RunPlan, onProgress: (event: ProvisionEvent) => void = () => undefined): RunHandle {
    const { store } = this.options;
    const owner = currentProcessIdentity();
    // A listener that throws (a closed window) must not stop the run or the other listeners.
    const emit = (event: RunEvent) => {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          process.emitWarning(`a run event listener failed: ${errorMessage(error)}`);
        }
      }
    };
    const record = {
      pipeline: plan.pipeline.name,
      pipelineFile: plan.entry.file,
      environment: plan.environment,
      params: plan.params,
      selection: plan.selection,
      options: plan.options,
      createdAt: plan.resumeOf?.createdAt ?? Date.now(),
      ...(plan.revision
        ? { gitBranch: plan.revision.branch, gitCommit: plan.revision.commit }
        : gitMark(this.options.workspace.root, plan.resumeOf)),
      // A replay is not a run of the branch: it never stands for the branch's last run (the
      // experiment list, what the output store keeps for a switch back).
      ...(plan.replay ? { gitBranch: null } : {}),
      ref: plan.revision?.ref ?? null,
      trigger: plan.trigger,
    };
    const prepare = (signal: AbortSignal): Promise<RunnerFor> =>
      prepareRunners(plan, { local: this.runner, docker: this.options.docker ?? null }, onProgress, signal, (images) =>
        store.setRunImages(runId, images),
      );
    const executionOf = (runId: string, previous: ReadonlyMap<string, StepRow>) =>
      new RunExecution({
        runId,
        plan,
        store,
        prepare,
        emit,
        previous,
        dataTests: () => this.dataTests(),
        gitCommit: record.gitCommit,
      });
    let runId: string;
    let execution: RunExecution;
    if (plan.resumeOf) {
      runId = plan.resumeOf.id;
      const live = store.runningRuns().find((run) => run.id === runId);
      if (live && isProcessRunning({ pid: live.ownerPid, started: live.ownerStarted })) {
        plan.release();
        throw new RunRequestError(`run ${runId} is still running (process ${String(live.ownerPid)})`);
      }
      execution = executionOf(runId, new Map(store.stepRows(runId).map((row) => [row.id, row])));
      store.resumeRun(runId, owner, plan.steps, execution.resetRows());
    } else {
      const replayFolder = plan.replay ? { replayFolder: basename(plan.replay.folder) } : {};
      runId = this.createRun({ ...record, owner, ...replayFolder }, plan.steps);
      execution = executionOf(runId, new Map());
    }
    const header = { id: runId, ...record };
    emit({
      type: 'run-started',
      run: execution.snapshot({
        ...header,
        images: {},
        status: 'running',
        finishedAt: null,
        durationMs: null,
        message: null,
      }),
    });

    const done = execution
      .execute()
      .catch((error: unknown) => ({
        status: 'failed' as const,
        message: `internal error: ${errorMessage(error)}`,
      }))
      .then(({ status, message }) => {
        const run = this.recordFinish(runId, execution, { status, message }, (recorded) => {
          const finishedAt = Date.now();
          return execution.snapshot({
            ...header,
            images: {},
            ...recorded,
            finishedAt,
            durationMs: finishedAt - header.createdAt,
          });
        });
        const alerts = this.raiseAlerts(plan, run, execution.measurements.judged);
        emit({ type: 'run-finished', run, alerts });
        return { run, alerts };
      })
      .then(async (finished) => {
        await this.pruneOutputs();
        return finished;
      })
      .finally(() => plan.release());
    return { runId, plan, done, cancel: () => execution.cancel() };
  }
}
