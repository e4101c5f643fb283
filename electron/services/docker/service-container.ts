// How a service container is created: with the secure defaults of step containers wherever a
// service allows them. Every capability dropped (cap_add takes back only what a plain docker
// run keeps), no new privileges, memory and process limits, never the Docker socket or a host
// folder. A service keeps its image's user (a database image starts as root to set up its data
// folder, then drops to its own user) and a writable root unless it asks for read_only, since
// most servers write outside their volumes. The options' hash is a label, so a service whose
// options changed (or that an older version started) is recreated instead of kept.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import type { ServiceSpec } from '../../../shared/pipeline/schema.js';
import { parseSizeBytes } from '../../../shared/pipeline/sizes.js';
import { LABEL, labels, serviceContainerName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';

const DEFAULT_MEMORY = '2g';
const DEFAULT_PIDS = 1024;
const CONFIG_LABEL = 'dev.pipewright.service-config';

const nanoseconds = (duration: string | number | undefined, fallbackMs: number) =>
  Math.round((duration === undefined ? fallbackMs : parseDurationMs(duration)) * 1e6);

export function serviceContainerOptions(
  ref: EnvironmentRef,
  name: string,
  spec: ServiceSpec,
  network: string,
): Docker.ContainerCreateOptions {
  const options: Docker.ContainerCreateOptions = {
    name: serviceContainerName(ref, name),
    Image: spec.image,
    ...(spec.command ? { Cmd: ['sh', '-c', spec.command] } : {}),
    Env: Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${String(value)}`),
    ...(spec.healthcheck
      ? {
          Healthcheck: {
            Test: ['CMD-SHELL', spec.healthcheck.command],
            Interval: nanoseconds(spec.healthcheck.interval, 1000),
            Timeout: nanoseconds(spec.healthcheck.timeout, 5000),
            Retries: spec.healthcheck.retries ?? 30,
          },
        }
      : {}),
    HostConfig: {
      NetworkMode: network,
      RestartPolicy: { Name: 'no' },
      CapDrop: ['ALL'],
      ...(spec.cap_add && spec.cap_add.length > 0 ? { CapAdd: [...spec.cap_add] } : {}),
      SecurityOpt: ['no-new-privileges:true'],
      Memory: parseSizeBytes(spec.resources?.memory ?? DEFAULT_MEMORY),
      PidsLimit: spec.resources?.pids ?? DEFAULT_PIDS,
      ...(spec.resources?.cpus !== undefined ? { NanoCpus: Math.round(spec.resources.cpus * 1e9) } : {}),
      ...(spec.read_only
        ? { ReadonlyRootfs: true, Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=512m', '/run': 'rw,nosuid,nodev,size=64m' } }
        : {}),
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [name] } } },
  };
  const hash = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
  return { ...options, Labels: labels(ref, 'service', { [LABEL.service]: name, [CONFIG_LABEL]: hash }) };
}

/** Whether a running container is this service as it is configured now. */
export function isCurrentService(
  labelsOfContainer: Record<string, string> | undefined,
  options: Docker.ContainerCreateOptions,
): boolean {
  return (
    labelsOfContainer?.[CONFIG_LABEL] !== undefined &&
    labelsOfContainer[CONFIG_LABEL] === options.Labels?.[CONFIG_LABEL]
  );
}

/** The sentence added to a service's failure when its output says it was refused a permission. */
export function capabilityHint(output: string, environment: string, name: string): string {
  if (!/operation not permitted|permission denied/i.test(output)) return '';
  return `; services run with every capability dropped: if the image needs some back to start (postgres starting as root needs CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID), list them under cap_add: in pipewright.yaml at environments.${environment}.services.${name}`;
}
