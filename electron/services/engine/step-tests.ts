// A step's tests of one stage, in the order they are written: input tests before the step
// runs, output tests after it succeeded. Logic tests run as commands through the step's
// runner; data tests query the files through the embedded analytical engine.
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { TestSpec, TestStage } from '../../../shared/pipeline/test-schema.js';
import { testFiles, testKind, testStage } from '../../../shared/pipeline/test-schema.js';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import type { TestResult } from '../../../shared/run/run-types.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { runCommandTest, testName } from './logic-tests.js';
import { codeFilesOf } from './step-cache.js';
import type { CommandTestRequest } from './logic-tests.js';

export interface StepTestsRequest extends CommandTestRequest {
  step: StepSpec;
  stage: TestStage;
  /** Which of the stage's tests to run (all, or only the clock-bound ones on a cached step). */
  only(test: TestSpec): boolean;
  dataTests(): Promise<DataTestEngine>;
  /** The row count of a file at the last successful run in this environment (row_count_change). */
  previousRowCount(path: string): number | null;
  /** Row counts the data tests measured on the way, so they become metrics without a second scan. */
  onRowCount(path: string, rows: number): void;
  onResult(result: TestResult): void;
}

export async function runStepTests(request: StepTestsRequest): Promise<TestResult[] | 'cancelled'> {
  const results: TestResult[] = [];
  // Data tests written one after another run as one batch, so the checks of one file share a
  // scan of it (data-test-engine.ts, runAll); results are still told in the written order.
  let dataBatch: Array<{ test: TestSpec; index: number }> = [];
  const flush = async (): Promise<boolean> => {
    const batch = dataBatch;
    dataBatch = [];
    if (batch.length === 0) return true;
    const batchResults = await runDataTests(request, batch);
    if (batchResults === 'cancelled') return false;
    for (const result of batchResults) {
      results.push(result);
      request.onResult(result);
    }
    return true;
  };
  for (const [index, test] of (request.step.tests ?? []).entries()) {
    if (testStage(test, request.step) !== request.stage || !request.only(test)) continue;
    if (request.signal.aborted) return 'cancelled';
    if (testKind(test) !== 'command') {
      dataBatch.push({ test, index });
      continue;
    }
    if (!(await flush())) return 'cancelled';
    const result = await runCommandTest(request, test, index, request.stage, commandTestFiles(request.step, test));
    if (result === 'cancelled') return 'cancelled';
    results.push(result);
    request.onResult(result);
  }
  return (await flush()) ? results : 'cancelled';
}

/** What a logic test may read: the step's declared files (those present) and the code its command names. */
function commandTestFiles(step: StepSpec, test: TestSpec): string[] {
  const declared = [...(step.inputs ?? []), ...(step.outputs ?? [])].map(
    (path) => normalizeWorkspacePath(path) ?? path,
  );
  return [...declared, ...codeFilesOf({ run: test.command ?? '', inputs: step.inputs, outputs: step.outputs })];
}

async function runDataTests(
  request: StepTestsRequest,
  batch: ReadonlyArray<{ test: TestSpec; index: number }>,
): Promise<TestResult[] | 'cancelled'> {
  const started = performance.now();
  const engine = await request.dataTests();
  const outcomes = await engine.runAll({
    root: request.root,
    tests: batch.map(({ test }) => ({
      test,
      timeoutMs: test.timeout === undefined ? null : parseDurationMs(test.timeout),
    })),
    signal: request.signal,
    previousRowCount: (path) => request.previousRowCount(path),
  });
  // Tests that shared a scan cannot be timed apart: each is given its share of the batch's time.
  const durationMs = (performance.now() - started) / batch.length;
  const results: TestResult[] = [];
  for (const [position, { test, index }] of batch.entries()) {
    const outcome = outcomes[position];
    if (outcome === undefined || outcome === 'cancelled') return 'cancelled';
    const checked = testFiles(test)[0];
    if (outcome.rowCount !== null && checked !== undefined) request.onRowCount(checked, outcome.rowCount);
    results.push({
      index,
      name: testName(test, index),
      kind: testKind(test) ?? 'test',
      severity: test.severity ?? 'error',
      stage: request.stage,
      outcome: outcome.outcome,
      observed: outcome.observed,
      expected: outcome.expected,
      exitCode: null,
      durationMs,
      message: outcome.message,
      logPath: null,
    });
  }
  return results;
}
