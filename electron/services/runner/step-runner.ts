// The one interface every place a step can run implements: a local process today, a Docker
// container or a cluster pod later. The engine knows nothing else about where steps run.

import type { NotebookRun } from '../../../shared/pipeline/notebook-step.js';

export type OutputStream = 'stdout' | 'stderr';

/** What an attempt runs and where: all a runner needs to get a step's place ready before it starts. */
export interface StepLaunch {
  command: string;
  /** A notebook step: the runner runs Pipewright's notebook runner on it instead of `command`. */
  notebook?: NotebookRun;
  /** Workspace root: steps see workspace-relative paths. */
  cwd: string;
  /** Pipewright's, the environment's and the step's variables (a runner adds what its place needs). */
  env: Record<string, string>;
  /** Host path of the run's params file (PW_PARAMS_FILE). */
  paramsFile: string;
  /** Workspace paths the step declares it reads, and the code files its command names. */
  inputs: readonly string[];
  /** Workspace paths the step declares it writes. */
  outputs: readonly string[];
  /** What the execution belongs to, for labels and names. */
  owner: { pipeline: string; run: string; step: string; attempt: string };
  /** Unique per execution (run/step/attempt); lets a dead run's leftovers be found. */
  marker: string;
}

export interface StepProcessRequest extends StepLaunch {
  timeoutMs: number | null;
  signal: AbortSignal;
  /** The step's process started (null: a container, found by its labels instead). Must not throw. */
  onStart(process: StartedProcess | null): void;
  /** Must not throw: the engine records a failure to keep the output as a fault of the run. */
  onOutput(stream: OutputStream, chunk: Buffer): void;
  /** Progress of copying the step's files to or from a place that cannot see the workspace. Must not throw. */
  onTransfer?(progress: TransferProgressEvent): void;
}

export interface TransferProgressEvent {
  /** in: inputs going to the step's engine; out: its outputs coming back. */
  direction: 'in' | 'out';
  files: number;
  bytes: number;
  done: boolean;
}

export interface StartedProcess {
  pid: number;
  /** Its start time as process-identity.ts reads it, so that a reused pid is never mistaken for it. */
  started: string | null;
}

/**
 * `lost`: the place the step ran in went away mid-step (the Docker engine stopped);
 * `transfer-failed`: its files could not be copied to or back from its engine (an output refused).
 */
export type StepProcessOutcome = 'exited' | 'timed-out' | 'cancelled' | 'failed-to-start' | 'lost' | 'transfer-failed';

export interface StepProcessResult {
  outcome: StepProcessOutcome;
  exitCode: number | null;
  signal: string | null;
  /** Why the process could not start or what its failure means (a command missing from the image), in words. */
  error: string | null;
}

export interface StepRunner {
  /** Part of every step's cache key: a change of where steps run invalidates them. */
  identity(): string;
  execute(request: StepProcessRequest): Promise<StepProcessResult>;
  /**
   * Settles once what the runner still does for steps that have ended (a container's removal)
   * is done: a run's end is recorded only after it, so nothing a run made outlives the run.
   */
  settled(): Promise<void>;
  /**
   * A step's attempt will probably start soon (the last step it needs is running): the runner
   * may get its place ready now (a container created), for `execute` with the same launch to
   * take. What it cannot make it leaves to the attempt, which says why; what it made and no
   * attempt took goes with `forget` or `settled`.
   */
  makeAhead?(launch: StepLaunch): void;
  /** The attempt `marker` names will not run (the step ended another way): drop what was made ahead for it. */
  forget?(marker: string): void;
}

/** Why an attempt did not succeed, in words for the run record and the UI. */
export function describeFailure(result: StepProcessResult, timeout: string | number | undefined): string {
  if (result.outcome === 'timed-out') return `timed out after ${String(timeout)}`;
  if (result.outcome === 'cancelled') return 'cancelled';
  if (result.outcome === 'failed-to-start') return `could not start: ${result.error ?? 'unknown error'}`;
  if (result.outcome === 'lost') return result.error ?? 'lost the process running the step';
  if (result.outcome === 'transfer-failed') return result.error ?? "copying the step's files failed";
  const ended = result.signal ? `killed by ${result.signal}` : `exit code ${String(result.exitCode)}`;
  return result.error ? `${ended}: ${result.error}` : ended;
}
