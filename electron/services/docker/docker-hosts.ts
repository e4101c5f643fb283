// The engine each environment runs on: the local one, or the remote host its docker_host names
// (tcp:// with TLS files, ssh:// with the keys of the SSH agent), one client per host. Key files
// are read from outside the workspace only: a workspace is a git repository that gets pushed.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import type { DockerTlsSpec, EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import { isSameOrInside } from '../../../shared/pipeline/workspace-paths.js';
import { realLocation } from '../files/contained-path.js';
import { checkDocker } from './docker-connection.js';
import type { DockerCheck } from './docker-connection.js';
import { errorCode, errorMessage } from '../../../shared/text/error-message.js';

export class DockerHostError extends Error {}

/** Whether an environment's steps run on another machine (then nothing is bound from this one). */
export function isRemote(spec: EnvironmentSpec): boolean {
  return spec.docker_host !== undefined;
}

/** Steps copy their files in and out through the API, rather than binding workspace folders. */
export function copiesFiles(spec: EnvironmentSpec): boolean {
  return isRemote(spec) || spec.transfer === 'copy';
}

/** Where an environment's containers run, in words for status lines and messages. */
export function engineName(spec: EnvironmentSpec): string {
  return spec.docker_host ?? 'the local engine';
}

function keyFile(root: string, environment: string, field: keyof DockerTlsSpec, path: string): Buffer {
  const absolute = path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  const what = `environments.${environment}.tls.${field}`;
  const realRoot = realLocation(resolve(root));
  if (isSameOrInside(realLocation(absolute), realRoot)) {
    throw new DockerHostError(
      `pipewright.yaml ${what}: ${path} is inside the workspace; keep key files out of it (a workspace is a git repository that gets pushed), e.g. in ~/.docker`,
    );
  }
  try {
    return readFileSync(absolute);
  } catch (error) {
    throw new DockerHostError(
      `pipewright.yaml ${what}: cannot read ${path} (${errorCode(error) ?? errorMessage(error)})`,
    );
  }
}

/** A client for the engine at `host` (tcp://HOST:PORT or ssh://USER@HOST[:PORT]). */
export function connectDockerHost(root: string, environment: string, spec: EnvironmentSpec): Docker {
  const host = spec.docker_host;
  if (host === undefined) throw new DockerHostError(`environment ${environment} names no docker_host`);
  const url = new URL(host);
  if (url.protocol === 'ssh:') {
    // docker-modem dials `docker system dial-stdio` over SSH; keys come from the user's agent.
    return new Docker({
      protocol: 'ssh',
      host: url.hostname,
      port: Number(url.port || 22),
      username: decodeURIComponent(url.username),
      sshOptions: { agent: process.env.SSH_AUTH_SOCK },
    });
  }
  const tls = spec.tls;
  if (tls === undefined) return new Docker({ protocol: 'http', host: url.hostname, port: Number(url.port) });
  return new Docker({
    protocol: 'https',
    host: url.hostname,
    port: Number(url.port),
    ca: keyFile(root, environment, 'ca', tls.ca),
    cert: keyFile(root, environment, 'cert', tls.cert),
    key: keyFile(root, environment, 'key', tls.key),
  });
}

/** The engines of a workspace's environments: the local client, and one client per remote host. */
export class DockerEngines {
  private readonly remotes = new Map<string, Docker>();

  constructor(
    private readonly root: string,
    private readonly local: Docker,
  ) {}

  of(environment: string, spec: EnvironmentSpec): Docker {
    const host = spec.docker_host;
    if (host === undefined) return this.local;
    const key = `${host} ${JSON.stringify(spec.tls ?? null)}`;
    let client = this.remotes.get(key);
    if (client === undefined) {
      client = connectDockerHost(this.root, environment, spec);
      this.remotes.set(key, client);
    }
    return client;
  }

  /**
   * Each distinct engine the docker environments among `specs` use, once; one that cannot be
   * connected to (an unreadable key file) is left out: checking that environment says why.
   */
  distinct(specs: Readonly<Record<string, EnvironmentSpec>>): Array<{ docker: Docker; where: string }> {
    const found = new Map<Docker, string>();
    for (const [name, spec] of Object.entries(specs)) {
      if (spec.runner !== 'docker') continue;
      try {
        found.set(this.of(name, spec), engineName(spec));
      } catch (error) {
        if (!(error instanceof DockerHostError)) throw error;
      }
    }
    return [...found].map(([docker, where]) => ({ docker, where }));
  }

  /** Whether the engine of environment `name` answers; the message names a remote host. */
  async check(name: string, spec: EnvironmentSpec, timeoutMs?: number): Promise<DockerCheck> {
    let docker: Docker;
    try {
      docker = this.of(name, spec);
    } catch (error) {
      if (error instanceof DockerHostError) return { available: false, message: error.message };
      throw error;
    }
    return checkDocker(
      docker,
      timeoutMs,
      spec.docker_host === undefined ? undefined : { environment: name, host: spec.docker_host },
    );
  }
}
