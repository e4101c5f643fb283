// Docker runners for the environments a run's steps use, on each environment's image —
// bringing the environment up first when it is not (idempotent: what exists is kept).
import type Docker from 'dockerode';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { RunnerFor } from '../engine/prepare-runners.js';
import type { RunPlan } from '../engine/run-plan.js';
import type { StepRunner } from '../engine/step-runner.js';
import { checkDocker, connectDocker, DockerUnavailableError } from './docker-connection.js';
import { DockerRunner } from './docker-runner.js';
import { EnvironmentProvisioner } from './environment-provisioner.js';

export async function dockerRunners(
  plan: RunPlan, needed: readonly string[], local: StepRunner, emit: (event: ProvisionEvent) => void, signal: AbortSignal, docker?: Docker,
): Promise<RunnerFor> {
  const client = docker ?? connectDocker();
  const check = await checkDocker(client);
  if (!check.available) throw new DockerUnavailableError(`environment ${needed.join(', ')} runs steps in Docker, but ${check.message}`);
  const provisioner = new EnvironmentProvisioner(client, plan.workspace.root, plan.environments);
  const runners = new Map<string, StepRunner>();
  for (const name of needed) {
    const status = await provisioner.up(name, emit, signal);
    if (!status.image?.id) throw new DockerUnavailableError(`environment ${name} has no image after provisioning`);
    runners.set(name, new DockerRunner({ docker: client, ref: { root: plan.workspace.root, environment: name }, spec: plan.environments[name] ?? {}, imageId: status.image.id }));
  }
  return (environment) => (environment !== null ? runners.get(environment) : undefined) ?? local;
}
