// A step's data and logic tests on the files present, without running the step: what
// `pipewright test` does in CI or after a step ran elsewhere (an Argo task). Both stages run,
// input tests first, with the params and variables a run in the environment would give, and
// the verdict is the one a run gives the step: an error test failing fails it, a warn test warns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paramValues } from '../../../shared/pipeline/params.js';
import { TEST_STAGES } from '../../../shared/pipeline/test-schema.js';
import type { RunSummary, TestResult } from '../../../shared/run/run-types.js';
import { DataTestEngine } from '../data-tests/data-test-engine.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { LocalRunner } from './local-runner.js';
import { newRunId } from './run-id.js';
import { RunRequestError, planRun } from './run-plan.js';
import type { RunRequest } from './run-plan.js';
import type { EnvironmentRunnerFactory } from '../runner/environment-runner-factory.js';
import { prepareRunners } from './prepare-runners.js';
import { gitMark } from './run-git-mark.js';
import { planStepEnvironment } from './step-environment.js';
import { runStepTests } from './step-tests.js';
import { testsVerdict } from './logic-tests.js';

export interface StepTestRequest extends Pick<RunRequest, 'pipeline' | 'environment' | 'params' | 'cwd'> {
  step: string;
  /** Run logic tests as local processes whatever the environment's runner (already inside its container). */
  local: boolean;
  /** Where tests of steps in Docker environments run (dockerEnvironmentRunners); without it they are refused. */
  docker?: EnvironmentRunnerFactory;
  signal: AbortSignal;
  onResult?(result: TestResult): void;
}

/** The tests' outcome as a run record of the one step, so the run's reports (text, JUnit) read it. */
export async function checkStepTests(
  workspace: Workspace,
  store: RunStore,
  request: StepTestRequest,
): Promise<RunSummary | 'cancelled'> {
  const plan = planRun(workspace, store, { ...request, selection: { only: [request.step] } });
  const mark = gitMark(workspace.root, null);
  const spec = plan.pipeline.steps[request.step];
  if (!spec) throw new RunRequestError(`${plan.pipeline.name} has no step "${request.step}"`);
  if ((spec.tests ?? []).length === 0)
    throw new RunRequestError(`step "${request.step}" of ${plan.pipeline.name} has no tests`);
  const id = `test-${newRunId()}`;
  const logDir = `.pipewright/tests/${id}`;
  const paramsFile = join(workspace.root, logDir, 'params.json');
  mkdirSync(join(workspace.root, logDir), { recursive: true });
  writeFileSync(paramsFile, `${JSON.stringify(paramValues(plan.params), null, 2)}\n`);
  const environment = spec.environment ?? plan.environment;
  const local = new LocalRunner();
  const runnerFor = request.local
    ? () => local
    : await prepareRunners(plan, { local, docker: request.docker ?? null }, () => undefined, request.signal);
  // Opened by the first data test, if any: a holder, so the check below sees what the callback set.
  const opened: { engine?: Promise<DataTestEngine> } = {};
  const startedAt = Date.now();
  const results: TestResult[] = [];
  try {
    for (const stage of TEST_STAGES) {
      const stageResults = await runStepTests({
        step: spec,
        stage,
        only: () => true,
        dataTests: () => (opened.engine ??= DataTestEngine.open()),
        previousRowCount: () => null,
        onRowCount: () => undefined,
        onResult: (result) => request.onResult?.(result),
        runner: runnerFor(environment),
        paramsFile,
        owner: { pipeline: plan.pipeline.name, run: id, step: request.step, attempt: 'test' },
        root: plan.root,
        logRoot: workspace.root,
        logDir,
        stepId: request.step,
        signal: request.signal,
        env: planStepEnvironment(plan, {
          runId: id,
          paramsFile,
          stepId: request.step,
          step: spec,
          environment,
          attempt: 0,
          gitCommit: mark.gitCommit,
        }),
        marker: `${id}/${request.step}/test`,
      });
      if (stageResults === 'cancelled') return 'cancelled';
      results.push(...stageResults);
    }
  } finally {
    await runnerFor(environment).settled();
    if (opened.engine) (await opened.engine.catch(() => null))?.close();
  }
  const finishedAt = Date.now();
  const verdict = testsVerdict(results);
  const status = verdict.status === 'failed' ? 'failed' : verdict.status === 'warned' ? 'warned' : 'succeeded';
  return {
    id,
    pipeline: plan.pipeline.name,
    pipelineFile: plan.entry.file,
    environment: plan.environment,
    status,
    params: plan.params,
    selection: { only: [request.step] },
    options: plan.options,
    createdAt: startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
    message: verdict.message,
    gitBranch: mark.gitBranch,
    gitCommit: mark.gitCommit,
    ref: null,
    trigger: { kind: 'manual', name: null },
    images: {},
    steps: [
      {
        id: request.step,
        status,
        cached: false,
        cachedFrom: null,
        attempts: 0,
        exitCode: null,
        startedAt,
        finishedAt,
        durationMs: finishedAt - startedAt,
        logPath: null,
        message: verdict.message,
        tests: results,
      },
    ],
  };
}
