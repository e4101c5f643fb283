// One stage (input or output) of a step's tests within a run: where they run (the step's
// runner, with the step's variables), what they record (each result, row counts for the
// measurements) and where their logs go.
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { TestSpec, TestStage } from '../../../shared/pipeline/test-schema.js';
import type { TestResult } from '../../../shared/run/run-types.js';
import type { DataTestEngine } from '../data-tests/data-test-engine.js';
import type { RunMeasurements } from './run-measurements.js';
import type { RunPlan } from './run-plan.js';
import { planStepEnvironment } from './step-environment.js';
import type { StepRunner } from '../runner/step-runner.js';
import type { StepState } from './step-state.js';
import { runStepTests } from './step-tests.js';

export interface StageTestsRun {
  plan: RunPlan;
  runId: string;
  paramsFile: string;
  gitCommit: string | null;
  signal: AbortSignal;
  measurements: RunMeasurements;
  dataTests(): Promise<DataTestEngine>;
  runnerFor(environment: string | null): StepRunner;
}

/** Runs one stage of the step's tests (those `only` lets through) and records each result. */
export function runStageTests(
  run: StageTestsRun,
  state: StepState,
  spec: StepSpec,
  environmentName: string | null,
  stage: TestStage,
  only: (test: TestSpec) => boolean = () => true,
): Promise<TestResult[] | 'cancelled'> {
  const { plan, runId, paramsFile, measurements } = run;
  return runStepTests({
    step: spec,
    stage,
    only,
    dataTests: () => run.dataTests(),
    previousRowCount: (path) => measurements.previousRowCount(path),
    onRowCount: (path, rows) => measurements.noteRowCount(state.id, path, rows),
    runner: run.runnerFor(environmentName),
    paramsFile,
    owner: { pipeline: plan.pipeline.name, run: runId, step: state.id, attempt: 'test' },
    root: plan.root,
    logRoot: plan.workspace.root,
    logDir: `.pipewright/runs/${runId}/logs`,
    stepId: state.id,
    signal: run.signal,
    env: planStepEnvironment(plan, {
      runId,
      paramsFile,
      stepId: state.id,
      step: spec,
      environment: environmentName,
      attempt: state.attempts,
      gitCommit: run.gitCommit,
    }),
    marker: `${runId}/${state.id}/test`,
    onResult: (result) => measurements.recordTest(state, result, true),
  });
}
