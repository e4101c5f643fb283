// What a run measures as it goes: each test result, the row counts its data tests took, and
// the metrics every executed step adds to its pipeline's series. It also remembers which work
// this execution did itself, since only that may raise alerts (a resume re-judges nothing).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { RunEvent, TestResult } from '../../../shared/run/run-types.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import type { JudgedWork } from '../monitoring/run-alerts.js';
import type { RunStore } from '../store/run-store.js';
import type { RunPlan } from './run-plan.js';
import { stepMetrics } from './step-metrics.js';

export interface MeasuredStep {
  id: string;
  tests: TestResult[];
  logPath: string | null;
  attempts: number;
}

export interface MeasurementContext {
  runId: string;
  plan: RunPlan;
  store: RunStore;
  emit(event: RunEvent): void;
  dataTests(): Promise<DataTestEngine>;
  /** Stops a row count in progress (the run was cancelled): a metric never holds up a cancel. */
  signal: AbortSignal;
  /** Makes a store write; a refused one stops the run instead of throwing (run-execution.ts). */
  record(what: string, write: () => void): void;
}

export class RunMeasurements {
  readonly judged: JudgedWork = { steps: new Set(), tests: [] };
  /** Per step: rows of the files its data tests counted this run. */
  private readonly rowCounts = new Map<string, Map<string, number>>();

  constructor(private readonly context: MeasurementContext) {}

  /** A file's row count at the last successful run in this environment (row_count_change). */
  previousRowCount(path: string): number | null {
    const { plan, store } = this.context;
    return store.monitoring.lastSuccessfulValue(
      plan.entry.name,
      this.seriesEnvironment(),
      `rows:${normalizeWorkspacePath(path) ?? path}`,
    );
  }

  noteRowCount(stepId: string, path: string, rows: number): void {
    const counts = this.rowCounts.get(stepId) ?? new Map<string, number>();
    counts.set(normalizeWorkspacePath(path) ?? path, rows);
    this.rowCounts.set(stepId, counts);
  }

  recordTest(step: MeasuredStep, result: TestResult, fresh: boolean): void {
    const { runId, store, emit } = this.context;
    this.context.record(`recording test "${result.name}" of step "${step.id}"`, () =>
      store.recordTest(runId, step.id, result),
    );
    step.tests.push(result);
    if (fresh) this.judged.tests.push({ step: step.id, result });
    emit({ type: 'test-result', runId, stepId: step.id, result });
  }

  /** Adds this execution's numbers to the pipeline's metric series (cached steps add none). */
  async recordMetrics(
    step: MeasuredStep,
    spec: StepSpec,
    execution: { durationMs: number | null; outputsWritten: boolean },
  ): Promise<void> {
    const { plan, runId, store, emit } = this.context;
    const root = plan.root;
    const { metrics, problems } = await stepMetrics({
      root,
      step: spec,
      ...execution,
      tests: step.tests,
      rowCounts: this.rowCounts.get(step.id) ?? new Map(),
      // A row count is a metric, not a check: if it cannot be taken, the step still stands.
      countRows: async (path) => {
        if (this.context.signal.aborted) return null;
        try {
          return await (await this.context.dataTests()).countRows(root, path, this.context.signal);
        } catch {
          return null;
        }
      },
    });
    this.context.record(`recording the metrics of step "${step.id}"`, () =>
      store.monitoring.recordMetrics(
        runId,
        { pipeline: plan.entry.name, environment: this.seriesEnvironment(), step: step.id },
        metrics,
      ),
    );
    this.judged.steps.add(step.id);
    for (const problem of problems) {
      const text = `pipewright: ${problem}\n`;
      // Logs live in the workspace's state, also for a run of a revision checkout.
      const { logPath } = step;
      if (logPath)
        this.context.record(`writing the log of step "${step.id}"`, () =>
          appendFileSync(join(plan.workspace.root, logPath), text),
        );
      emit({ type: 'step-log', runId, stepId: step.id, attempt: step.attempts, stream: 'stderr', text });
    }
  }

  /** Series are kept per environment; runs without one form the '' series. */
  private seriesEnvironment(): string {
    return this.context.plan.environment ?? '';
  }
}
