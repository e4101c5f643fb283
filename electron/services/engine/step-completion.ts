// How a step ends once its command is done or the cache holds its result: outputs hashed and
// checked, the output tests run, its status recorded with its outputs and cache entry; or, for
// a cached step, its unchanged tests reused and the others run again.
import type { ParamValue, StepSpec } from '../../../shared/pipeline/schema.js';
import { TEST_STAGES, testKind } from '../../../shared/pipeline/test-schema.js';
import type { TestSpec, TestStage } from '../../../shared/pipeline/test-schema.js';
import type { StepStatus, TestResult } from '../../../shared/run/run-types.js';
import type { CacheEntry, OutputHash, RunStore, StepRow } from '../store/run-store.js';
import { UnsafePathError } from '../files/contained-path.js';
import type { FileFingerprints } from '../files/file-fingerprints.js';
import { testsVerdict } from './logic-tests.js';
import type { RunMeasurements } from './run-measurements.js';
import { hashInputs, hashOutputs, sha256, testsKey } from './step-cache.js';
import type { StepFiles } from './step-files.js';
import type { StepState } from './step-state.js';

type Patch = Partial<Omit<StepRow, 'status'>>;

/** What the run lends a step's end: its records and its way of moving a step on. */
export interface StepEnd {
  runId: string;
  store: RunStore;
  fingerprints: FileFingerprints;
  files: StepFiles;
  measurements: RunMeasurements;
  /** The run's param values, recorded with each step's files for lineage. */
  params: Readonly<Record<string, ParamValue>>;
  transition(state: StepState, status: StepStatus, patch?: Patch, write?: (row: StepRow) => void): void;
  stop(state: StepState, detail: string, patch?: Patch): void;
  runTests(
    state: StepState,
    spec: StepSpec,
    environmentName: string | null,
    stage: TestStage,
    only?: (test: TestSpec) => boolean,
  ): Promise<TestResult[] | 'cancelled'>;
}

/** A step whose command succeeded: `key` null when it must always run (no cache entry). */
export async function completeExecution(
  end: StepEnd,
  state: StepState,
  spec: StepSpec,
  environmentName: string | null,
  key: string | null,
): Promise<void> {
  let hashed: Awaited<ReturnType<typeof hashOutputs>>;
  try {
    hashed = await hashOutputs(spec, end.fingerprints);
  } catch (error) {
    if (!(error instanceof UnsafePathError)) throw error;
    end.transition(state, 'failed', { exitCode: 0, finishedAt: Date.now(), message: `output ${error.message}` });
    return;
  }
  const { outputs, missing } = hashed;
  if (missing.length > 0) {
    end.transition(state, 'failed', {
      exitCode: 0,
      finishedAt: Date.now(),
      message: `declared output ${missing.join(', ')} was not written`,
    });
    return;
  }
  await end.files.keepOutputs(state.id, outputs);
  const tested = await end.runTests(state, spec, environmentName, 'output');
  if (tested === 'cancelled') {
    end.stop(state, 'cancelled during tests', { exitCode: 0 });
    return;
  }
  const status = testsVerdict(state.tests);
  const finishedAt = Date.now();
  await end.measurements.recordMetrics(state, spec, {
    durationMs: finishedAt - (state.startedAt ?? finishedAt),
    outputsWritten: true,
  });
  const cache = key !== null && status.status !== 'failed' ? { key, testsKey: testsKey(spec.tests ?? []) } : null;
  // A step that must always run gets a key of its own, so steps that need it run again too.
  const cacheKey = key === null ? sha256(`${state.cacheKey ?? ''}:${end.runId}`) : state.cacheKey;
  const files = {
    madeByRun: end.runId,
    params: { ...end.params },
    inputs: await hashInputs(spec, end.fingerprints),
    outputs,
  };
  end.transition(state, status.status, { exitCode: 0, finishedAt, message: status.message, cacheKey }, (row) =>
    end.store.lineage.recordWith(
      () => end.store.finishStep(end.runId, row, outputs, cache),
      { runId: end.runId, stepId: state.id },
      files,
    ),
  );
}

/**
 * A step the cache answers with `hit`, from the run that made its outputs (`restored`: put back
 * from the output store); that run's test results are reused when the tests are unchanged.
 * `inputs` are the hashes its cache key was made of; its outputs are the entry's, on disk as
 * recorded (checked or just restored), so neither is hashed again.
 */
export async function completeFromCache(
  end: StepEnd,
  state: StepState,
  spec: StepSpec,
  hit: { entry: CacheEntry; restored: boolean; inputs: readonly OutputHash[] },
  environmentName: string | null,
): Promise<void> {
  const fromRun = hit.entry.runId;
  const reused = hit.entry.testsKey === testsKey(spec.tests ?? []) ? hit.entry.tests : null;
  end.transition(state, 'running', { cachedFrom: fromRun, startedAt: Date.now(), attempts: 0 });
  await end.files.recordCached(state.id, hit.inputs, hit.entry);
  // Unchanged tests on unchanged files give the same answer, except a freshness test: the
  // clock moved, and a feed that stopped must not keep passing from the cache.
  const runAgain = reused ? (test: TestSpec) => testKind(test) === 'freshness' : () => true;
  for (const test of reused ?? []) if (test.kind !== 'freshness') end.measurements.recordTest(state, test, false);
  const fresh: TestResult[] = [];
  for (const stage of (spec.tests ?? []).length > 0 ? TEST_STAGES : []) {
    const results = await end.runTests(state, spec, environmentName, stage, runAgain);
    if (results === 'cancelled') {
      end.stop(state, 'cancelled during tests');
      return;
    }
    fresh.push(...results);
  }
  const verdict = testsVerdict(fresh);
  const status = verdict.status === 'succeeded' ? 'cached' : verdict.status;
  const reuse = hit.restored ? `outputs restored from the store (run ${fromRun})` : `reused from run ${fromRun}`;
  const files = {
    madeByRun: fromRun,
    params: { ...end.params },
    inputs: [...hit.inputs],
    outputs: [...hit.entry.outputs],
  };
  end.transition(state, status, { finishedAt: Date.now(), message: verdict.message ?? reuse }, (row) =>
    end.store.lineage.recordWith(
      () => end.store.updateStep(end.runId, row),
      { runId: end.runId, stepId: state.id },
      files,
    ),
  );
}
