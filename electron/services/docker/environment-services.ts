// Service containers of an environment (a database, a queue...): on its private network under
// their own name, started once (with the defaults of service-container.ts), waited for until
// their healthcheck says healthy.
import type Docker from 'dockerode';
import type { ServiceSpec } from '../../../shared/pipeline/schema.js';
import type { ProvisionEvent, ServiceStatus } from '../../../shared/run/environment-types.js';
import { LABEL, serviceContainerName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { imageId, pullImage } from './image-source.js';
import { framedLogText } from './log-frames.js';
import { capabilityHint, isCurrentService, serviceContainerOptions } from './service-container.js';

export class ServiceError extends Error {}

const HEALTH_WAIT_MS = 120_000;

export async function serviceStatus(
  docker: Docker,
  ref: EnvironmentRef,
  name: string,
  spec: ServiceSpec,
): Promise<ServiceStatus> {
  const info = await docker
    .getContainer(serviceContainerName(ref, name))
    .inspect()
    .catch(() => null);
  return {
    name,
    image: spec.image,
    state: info?.State.Status ?? 'missing',
    health: info?.State.Health?.Status ?? null,
  };
}

/** The last lines a service printed (stdout and stderr together), as the Environments view shows them. */
export async function serviceLogs(docker: Docker, ref: EnvironmentRef, name: string, tail: number): Promise<string> {
  const container = docker.getContainer(serviceContainerName(ref, name));
  const exists = await container.inspect().then(
    () => true,
    () => false,
  );
  return exists ? framedLogText(await container.logs({ stdout: true, stderr: true, tail, timestamps: false })) : '';
}

export async function startService(
  docker: Docker,
  ref: EnvironmentRef,
  name: string,
  spec: ServiceSpec,
  network: string,
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const containerName = serviceContainerName(ref, name);
  const options = serviceContainerOptions(ref, name, spec, network);
  const existing = await docker
    .getContainer(containerName)
    .inspect()
    .catch(() => null);
  if (
    existing &&
    existing.State.Running &&
    existing.Config.Labels?.[LABEL.service] === name &&
    isCurrentService(existing.Config.Labels, options)
  ) {
    await waitHealthy(docker, ref, name, emit, signal);
    return;
  }
  if (existing) await docker.getContainer(containerName).remove({ force: true });
  if ((await imageId(docker, spec.image)) === null) await pullImage(docker, spec.image, ref.environment, emit, signal);
  const container = await docker.createContainer(options);
  await container.start();
  emit({
    type: 'service',
    environment: ref.environment,
    service: name,
    state: 'running',
    health: spec.healthcheck ? 'starting' : null,
  });
  await waitHealthy(docker, ref, name, emit, signal);
}

async function waitHealthy(
  docker: Docker,
  ref: EnvironmentRef,
  name: string,
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const container = docker.getContainer(serviceContainerName(ref, name));
  const deadline = Date.now() + HEALTH_WAIT_MS;
  let last = '';
  for (;;) {
    if (signal.aborted) throw new ServiceError('cancelled');
    const info = await container.inspect();
    const health = info.State.Health?.Status ?? null;
    if (`${info.State.Status}/${health ?? ''}` !== last) {
      last = `${info.State.Status}/${health ?? ''}`;
      emit({ type: 'service', environment: ref.environment, service: name, state: info.State.Status, health });
    }
    if (!info.State.Running) {
      const logs = framedLogText(await container.logs({ stdout: true, stderr: true, tail: 20 }));
      throw new ServiceError(
        `service ${name} stopped (exit code ${info.State.ExitCode}): ${logs.trim().split('\n').slice(-5).join(' | ')}${capabilityHint(logs, ref.environment, name)}`,
      );
    }
    if (health === null || health === 'healthy') return;
    if (health === 'unhealthy') {
      const output = info.State.Health?.Log?.at(-1)?.Output?.trim() ?? '';
      throw new ServiceError(`service ${name} is unhealthy: its healthcheck failed${output ? `: ${output}` : ''}`);
    }
    if (Date.now() > deadline)
      throw new ServiceError(`service ${name} was not healthy after ${HEALTH_WAIT_MS / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
