// One step of a run from its start to its end: its `when:` condition, its cache key and a hit
// restored, its input tests, its attempts with their retries, then its end (step-completion.ts).
// The run lends it what its steps share (places, records, runners, the stop); the scheduling of
// steps stays in run-execution.ts.
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import { paramValues } from '../../../shared/pipeline/params.js';
import { testStage } from '../../../shared/pipeline/test-schema.js';
import { present } from '../../../shared/invariant/present.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import { UnsafePathError } from '../files/contained-path.js';
import { FileFingerprints } from '../files/file-fingerprints.js';
import { outputStoreOf } from '../outputs/output-store.js';
import { testsVerdict } from './logic-tests.js';
import type { RunMeasurements } from './run-measurements.js';
import { runStageTests } from './stage-tests.js';
import { runStepAttempt } from './step-attempt.js';
import type { AttemptRun } from './step-attempt.js';
import { MissingInputError, stepCacheKey, usableCacheEntry } from './step-cache.js';
import { completeExecution, completeFromCache } from './step-completion.js';
import type { StepEnd } from './step-completion.js';
import { conditionOutcome } from './step-condition.js';
import { environmentVarsOf } from './step-environment.js';
import { StepFiles } from './step-files.js';
import { unsafeStepPath } from './step-paths.js';
import type { StepState } from './step-state.js';
import { waitUnlessAborted } from './wait-unless-aborted.js';

/** What the run lends its steps: what an attempt needs, and the places and tests they share. */
export interface StepRun extends AttemptRun {
  measurements: RunMeasurements;
  /** The embedded analytical engine for data tests and row counts, opened on first use. */
  dataTests(): Promise<DataTestEngine>;
  /** The cache key a step has in this run so far: null when it has none or the run did not select it. */
  cacheKeyOf(id: string): string | null;
  /** Gives the step's place to the steps beside it while it runs no command (a cache hit). */
  givePlaceUp(state: StepState): void;
  /** A place again, for a step that gave its place up and must run its command after all. */
  takePlace(state: StepState): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 60_000;

/** The steps of one run, each run to its end; what they share across the run is built once. */
export class StepExecution {
  private readonly fingerprints: FileFingerprints;
  private readonly end: StepEnd;

  constructor(private readonly run: StepRun) {
    const { plan, store, runId } = run;
    this.fingerprints = new FileFingerprints(
      plan.root,
      store,
      plan.root === plan.workspace.root ? '' : `${plan.workspace.relative(plan.root)}/`,
    );
    this.end = {
      runId,
      store,
      fingerprints: this.fingerprints,
      measurements: run.measurements,
      files: new StepFiles(
        outputStoreOf(plan.workspace.stateDir, store),
        plan.root,
        this.fingerprints,
        runId,
        (what, write) => run.record(what, write),
      ),
      params: paramValues(plan.params),
      transition: (...args) => run.transition(...args),
      stop: (...args) => run.stop(...args),
      runTests: (...args) =>
        runStageTests(
          {
            plan,
            runId,
            paramsFile: run.paramsFile,
            gitCommit: run.gitCommit,
            signal: run.signal,
            measurements: run.measurements,
            dataTests: () => run.dataTests(),
            runnerFor: (environment) => run.runnerFor(environment),
          },
          ...args,
        ),
    };
  }

  /** Settles once the files restores replaced are removed: the run waits for it before it ends. */
  replacedRemoved(): Promise<void> {
    return this.end.files.replacedRemoved();
  }

