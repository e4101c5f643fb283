// Bringing a Docker environment up (image, private network, data volumes, services) and down,
// and saying what of it exists. Up and down are idempotent and report progress; up stops at
// the first failure with a message that says which part failed and why. A branch may have its
// own copy of an environment (an experiment's sandbox): its own network, data and services on
// the environment's image, labelled with the branch so it is found and removed on its own.
// Over 300 lines because up, down and status of one environment share its names and labels.
import type Docker from 'dockerode';
import { refNameProblem } from '../../../shared/git/ref-names.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { EnvironmentStatus, ProvisionEvent } from '../../../shared/run/environment-types.js';
import {
  BRANCH_COPY_SEPARATOR,
  LABEL,
  branchEnvironmentRef,
  labelFilter,
  labels,
  networkName,
  volumeName,
} from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { fillDataVolume } from './data-volumes.js';
import { containerUser } from './container-user.js';
import { serviceLogs, serviceStatus, startService } from './environment-services.js';
import { buildImage, imageId, imageRef, pullImage } from './image-source.js';
import { DockerEngines } from './docker-hosts.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export class EnvironmentError extends Error {}

/** A branch's copy of an environment, as `env status` and the Experiments view list them. */
export interface BranchEnvironment {
  environment: string;
  branch: string;
}

export class EnvironmentProvisioner {
  private readonly engines: DockerEngines;

  /** `docker` is the local engine; an environment with docker_host is provisioned on its own. */
  constructor(
    docker: Docker,
    private readonly root: string,
    private readonly environments: Readonly<Record<string, EnvironmentSpec>>,
  ) {
    this.engines = new DockerEngines(root, docker);
  }

  /** The engine environment `name` runs on. */
  dockerOf(name: string): Docker {
    return this.engines.of(name, this.spec(name));
  }

  /** Why the engine of a docker environment among `names` cannot be used, or null when all answer. */
  async engineProblem(names: readonly string[], timeoutMs?: number): Promise<string | null> {
    for (const name of names) {
      const spec = this.spec(name);
      if (spec.runner !== 'docker') continue;
      const check = await this.engines.check(name, spec, timeoutMs);
      if (!check.available) return check.message;
    }
    return null;
  }

  private spec(name: string): EnvironmentSpec {
    const spec = this.environments[name];
    if (!spec) throw new EnvironmentError(`environment "${name}" is not defined in pipewright.yaml`);
    return spec;
  }

  /** The environment's own resources, or those of its copy for `branch`. */
  private refOf(name: string, branch: string | null): EnvironmentRef {
    return branch === null ? { root: this.root, environment: name } : branchEnvironmentRef(this.root, name, branch);
  }

  /** A copy shares its environment's image: what differs between experiments is data and services. */
  private imageOf(name: string, spec: EnvironmentSpec): string {
    return imageRef({ root: this.root, environment: name }, spec);
  }

  /** What exists of an environment, or of its copy for `branch` (named `NAME~BRANCH`). */
  async status(name: string, branch: string | null = null): Promise<EnvironmentStatus> {
    const spec = this.spec(name);
    const ref = this.refOf(name, branch);
    const base = { name: ref.environment, description: spec.description ?? null, dockerHost: spec.docker_host ?? null };
    if ((spec.runner ?? 'local') === 'local') {
      return { ...base, runner: 'local', image: null, network: null, volumes: [], services: [], ready: true };
    }
    const docker = this.dockerOf(name);
    const reference = this.imageOf(name, spec);
    const id = await imageId(docker, reference);
    const network = await docker
      .getNetwork(networkName(ref))
      .inspect()
      .then(
        () => true,
        () => false,
      );
    const volumes = await Promise.all(
      (spec.data ?? []).map(async (data, index) => ({
        source: data.source,
        mode: data.mode ?? 'mount',
        name: volumeName(ref, index),
        present:
          data.mode === 'copy' || data.mode === 'sample'
            ? await docker
                .getVolume(volumeName(ref, index))
                .inspect()
                .then(
                  () => true,
                  () => false,
                )
            : true,
      })),
    );
    const services = await Promise.all(
      Object.entries(spec.services ?? {}).map(([service, serviceSpec]) =>
        serviceStatus(docker, ref, service, serviceSpec),
      ),
    );
    const ready =
      id !== null &&
      network &&
      volumes.every((volume) => volume.present) &&
      services.every(
        (service) => service.state === 'running' && (service.health === null || service.health === 'healthy'),
      );
    return {
      ...base,
      runner: 'docker',
      image: { ref: reference, present: id !== null, id },
      network: { name: networkName(ref), present: network },
      volumes,
      services,
      ready,
    };
  }

