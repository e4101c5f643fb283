// What a composition root hands the engine so that Docker environments run their steps in
// containers. Importing this costs nothing: dockerode and the runner load on the first run
// that has a Docker step, so commands and runs that need no Docker start fast.
import type { EnvironmentRunnerFactory } from '../runner/environment-runner-factory.js';

export const dockerEnvironmentRunners: EnvironmentRunnerFactory = async (request) => {
  const { dockerRunners } = await import('./environment-runners.js');
  return dockerRunners(request);
};
