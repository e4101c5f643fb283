// Docker runners for the environments a run's steps use, on each environment's image —
// bringing the environment up first when it is not (idempotent: what exists is kept). A run of
// a branch that has its own copy of an environment (env up NAME --for-branch) uses the copy.
import type Docker from 'dockerode';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { RunnerFor } from '../engine/prepare-runners.js';
import { gitMark } from '../engine/run-git-mark.js';
import type { RunPlan } from '../engine/run-plan.js';
import type { StepRunner } from '../engine/step-runner.js';
import { connectDocker, DockerUnavailableError } from './docker-connection.js';
import { branchEnvironmentRef } from './docker-names.js';
import { DockerRunner } from './docker-runner.js';
import { EnvironmentProvisioner } from './environment-provisioner.js';

/** The branch a run runs: the one --ref names, else the one checked out (null: a tag, a commit, detached). */
export function runBranch(plan: Pick<RunPlan, 'revision' | 'workspace' | 'resumeOf'>): string | null {
  return plan.revision ? plan.revision.branch : gitMark(plan.workspace.root, plan.resumeOf).gitBranch;
}

export interface DockerRunners {
  runnerFor: RunnerFor;
  /** The image each environment's steps run, keyed `NAME`, or `NAME~BRANCH` when a branch's copy is used. */
  images: Record<string, string>;
}

export async function dockerRunners(
  plan: RunPlan, needed: readonly string[], local: StepRunner, emit: (event: ProvisionEvent) => void, signal: AbortSignal, docker?: Docker,
): Promise<DockerRunners> {
  const root = plan.workspace.root;
  const provisioner = new EnvironmentProvisioner(docker ?? connectDocker(), root, plan.environments);
  const problem = await provisioner.engineProblem(needed);
  if (problem !== null) throw new DockerUnavailableError(`environment ${needed.join(', ')} runs steps in Docker, but ${problem}`);
  const branch = runBranch(plan);
  const runners = new Map<string, DockerRunner>();
  for (const name of needed) {
    const copy = branch !== null && (await provisioner.hasBranchCopy(name, branch)) ? branch : null;
    const status = await provisioner.up(name, emit, signal, copy);
    if (!status.image?.id) throw new DockerUnavailableError(`environment ${status.name} has no image after provisioning`);
    const ref = copy === null ? { root, environment: name } : branchEnvironmentRef(root, name, copy);
    runners.set(name, new DockerRunner({ docker: provisioner.dockerOf(name), ref, spec: plan.environments[name] ?? {}, imageId: status.image.id }));
  }
  return {
    runnerFor: (environment) => (environment !== null ? runners.get(environment) : undefined) ?? local,
    images: Object.fromEntries([...runners.values()].map(({ image }) => [image.environment, image.id])),
  };
}
