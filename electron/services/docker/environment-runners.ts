// Docker runners for the environments a run's steps use, on each environment's image —
// bringing the environment up first when it is not (idempotent: what exists is kept). A run of
// a branch that has its own copy of an environment (env up NAME --for-branch) uses the copy.
import type Docker from 'dockerode';
import type { EnvironmentRunners, EnvironmentRunnersRequest } from '../runner/environment-runner-factory.js';
import { connectDocker, DockerUnavailableError } from './docker-connection.js';
import { branchEnvironmentRef } from './docker-names.js';
import { DockerRunner } from './docker-runner.js';
import { EnvironmentProvisioner } from './environment-provisioner.js';

export async function dockerRunners(request: EnvironmentRunnersRequest, docker?: Docker): Promise<EnvironmentRunners> {
  const { root, environments, needed, branch, local, emit, signal } = request;
  const provisioner = new EnvironmentProvisioner(docker ?? connectDocker(), root, environments);
  const problem = await provisioner.engineProblem(needed);
  if (problem !== null)
    throw new DockerUnavailableError(`environment ${needed.join(', ')} runs steps in Docker, but ${problem}`);
  const runners = new Map<string, DockerRunner>();
  for (const name of needed) {
    const copy = branch !== null && (await provisioner.hasBranchCopy(name, branch)) ? branch : null;
    const status = await provisioner.up(name, emit, signal, copy);
    if (!status.image?.id)
      throw new DockerUnavailableError(`environment ${status.name} has no image after provisioning`);
    const ref = copy === null ? { root, environment: name } : branchEnvironmentRef(root, name, copy);
    runners.set(
      name,
      new DockerRunner({
        docker: provisioner.dockerOf(name),
        ref,
        spec: environments[name] ?? {},
        imageId: status.image.id,
      }),
    );
  }
  return {
    runnerFor: (environment) => (environment !== null ? runners.get(environment) : undefined) ?? local,
    images: Object.fromEntries([...runners.values()].map(({ image }) => [image.environment, image.id])),
  };
}
