// The process (or container) of one attempt of a step: the request its runner gets (the command
// or the notebook, the files it reads and writes, its variables), its log and events as it runs,
// and for a notebook step the executed notebook kept with its failed cell named.
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { notebookRunOf } from '../../../shared/pipeline/notebook-step.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { OutputTail } from '../runner/output-tail.js';
import { keepExecutedNotebook, keptNotebookPath, prepareNotebook, typedParams } from './notebook-files.js';
import type { RunPlan } from './run-plan.js';
import { codeFilesOf } from './step-cache.js';
import { planStepEnvironment } from './step-environment.js';
import type { StepLog } from './step-log.js';
import type { StartedProcess, StepLaunch, StepProcessResult, StepRunner } from '../runner/step-runner.js';

export interface AttemptProcess {
  plan: RunPlan;
  runId: string;
  stepId: string;
  spec: StepSpec;
  attempt: number;
  environment: string | null;
  runner: StepRunner;
  paramsFile: string;
  gitCommit: string | null;
  log: StepLog;
  logPath: string;
  timeoutMs: number | null;
  signal: AbortSignal;
  /** Writes to the store or the disk through the run's guard (a refused write stops the run). */
  record(what: string, write: () => void, place?: 'store' | 'disk'): void;
  emit(event: RunEvent): void;
  /** The process or container started (a process: where it runs, for recovery). Must not throw. */
  onStart(started: StartedProcess | null): void;
}

const workspacePaths = (paths: readonly string[] | undefined) =>
  (paths ?? []).map((path) => normalizeWorkspacePath(path) ?? path);

/**
 * Outputs as runners need them: normalized, but a folder declared with a trailing slash keeps
 * it, since a runner that mounts outputs (Docker) must make a folder that is not there yet as
 * a folder, not as the placeholder file it makes for a file output at the top of the workspace.
 */
const outputPaths = (paths: readonly string[] | undefined) =>
  (paths ?? []).map((path) => {
    const normalized = normalizeWorkspacePath(path);
    if (normalized === null) return path;
    return /[\\/]\s*$/.test(path) ? `${normalized}/` : normalized;
  });

/** What an attempt of the step runs and where: the same whether it starts now or is made ready ahead. */
export function stepLaunch(
  attempt: Pick<
    AttemptProcess,
    'plan' | 'runId' | 'stepId' | 'spec' | 'attempt' | 'environment' | 'paramsFile' | 'gitCommit'
  >,
): StepLaunch {
  const { plan, runId, stepId, spec } = attempt;
  const notebook = notebookRunOf(stepId, spec);
  return {
    command: spec.run ?? '',
    ...(notebook ? { notebook } : {}),
    cwd: plan.root,
    env: planStepEnvironment(plan, {
      runId,
      paramsFile: attempt.paramsFile,
      stepId,
      step: spec,
      environment: attempt.environment,
      attempt: attempt.attempt,
      gitCommit: attempt.gitCommit,
    }),
    paramsFile: attempt.paramsFile,
    // A notebook step reads its executed notebook (params injected) where it writes it.
    inputs: [...workspacePaths(spec.inputs), ...codeFilesOf(spec), ...(notebook ? [notebook.output] : [])],
    outputs: outputPaths(spec.outputs),
    owner: { pipeline: plan.pipeline.name, run: runId, step: stepId, attempt: String(attempt.attempt) },
    marker: `${runId}/${stepId}/${attempt.attempt}`,
  };
}

/**
 * Runs the attempt to its end; a process that cannot start is a result (failed-to-start), never
 * a rejection. The end of its output comes back too: it is how a failure is explained.
 */
export async function runAttemptProcess(attempt: AttemptProcess): Promise<StepProcessResult & { logTail: string }> {
  const { plan, runId, stepId, spec, log, logPath } = attempt;
  const tail = new OutputTail();
  const writeLog = (chunk: Buffer) => {
    tail.add(chunk);
    return attempt.record(`writing the log of step "${stepId}" (${logPath})`, () => log.write(chunk), 'disk');
  };
  const notebook = notebookRunOf(stepId, spec);
  const result = await Promise.resolve()
    .then(() => {
      if (notebook) prepareNotebook(plan.root, notebook, typedParams(plan.pipeline, plan.params));
      return attempt.runner.execute({
        ...stepLaunch(attempt),
        timeoutMs: attempt.timeoutMs,
        signal: attempt.signal,
        onStart: (started: StartedProcess | null) => attempt.onStart(started),
        onOutput: (stream, chunk) => {
          writeLog(chunk);
          attempt.emit({
            type: 'step-log',
            runId,
            stepId,
            attempt: attempt.attempt,
            stream,
            text: chunk.toString('utf8'),
          });
        },
        onTransfer: (progress) =>
          attempt.emit({ type: 'step-transfer', runId, stepId, attempt: attempt.attempt, ...progress }),
      });
    })
    .catch((error: unknown): StepProcessResult => ({
      outcome: 'failed-to-start',
      exitCode: null,
      signal: null,
      error: error instanceof Error ? error.message : String(error),
    }));
  // Kept even when a cell failed: the executed notebook is how the failure is read.
  const failedCell =
    notebook && result.outcome !== 'failed-to-start'
      ? keepExecutedNotebook(plan.root, plan.workspace.root, notebook, keptNotebookPath(runId, stepId, attempt.attempt))
      : null;
  if (failedCell) {
    writeLog(Buffer.from(failedCell.log));
    attempt.emit({ type: 'step-log', runId, stepId, attempt: attempt.attempt, stream: 'stderr', text: failedCell.log });
    if (failedCell.reason !== null) result.error = failedCell.reason;
  }
  return { ...result, logTail: tail.text() };
}
