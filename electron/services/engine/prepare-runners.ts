// The runners a run needs: the local runner, and a Docker runner per Docker environment its
// steps use. Docker support loads only when a run needs it, so local runs start fast.
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { RunPlan } from './run-plan.js';
import type { StepRunner } from './step-runner.js';

export type RunnerFor = (environment: string | null) => StepRunner;

/** Environments the selected steps of a plan run in that are Docker environments. */
export function dockerEnvironmentsOf(plan: Pick<RunPlan, 'steps' | 'pipeline' | 'environment' | 'environments'>): string[] {
  const used = new Set(plan.steps.map((id) => plan.pipeline.steps[id]?.environment ?? plan.environment));
  return [...used].filter((name): name is string => name !== null && plan.environments[name]?.runner === 'docker');
}

/** `recordImages` learns the image id each Docker environment's steps run (see RunSummary.images). */
export async function prepareRunners(
  plan: RunPlan, local: StepRunner, emit: (event: ProvisionEvent) => void, signal: AbortSignal,
  recordImages: (images: Record<string, string>) => void = () => undefined,
): Promise<RunnerFor> {
  const needed = dockerEnvironmentsOf(plan);
  if (needed.length === 0) return () => local;
  const { dockerRunners } = await import('../docker/environment-runners.js');
  const { runnerFor, images } = await dockerRunners(plan, needed, local, emit, signal);
  recordImages(images);
  return runnerFor;
}
