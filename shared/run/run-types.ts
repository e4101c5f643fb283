// What a run is, as every layer sees it: the engine records it, the CLI prints it, and the
// studio draws it on the canvas. Plain data only, so it crosses the IPC boundary as is.
import type { ResolvedParams } from '../pipeline/params.js';
import type { TestSeverity, TestStage } from '../pipeline/test-schema.js';
import type { StepSelection } from '../dag/select-steps.js';
import type { Alert } from '../monitoring/monitoring-types.js';
import type { StepFailure } from './failure-summary.js';

/** skipped: an upstream step failed or the run stopped; skipped-condition: its `when:` (or an upstream step's) was false. */
export const STEP_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cached',
  'skipped',
  'cancelled',
  'interrupted',
  'warned',
  'skipped-condition',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const RUN_STATUSES = ['running', 'succeeded', 'warned', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses after which downstream steps may run, and which a resume keeps. */
export const DONE_OK: ReadonlySet<StepStatus> = new Set(['succeeded', 'cached', 'warned']);
export const FINAL_STEP_STATUSES: ReadonlySet<StepStatus> = new Set([
  'succeeded',
  'failed',
  'cached',
  'skipped',
  'cancelled',
  'interrupted',
  'warned',
  'skipped-condition',
]);
/** Statuses a resume keeps as they are: a step skipped by its condition is decided by the run's params, which a resume keeps too. */
export const KEPT_ON_RESUME: ReadonlySet<StepStatus> = new Set([...DONE_OK, 'skipped-condition']);

export type TestOutcome = 'passed' | 'failed' | 'error';

export interface TestResult {
  index: number;
  name: string;
  kind: string;
  severity: TestSeverity;
  /** input: checked before the step ran; output: after. */
  stage: TestStage;
  /** passed and failed are the check's verdict; error: the test could not run (missing file, unknown column...). */
  outcome: TestOutcome;
  /** What a data test measured: failing rows, the row count, an age in seconds; null for a logic test or an error. */
  observed: number | null;
  /** What passes, in words ("0 failing rows", "1000 to 5000 rows"); null for a logic test. */
  expected: string | null;
  exitCode: number | null;
  durationMs: number;
  message: string | null;
  logPath: string | null;
}

export interface StepRunSummary {
  id: string;
  status: StepStatus;
  cached: boolean;
  /** For a cached step: the run whose execution it reused. */
  cachedFrom: string | null;
  attempts: number;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  logPath: string | null;
  message: string | null;
  /** Why the step failed, when it did (absent from records made before summaries were kept). */
  failure?: StepFailure | null;
  tests: TestResult[];
}

/** What started a run: a person (CLI, studio), a schedule, a promotion's gate, or a replay of a past run's step. */
export const RUN_TRIGGERS = ['manual', 'schedule', 'promotion', 'replay'] as const;
export type RunTriggerKind = (typeof RUN_TRIGGERS)[number];

export interface RunTrigger {
  kind: RunTriggerKind;
  /** The schedule's name, the branch being promoted, or the run whose inputs a replay used; null for a manual run. */
  name: string | null;
}

export interface RunOptions {
  maxParallel: number;
  failFast: boolean;
  noCache: boolean;
}

export interface RunSummary {
  id: string;
  pipeline: string;
  pipelineFile: string;
  environment: string | null;
  status: RunStatus;
  params: ResolvedParams;
  selection: StepSelection;
  options: RunOptions;
  createdAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  message: string | null;
  /** The git branch and commit the run started on (null outside a repository or detached). */
  gitBranch: string | null;
  gitCommit: string | null;
  /** The ref a run of a committed revision was asked for (--ref); null for the working tree. */
  ref: string | null;
  trigger: RunTrigger;
  /** The image id each Docker environment of the run used. */
  images: Record<string, string>;
  steps: StepRunSummary[];
}

/** A run in a history list: its outcome and how many steps ended in each status. */
export interface RunListItem {
  id: string;
  pipeline: string;
  environment: string | null;
  status: RunStatus;
  createdAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  gitBranch: string | null;
  gitCommit: string | null;
  ref: string | null;
  trigger: RunTrigger;
  steps: Partial<Record<StepStatus, number>>;
}

/** Where a page of run history ends: the next page starts after this run. */
export interface RunCursor {
  createdAt: number;
  id: string;
}

export type RunEvent =
  | { type: 'run-started'; run: RunSummary }
  | { type: 'step-status'; runId: string; step: StepRunSummary }
  | { type: 'step-log'; runId: string; stepId: string; attempt: number; stream: 'stdout' | 'stderr'; text: string }
  /** A step's files being copied to its engine (in) or its outputs back (out): a remote docker_host, transfer: copy. */
  | {
      type: 'step-transfer';
      runId: string;
      stepId: string;
      attempt: number;
      direction: 'in' | 'out';
      files: number;
      bytes: number;
      done: boolean;
    }
  | { type: 'test-result'; runId: string; stepId: string; result: TestResult }
  | { type: 'run-finished'; run: RunSummary; alerts: Alert[] };
