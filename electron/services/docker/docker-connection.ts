// The connection to a Docker engine, through dockerode only: DOCKER_HOST (tcp, ssh, a socket)
// when set, else the usual local sockets of Docker Engine and Docker Desktop.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { errorMessage } from '../../../shared/text/error-message.js';

export type DockerCheck = { available: true; version: string } | { available: false; message: string };

export function connectDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  if (env.DOCKER_HOST) return new Docker();
  const socket = ['/var/run/docker.sock', join(homedir(), '.docker', 'run', 'docker.sock')].find((path) =>
    existsSync(path),
  );
  return new Docker(socket ? { socketPath: socket } : {});
}

/** Whether the engine answers, and if not, what to do about it; `remote` names an environment's docker_host. */
export async function checkDocker(
  docker: Docker,
  timeoutMs = 3000,
  remote?: { environment: string; host: string },
): Promise<DockerCheck> {
  try {
    const version = await Promise.race([
      docker.version(),
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { available: true, version: version.Version };
  } catch (error) {
    if (remote) {
      return {
        available: false,
        message: `the Docker engine of environment ${remote.environment} at ${remote.host} is not reachable (${errorMessage(error)}): check that it runs and that this machine may reach it (docker_host in pipewright.yaml)`,
      };
    }
    const where = process.env.DOCKER_HOST ?? 'the local Docker socket';
    return {
      available: false,
      message: `the Docker engine is not reachable at ${where} (${errorMessage(error)}): start Docker Desktop or the docker service (sudo systemctl start docker), or set DOCKER_HOST. Local environments keep working.`,
    };
  }
}

export class DockerUnavailableError extends Error {}