  /** Brings an environment up, or with `branch` the branch's own copy of it. */
  async up(
    name: string,
    emit: (event: ProvisionEvent) => void,
    signal: AbortSignal,
    branch: string | null = null,
  ): Promise<EnvironmentStatus> {
    const spec = this.spec(name);
    if ((spec.runner ?? 'local') === 'local') return this.status(name, branch);
    const ref = this.refOf(name, branch);
    const reference = this.imageOf(name, spec);
    const label = ref.environment;
    try {
      const docker = this.dockerOf(name);
      emit({
        type: 'phase',
        environment: label,
        phase: 'image',
        message: spec.build ? `building ${reference}` : `image ${reference}`,
      });
      if (spec.build) await buildImage(docker, { root: this.root, environment: name }, spec, emit, signal);
      else if ((await imageId(docker, reference)) === null) await pullImage(docker, reference, label, emit, signal);

      emit({ type: 'phase', environment: label, phase: 'network', message: `private network ${networkName(ref)}` });
      await ensureNetwork(docker, ref);

      const data = spec.data ?? [];
      if (data.length > 0)
        emit({ type: 'phase', environment: label, phase: 'data', message: `${data.length} data source(s)` });
      for (const [index, entry] of data.entries()) {
        if (entry.mode === 'copy' || entry.mode === 'sample')
          await fillDataVolume(docker, ref, entry, index, reference, containerUser(), emit, signal);
      }

      const services = Object.entries(spec.services ?? {});
      if (services.length > 0)
        emit({
          type: 'phase',
          environment: label,
          phase: 'services',
          message: services.map(([service]) => service).join(', '),
        });
      for (const [service, serviceSpec] of services)
        await startService(docker, ref, service, serviceSpec, networkName(ref), emit, signal);
    } catch (error) {
      const message = errorMessage(error);
      emit({ type: 'finished', environment: label, action: 'up', ok: false, message });
      throw new EnvironmentError(`environment ${label}: ${message}`);
    }
    emit({ type: 'finished', environment: label, action: 'up', ok: true, message: null });
    return this.status(name, branch);
  }

  /** Provisions the copy of environment `name` for `branch` (idempotent, like up). */
  async upForBranch(
    name: string,
    branch: string,
    emit: (event: ProvisionEvent) => void,
    signal: AbortSignal,
  ): Promise<EnvironmentStatus> {
    this.requireDockerCopy(name, branch);
    return this.up(name, emit, signal, branch);
  }

  /** Removes the copy of `name` for `branch`, nothing of the environment itself; what it removed. */
  async downForBranch(
    name: string,
    branch: string,
    emit: (event: ProvisionEvent) => void = () => undefined,
  ): Promise<string[]> {
    this.requireDockerCopy(name, branch);
    return this.down(name, emit, { branch });
  }

  /** Whether `branch` has a copy of environment `name`: runs on the branch then use it. */
  async hasBranchCopy(name: string, branch: string): Promise<boolean> {
    const ref = this.refOf(name, branch);
    // cast: dockerode types a network's inspect() as Promise<any>; the engine answers NetworkInspectInfo
    const network = (await this.dockerOf(name)
      .getNetwork(networkName(ref))
      .inspect()
      .catch(() => null)) as Docker.NetworkInspectInfo | null;
    return network?.Labels?.[LABEL.branch] === branch;
  }

