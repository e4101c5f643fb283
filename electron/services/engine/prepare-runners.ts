// The runners a run needs: the local runner, and for the Docker environments its steps use,
// the runners of the factory the composition root gave the engine.
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { EnvironmentRunnerFactory, RunnerFor } from '../runner/environment-runner-factory.js';
import type { StepRunner } from '../runner/step-runner.js';
import { gitMark } from './run-git-mark.js';
import { RunRequestError } from './run-plan.js';
import type { RunPlan } from './run-plan.js';

/** Environments the selected steps of a plan run in that are Docker environments. */
export function dockerEnvironmentsOf(
  plan: Pick<RunPlan, 'steps' | 'pipeline' | 'environment' | 'environments'>,
): string[] {
  const used = new Set(plan.steps.map((id) => plan.pipeline.steps[id]?.environment ?? plan.environment));
  return [...used].filter((name): name is string => name !== null && plan.environments[name]?.runner === 'docker');
}

/** The branch a run runs: the one --ref names, else the one checked out (null: a tag, a commit, detached). */
function runBranch(plan: Pick<RunPlan, 'revision' | 'workspace' | 'resumeOf'>): string | null {
  return plan.revision ? plan.revision.branch : gitMark(plan.workspace.root, plan.resumeOf).gitBranch;
}

export interface RunnerSources {
  local: StepRunner;
  /** Null: this front end runs no Docker steps (a run that has some is refused). */
  docker: EnvironmentRunnerFactory | null;
}

/** `recordImages` learns the image id each Docker environment's steps run (see RunSummary.images). */
export async function prepareRunners(
  plan: RunPlan,
  sources: RunnerSources,
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
  recordImages: (images: Record<string, string>) => void = () => undefined,
): Promise<RunnerFor> {
  const needed = dockerEnvironmentsOf(plan);
  if (needed.length === 0) return () => sources.local;
  if (sources.docker === null)
    throw new RunRequestError(`environment ${needed.join(', ')} runs steps in Docker, which this command does not run`);
  const { runnerFor, images } = await sources.docker({
    root: plan.workspace.root,
    environments: plan.environments,
    needed,
    branch: runBranch(plan),
    local: sources.local,
    emit,
    signal,
  });
  recordImages(images);
  return runnerFor;
}
