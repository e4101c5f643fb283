// The shapes of rows in the run-state database, the records the engine writes into it, and how
// rows read as the engine's records.
import type { StepSelection } from '../../../shared/dag/select-steps.js';
import type { StepFailure } from '../../../shared/run/failure-summary.js';
import type { ResolvedParams } from '../../../shared/pipeline/params.js';
import type {
  RunOptions,
  RunStatus,
  RunTrigger,
  RunTriggerKind,
  StepRunSummary,
  StepStatus,
  TestResult,
} from '../../../shared/run/run-types.js';
import { storedJson } from './typed-rows.js';

export interface RunOwner {
  pid: number;
  started: string;
}

export interface NewRun {
  id: string;
  pipeline: string;
  pipelineFile: string;
  environment: string | null;
  params: ResolvedParams;
  selection: StepSelection;
  options: RunOptions;
  createdAt: number;
  owner: RunOwner;
  /** The branch and commit checked out when the run started (null outside a repository). */
  gitBranch: string | null;
  gitCommit: string | null;
  ref: string | null;
  trigger: RunTrigger;
  /** A replay's scratch folder: its name under .pipewright/replays/. */
  replayFolder?: string;
}

export interface AttemptProcess {
  pid: number;
  /** The process's start time as process-identity.ts reads it; null where it could not be read. */
  started: string | null;
}

export interface OutputHash {
  path: string;
  hash: string;
}

export interface CacheEntry {
  runId: string;
  stepId: string;
  testsKey: string;
  outputs: OutputHash[];
  tests: TestResult[];
}

export interface FileHashRow {
  size: number;
  mtimeMs: number;
  inode: number;
  hash: string;
  hashedAt: number;
}

export interface StepRow extends Omit<StepRunSummary, 'tests' | 'cached'> {
  cacheKey: string | null;
}

export interface RunRow {
  id: string;
  pipeline: string;
  pipeline_file: string;
  environment: string | null;
  status: RunStatus;
  params: string;
  selection: string;
  options: string;
  created_at: number;
  finished_at: number | null;
  owner_pid: number | null;
  owner_started: string | null;
  message: string | null;
  git_branch: string | null;
  git_commit: string | null;
  ref: string | null;
  trigger: RunTriggerKind;
  trigger_name: string | null;
  images: string;
}
export interface StepDbRow {
  step_id: string;
  status: StepStatus;
  cached_from: string | null;
  attempts: number;
  exit_code: number | null;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  cache_key: string | null;
  log_path: string | null;
  message: string | null;
  failure: string | null;
}
export interface TestDbRow {
  step_id: string;
  test_index: number;
  name: string;
  kind: string;
  severity: TestResult['severity'];
  stage: TestResult['stage'];
  outcome: TestResult['outcome'];
  observed: number | null;
  expected: string | null;
  exit_code: number | null;
  duration_ms: number;
  message: string | null;
  log_path: string | null;
}

export function toStepRow(row: StepDbRow): StepRow {
  return {
    id: row.step_id,
    status: row.status,
    cachedFrom: row.cached_from,
    attempts: row.attempts,
    exitCode: row.exit_code,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    cacheKey: row.cache_key,
    logPath: row.log_path,
    message: row.message,
    failure: row.failure === null ? null : storedJson<StepFailure>(row.failure),
  };
}

export function toTestResult(row: TestDbRow): TestResult {
  return {
    index: row.test_index,
    name: row.name,
    kind: row.kind,
    severity: row.severity,
    stage: row.stage,
    outcome: row.outcome,
    observed: row.observed,
    expected: row.expected,
    exitCode: row.exit_code,
    durationMs: row.duration_ms,
    message: row.message,
    logPath: row.log_path,
  };
}