  /** Runs the step to its end, recorded; rejects only on a bug (the run then fails it). */
  async execute(state: StepState): Promise<void> {
    const { run } = this;
    const { plan } = run;
    const spec = present(plan.pipeline.steps[state.id], `the spec of step "${state.id}"`);
    const environmentName = spec.environment ?? plan.environment;
    const environmentVars = environmentVarsOf(plan, environmentName);
    const cacheable = spec.cache !== false;
    const decided = conditionOutcome(
      state.id,
      spec,
      plan,
      run.graph.upstream(state.id).map((up) => run.stateOf(up)),
    );
    if (decided) return run.transition(state, decided.status, { message: decided.message, finishedAt: Date.now() });
    const unsafe = unsafeStepPath(plan.root, spec);
    if (unsafe !== null) {
      run.transition(state, 'failed', { message: `not run: ${unsafe}`, finishedAt: Date.now() });
      return;
    }

    let keyed: Awaited<ReturnType<typeof stepCacheKey>>;
    try {
      keyed = await stepCacheKey(
        {
          pipeline: plan.pipeline.name,
          stepId: state.id,
          step: spec,
          runnerIdentity: run.runnerFor(environmentName).identity(),
          environmentVars,
          params: paramValues(plan.params),
          upstreamKeys: this.explicitUpstreamKeys(state.id),
        },
        this.fingerprints,
      );
    } catch (error) {
      if (!(error instanceof MissingInputError) && !(error instanceof UnsafePathError)) throw error;
      run.transition(state, 'failed', {
        message: error instanceof UnsafePathError ? `not run: ${error.message}` : error.message,
        finishedAt: Date.now(),
      });
      return;
    }
    const { key } = keyed;
    state.cacheKey = key;

    if (cacheable && !plan.options.noCache) {
      const hit = await usableCacheEntry(run.store, key, this.fingerprints, (entry, stale) => {
        run.givePlaceUp(state);
        return this.end.files.restore(entry, stale);
      });
      if (hit) {
        // A hit without tests runs no command: a cached layer is then recorded in a tick or two,
        // not `maxParallel` steps per tick.
        if ((spec.tests ?? []).length === 0) run.givePlaceUp(state);
        await completeFromCache(this.end, state, spec, { ...hit, inputs: keyed.inputs }, environmentName);
        return;
      }
      await run.takePlace(state);
      if (run.stopped()) return run.stop(state, 'not started: the run stopped');
    }

    const startedAt = Date.now();
    if ((spec.tests ?? []).some((test) => testStage(test, spec) === 'input')) {
      // Running, not pending, while its inputs are checked: the studio shows it, and a crash
      // now leaves the step marked interrupted for --resume.
      run.transition(state, 'running', { startedAt, message: 'checking its inputs' });
    }
    await this.end.files.keepInputs(state.id, spec);
    const inputs = await this.end.runTests(state, spec, environmentName, 'input');
    const inputVerdict = inputs === 'cancelled' ? null : testsVerdict(inputs);
    if (inputVerdict === null || inputVerdict.status === 'failed') {
      if (inputVerdict)
        run.transition(state, 'failed', {
          startedAt,
          finishedAt: Date.now(),
          message: `not run: input ${inputVerdict.message ?? 'tests failed'}`,
        });
      else run.stop(state, 'cancelled during input tests', { startedAt });
      await run.measurements.recordMetrics(state, spec, { durationMs: null, outputsWritten: false });
      return;
    }
    const retries = spec.retries ?? 0;
    const baseDelay = spec.retry_delay === undefined ? 1000 : parseDurationMs(spec.retry_delay);
    const firstAttempt = state.attempts + 1;
    for (let retry = 0; ; retry += 1) {
      const outcome = await runStepAttempt(run, {
        state,
        spec,
        attempt: firstAttempt + retry,
        mayRetry: retry < retries,
        startedAt,
        environment: environmentName,
      });
      if (outcome === 'succeeded') break;
      if (state.status !== 'running') return;
      const delay = Math.min(baseDelay * 2 ** retry, MAX_RETRY_DELAY_MS);
      if (!(await waitUnlessAborted(delay, run.signal))) {
        run.stop(state, 'cancelled while waiting to retry');
        return;
      }
    }
    await completeExecution(this.end, state, spec, environmentName, cacheable ? key : null);
  }

  /** Keys of steps this one `needs` with no file between them: their change must re-run it. */
  private explicitUpstreamKeys(id: string): string[] {
    const { run } = this;
    return run.graph
      .needsWithoutData(id)
      .map((up) => run.cacheKeyOf(up) ?? run.store.lastCacheKey(run.plan.pipeline.name, up) ?? `unknown:${up}`);
  }
}
