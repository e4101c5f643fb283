// Bringing a Docker environment up (image, private network, data volumes, services) and down,
// and saying what of it exists. Up and down are idempotent and report progress; up stops at
// the first failure with a message that says which part failed and why.
import type Docker from 'dockerode';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { EnvironmentStatus, ProvisionEvent } from '../../../shared/run/environment-types.js';
import { labelFilter, labels, networkName, volumeName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { fillDataVolume } from './data-volumes.js';
import { containerUser } from './container-user.js';
import { serviceLogs, serviceStatus, startService } from './environment-services.js';
import { buildImage, imageId, imageRef, pullImage } from './image-source.js';

export class EnvironmentError extends Error {}

export class EnvironmentProvisioner {
  constructor(private readonly docker: Docker, private readonly root: string, private readonly environments: Readonly<Record<string, EnvironmentSpec>>) {}

  private spec(name: string): EnvironmentSpec {
    const spec = this.environments[name];
    if (!spec) throw new EnvironmentError(`environment "${name}" is not defined in pipewright.yaml`);
    return spec;
  }

  async status(name: string): Promise<EnvironmentStatus> {
    const spec = this.spec(name);
    const base = { name, description: spec.description ?? null };
    if ((spec.runner ?? 'local') === 'local') {
      return { ...base, runner: 'local', image: null, network: null, volumes: [], services: [], ready: true };
    }
    const ref: EnvironmentRef = { root: this.root, environment: name };
    const reference = imageRef(ref, spec);
    const id = await imageId(this.docker, reference);
    const network = await this.docker.getNetwork(networkName(ref)).inspect().then(() => true, () => false);
    const volumes = await Promise.all((spec.data ?? []).map(async (data, index) => ({
      source: data.source,
      mode: data.mode ?? 'mount',
      name: volumeName(ref, index),
      present: data.mode === 'copy' || data.mode === 'sample' ? await this.docker.getVolume(volumeName(ref, index)).inspect().then(() => true, () => false) : true,
    })));
    const services = await Promise.all(Object.entries(spec.services ?? {}).map(([service, serviceSpec]) => serviceStatus(this.docker, ref, service, serviceSpec)));
    const ready = id !== null && network && volumes.every((volume) => volume.present)
      && services.every((service) => service.state === 'running' && (service.health === null || service.health === 'healthy'));
    return { ...base, runner: 'docker', image: { ref: reference, present: id !== null, id }, network: { name: networkName(ref), present: network }, volumes, services, ready };
  }

  async up(name: string, emit: (event: ProvisionEvent) => void, signal: AbortSignal): Promise<EnvironmentStatus> {
    const spec = this.spec(name);
    if ((spec.runner ?? 'local') === 'local') return this.status(name);
    const ref: EnvironmentRef = { root: this.root, environment: name };
    const reference = imageRef(ref, spec);
    try {
      emit({ type: 'phase', environment: name, phase: 'image', message: spec.build ? `building ${reference}` : `image ${reference}` });
      if (spec.build) await buildImage(this.docker, ref, spec, emit, signal);
      else if ((await imageId(this.docker, reference)) === null) await pullImage(this.docker, reference, name, emit, signal);

      emit({ type: 'phase', environment: name, phase: 'network', message: `private network ${networkName(ref)}` });
      await this.ensureNetwork(ref);

      const data = spec.data ?? [];
      if (data.length > 0) emit({ type: 'phase', environment: name, phase: 'data', message: `${data.length} data source(s)` });
      for (const [index, entry] of data.entries()) {
        if (entry.mode === 'copy' || entry.mode === 'sample') await fillDataVolume(this.docker, ref, entry, index, reference, containerUser(), emit, signal);
      }

      const services = Object.entries(spec.services ?? {});
      if (services.length > 0) emit({ type: 'phase', environment: name, phase: 'services', message: services.map(([service]) => service).join(', ') });
      for (const [service, serviceSpec] of services) await startService(this.docker, ref, service, serviceSpec, networkName(ref), emit, signal);
    } catch (error) {
      const message = (error as Error).message;
      emit({ type: 'finished', environment: name, action: 'up', ok: false, message });
      throw new EnvironmentError(`environment ${name}: ${message}`);
    }
    emit({ type: 'finished', environment: name, action: 'up', ok: true, message: null });
    return this.status(name);
  }

  /** The last `tail` lines of a service's output; empty when its container does not exist. */
  async serviceLogs(name: string, service: string, tail = 200): Promise<string> {
    const spec = this.spec(name);
    if (!spec.services?.[service]) throw new EnvironmentError(`environment ${name} has no service "${service}"; it has: ${Object.keys(spec.services ?? {}).join(', ') || 'none'}`);
    return serviceLogs(this.docker, { root: this.root, environment: name }, service, tail);
  }

  /**
   * Removes every container, network and volume labelled as this environment's, and with
   * `images` the image built for it (kept by default: rebuilding is slow); what it removed.
   */
  async down(name: string, emit: (event: ProvisionEvent) => void, options: { images?: boolean } = {}): Promise<string[]> {
    this.spec(name);
    const filters = labelFilter(this.root, name);
    const removed: string[] = [];
    for (const container of await this.docker.listContainers({ all: true, filters })) {
      await this.docker.getContainer(container.Id).remove({ force: true, v: true });
      removed.push(`container ${container.Names[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12)}`);
    }
    for (const network of await this.docker.listNetworks({ filters })) {
      await this.docker.getNetwork(network.Id).remove();
      removed.push(`network ${network.Name}`);
    }
    for (const volume of (await this.docker.listVolumes({ filters })).Volumes ?? []) {
      await this.docker.getVolume(volume.Name).remove();
      removed.push(`volume ${volume.Name}`);
    }
    if (options.images) {
      for (const image of await this.docker.listImages({ filters: labelFilter(this.root, name, 'image') })) {
        await this.docker.getImage(image.Id).remove({ force: true });
        removed.push(`image ${image.RepoTags?.[0] ?? image.Id.slice(7, 19)}`);
      }
    }
    emit({ type: 'finished', environment: name, action: 'down', ok: true, message: removed.length === 0 ? 'nothing to remove' : `removed ${removed.length}` });
    return removed;
  }

  private async ensureNetwork(ref: EnvironmentRef): Promise<void> {
    const name = networkName(ref);
    const exists = await this.docker.getNetwork(name).inspect().then(() => true, () => false);
    // Internal: containers on it reach each other, not the internet (unless also on bridge).
    if (!exists) await this.docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: labels(ref, 'network') });
  }
}
