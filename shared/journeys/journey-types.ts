// The two journeys as every layer sees them: schedules of the value pipeline, the promotion
// gate between an experiment and production, releases, the comparison of two runs, and the
// watch over production (a pipeline's monitoring in one environment).
// Plain data only, so it crosses the IPC boundary as is.
import type { Alert, MetricSummary } from '../monitoring/monitoring-types.js';
import type { CatchUpPolicy, OverlapPolicy } from '../pipeline/journey-schema.js';
import type { ParamSource } from '../pipeline/params.js';
import type { ParamValue } from '../pipeline/schema.js';
import type { RunListItem, RunStatus, StepStatus, TestOutcome } from '../run/run-types.js';

/** What became of one claimed occurrence of a schedule. */
export type OccurrenceOutcome = 'started' | 'skipped-overlap' | 'skipped-paused' | 'missed' | 'failed-to-start';

export interface ScheduleOverview {
  name: string;
  pipeline: string;
  environment: string | null;
  cron: string;
  timezone: string;
  ref: string;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  paused: boolean;
  /** The next occurrence (epoch ms), null when the expression has none left. */
  next: number | null;
  last: {
    occurrence: number;
    outcome: OccurrenceOutcome;
    runId: string | null;
    status: RunStatus | null;
    message: string | null;
  } | null;
  /** The schedule's latest runs, newest first. */
  recentRuns: RunListItem[];
  /** The release (release-N tag) the ref's commit carries, if any. */
  release: string | null;
  /** The commit the ref names now (null when it names nothing). */
  commit: string | null;
}

export type GateConditionKind = 'run' | 'tests' | 'alerts' | 'metric';

/** One condition of the gate, judged on one pipeline's candidate run. */
export interface GateCondition {
  kind: GateConditionKind;
  pipeline: string;
  /** What the condition asks, in words: "no failed error-severity test", "evaluate metrics/eval.json:auc >= 0.8". */
  label: string;
  passed: boolean;
  /** What the candidate showed, in words ("1 failed: not empty (ingest)", "0.78"). */
  observed: string;
  /** What passes, in words (">= 0.8", "no worse than production 0.81 - 0.01"). */
  required: string;
  step: string | null;
}

export interface GateReport {
  passed: boolean;
  branch: string;
  commit: string;
  environment: string | null;
  /** The candidate run of each pipeline judged (pipeline name -> run id). */
  runs: Record<string, string>;
  conditions: GateCondition[];
  judgedAt: number;
}

/** A metric of an experiment's candidate run beside production's. */
export interface MetricBeside {
  pipeline: string;
  step: string;
  metric: string;
  candidate: number | null;
  production: number | null;
  delta: number | null;
}

export interface ExperimentOverview {
  branch: string;
  commit: string | null;
  /** The branch's latest run in the gate environment, per pipeline. */
  lastRuns: RunListItem[];
  /** The gate judged on those runs; null when the branch has no run there yet. */
  gate: GateReport | null;
  metrics: MetricBeside[];
  /** The environment provisioned for this branch, if any (see env up --for-branch). */
  environment: string | null;
}

export interface ReleaseInfo {
  /** The tag: release-N. */
  name: string;
  number: number;
  /** The merge commit the tag points at. */
  commit: string;
  branch: string;
  production: string;
  createdAt: number;
  report: GateReport;
}

export type PromotionResult = 'promoted' | 'gate-failed' | 'conflict' | 'dry-run-passed' | 'up-to-date';

export interface PromotionOutcome {
  result: PromotionResult;
  report: GateReport;
  release: ReleaseInfo | null;
  /** For a conflict: the files both sides changed. */
  conflicts: string[];
  message: string;
}

/** Progress of a promotion, for the studio's live view. */
export type PromotionEvent =
  | { type: 'phase'; branch: string; phase: 'checkout' | 'run' | 'judge' | 'merge' | 'tag' | 'done'; message: string }
  | { type: 'run-started'; branch: string; pipeline: string; runId: string }
  | { type: 'finished'; branch: string; outcome: PromotionOutcome };

export interface ParamBeside {
  name: string;
  a: { value: ParamValue; source: ParamSource } | null;
  b: { value: ParamValue; source: ParamSource } | null;
  differs: boolean;
}

export interface StepBeside {
  id: string;
  a: { status: StepStatus; durationMs: number | null; cached: boolean } | null;
  b: { status: StepStatus; durationMs: number | null; cached: boolean } | null;
  differs: boolean;
}

export interface TestBeside {
  step: string;
  name: string;
  a: { outcome: TestOutcome; observed: number | null } | null;
  b: { outcome: TestOutcome; observed: number | null } | null;
  differs: boolean;
}

export interface MetricDelta {
  step: string;
  metric: string;
  a: number | null;
  b: number | null;
  delta: number | null;
  differs: boolean;
}

export interface RunSide {
  id: string;
  pipeline: string;
  status: RunStatus;
  environment: string | null;
  ref: string | null;
  gitBranch: string | null;
  gitCommit: string | null;
  trigger: string;
  createdAt: number;
  images: Record<string, string>;
}

export interface RunComparison {
  a: RunSide;
  b: RunSide;
  params: ParamBeside[];
  steps: StepBeside[];
  tests: TestBeside[];
  metrics: MetricDelta[];
  /** One line per difference, in words, for a terminal or a summary. */
  differences: string[];
}

/** A pipeline's monitoring in one environment: the recent runs, every metric, the open alerts. */
export interface MonitorOverview {
  pipeline: string;
  environment: string;
  baseline: number;
  runs: RunListItem[];
  metrics: MetricSummary[];
  alerts: Alert[];
}