  /** Every branch copy of this workspace's environments that has something left in Docker. */
  async listBranchEnvironments(): Promise<BranchEnvironment[]> {
    const filters = { label: [...labelFilter(this.root).label, LABEL.branch] };
    const labelled: Array<Record<string, string>> = [];
    for (const { docker } of this.engines.distinct(this.environments)) {
      labelled.push(
        ...(await docker.listNetworks({ filters })).map((network) => network.Labels ?? {}),
        ...((await docker.listVolumes({ filters })).Volumes ?? []).map((volume) => volume.Labels ?? {}),
        ...(await docker.listContainers({ all: true, filters })).map((container) => container.Labels),
      );
    }
    const found = new Map<string, BranchEnvironment>();
    for (const resource of labelled) {
      const branch = resource[LABEL.branch];
      const derived = resource[LABEL.environment];
      const suffix = `${BRANCH_COPY_SEPARATOR}${branch ?? ''}`;
      if (branch === undefined || derived === undefined || !derived.endsWith(suffix)) continue;
      found.set(derived, { environment: derived.slice(0, -suffix.length), branch });
    }
    return [...found.values()].sort(
      (x, y) => x.environment.localeCompare(y.environment) || x.branch.localeCompare(y.branch),
    );
  }

  /** Why `branch` cannot have a copy of environment `name`, or null when it can. */
  branchCopyProblem(name: string, branch: string): string | null {
    const problem = refNameProblem(branch);
    if (problem !== null) return `"${branch}" is not a branch name: ${problem}`;
    if ((this.spec(name).runner ?? 'local') !== 'docker') {
      return `environment ${name} runs steps locally: there is nothing to copy for a branch (give it runner: docker in pipewright.yaml)`;
    }
    return null;
  }

  private requireDockerCopy(name: string, branch: string): void {
    const problem = this.branchCopyProblem(name, branch);
    if (problem !== null) throw new EnvironmentError(problem);
  }

  /** The last `tail` lines of a service's output; empty when its container does not exist. */
  async serviceLogs(name: string, service: string, tail = 200): Promise<string> {
    const spec = this.spec(name);
    if (!spec.services?.[service])
      throw new EnvironmentError(
        `environment ${name} has no service "${service}"; it has: ${Object.keys(spec.services ?? {}).join(', ') || 'none'}`,
      );
    return serviceLogs(this.dockerOf(name), { root: this.root, environment: name }, service, tail);
  }

  /**
   * Removes every container, network and volume labelled as this environment's (its branch
   * copies are not: their labels name the branch too), and with `images` the image built for it
   * (kept by default: rebuilding is slow); what it removed. With `branch`: that copy only.
   */
  async down(
    name: string,
    emit: (event: ProvisionEvent) => void,
    options: { images?: boolean; branch?: string } = {},
  ): Promise<string[]> {
    const docker = this.dockerOf(name);
    const ref = this.refOf(name, options.branch ?? null);
    const filters = labelFilter(this.root, ref.environment);
    if (options.branch !== undefined) filters.label.push(`${LABEL.branch}=${options.branch}`);
    const removed: string[] = [];
    for (const container of await docker.listContainers({ all: true, filters })) {
      await docker.getContainer(container.Id).remove({ force: true, v: true });
      removed.push(`container ${container.Names[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12)}`);
    }
    for (const network of await docker.listNetworks({ filters })) {
      await docker.getNetwork(network.Id).remove();
      removed.push(`network ${network.Name}`);
    }
    for (const volume of (await docker.listVolumes({ filters })).Volumes ?? []) {
      await docker.getVolume(volume.Name).remove();
      removed.push(`volume ${volume.Name}`);
    }
    if (options.images && options.branch === undefined) {
      for (const image of await docker.listImages({ filters: labelFilter(this.root, name, 'image') })) {
        await docker.getImage(image.Id).remove({ force: true });
        removed.push(`image ${image.RepoTags?.[0] ?? image.Id.slice(7, 19)}`);
      }
    }
    emit({
      type: 'finished',
      environment: ref.environment,
      action: 'down',
      ok: true,
      message: removed.length === 0 ? 'nothing to remove' : `removed ${removed.length}`,
    });
    return removed;
  }
}

async function ensureNetwork(docker: Docker, ref: EnvironmentRef): Promise<void> {
  const name = networkName(ref);
  const exists = await docker
    .getNetwork(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  // Internal: containers on it reach each other, not the internet (unless also on bridge).
  if (!exists)
    await docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: labels(ref, 'network') });
}
