// The studio's Environments view: each environment's status, bringing one up with progress
// events (cancellable), and tearing it down; the same for a branch's own copy of one (the
// Experiments view). Docker support loads only when it is needed.
import type { EnvironmentsOverview } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { EnvironmentStatus } from '../../../shared/run/environment-types.js';
import type { EnvironmentProvisioner } from '../docker/environment-provisioner.js';
import type { Workspace } from '../workspace/workspace.js';
import type { StudioEvents } from './studio-events.js';

/** What is known of an environment without an engine to ask. */
function unknownStatus(name: string, spec: EnvironmentSpec): EnvironmentStatus {
  const docker = spec.runner === 'docker';
  return {
    name,
    runner: docker ? 'docker' : 'local',
    description: spec.description ?? null,
    dockerHost: spec.docker_host ?? null,
    image: docker ? { ref: spec.image ?? 'built from a Dockerfile', present: false, id: null } : null,
    network: null,
    volumes: [],
    services: Object.entries(spec.services ?? {}).map(([service, serviceSpec]) => ({
      name: service,
      image: serviceSpec.image,
      state: 'unknown',
      health: null,
    })),
    ready: !docker,
  };
}

export class StudioEnvironments {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly workspace: Workspace,
    private readonly events: StudioEvents,
  ) {}

  private get specs(): Record<string, EnvironmentSpec> {
    return this.workspace.settings.spec?.environments ?? {};
  }

  private usesDocker(): boolean {
    return Object.values(this.specs).some((spec) => spec.runner === 'docker');
  }

  private async connect(): Promise<{ provisioner: EnvironmentProvisioner | null; message: string | null }> {
    const { connectDocker } = await import('../docker/docker-connection.js');
    const { EnvironmentProvisioner: Provisioner } = await import('../docker/environment-provisioner.js');
    const provisioner = new Provisioner(connectDocker(), this.workspace.root, this.specs);
    // Each environment's own engine: this machine's, or the remote host its docker_host names.
    const message = await provisioner.engineProblem(Object.keys(this.specs));
    return message === null ? { provisioner, message: null } : { provisioner: null, message };
  }

  async overview(): Promise<EnvironmentsOverview> {
    const names = Object.keys(this.specs);
    if (!this.usesDocker()) {
      return {
        docker: null,
        environments: Object.entries(this.specs).map(([name, spec]) => unknownStatus(name, spec)),
        provisioning: [],
      };
    }
    const { provisioner, message } = await this.connect();
    const environments = provisioner
      ? await Promise.all(names.map((name) => provisioner.status(name)))
      : Object.entries(this.specs).map(([name, spec]) => unknownStatus(name, spec));
    return {
      docker: { available: provisioner !== null, message },
      environments,
      provisioning: [...this.running.keys()],
    };
  }

  private async requireProvisioner(name: string): Promise<EnvironmentProvisioner> {
    if (!this.specs[name])
      throw new ContractError('not-found', `environment "${name}" is not defined in pipewright.yaml`);
    const { provisioner, message } = await this.connect();
    if (!provisioner) throw new ContractError('not-supported', message ?? 'Docker is not available');
    return provisioner;
  }

  /** Starts bringing the environment up; progress and the outcome arrive as events. */
  async up(name: string): Promise<null> {
    if (this.running.has(name)) throw new ContractError('conflict', `environment ${name} is already being provisioned`);
    const provisioner = await this.requireProvisioner(name);
    const abort = new AbortController();
    this.running.set(name, abort);
    void provisioner
      .up(name, (event) => this.events.emit('env:progress', event), abort.signal)
      .catch(() => undefined)
      .finally(() => this.running.delete(name));
    return null;
  }

  async down(name: string): Promise<{ removed: string[] }> {
    this.running.get(name)?.abort();
    const provisioner = await this.requireProvisioner(name);
    return { removed: await provisioner.down(name, (event) => this.events.emit('env:progress', event)) };
  }

  /**
   * Starts bringing up the branch's copy of environment `name`; progress and the outcome
   * arrive as events under the copy's name, which is the answer.
   */
  async upForBranch(name: string, branch: string): Promise<{ environment: string }> {
    const provisioner = await this.requireProvisioner(name);
    const problem = provisioner.branchCopyProblem(name, branch);
    if (problem !== null) throw new ContractError('invalid-request', problem);
    const { branchEnvironmentRef } = await import('../docker/docker-names.js');
    const { environment } = branchEnvironmentRef(this.workspace.root, name, branch);
    if (this.running.has(environment))
      throw new ContractError('conflict', `the environment of ${branch} is already being provisioned`);
    const abort = new AbortController();
    this.running.set(environment, abort);
    void provisioner
      .upForBranch(name, branch, (event) => this.events.emit('env:progress', event), abort.signal)
      .catch(() => undefined)
      .finally(() => this.running.delete(environment));
    return { environment };
  }

  /** Removes the branch's copy of environment `name` (and nothing of the environment itself). */
  async downForBranch(name: string, branch: string): Promise<{ removed: string[] }> {
    const provisioner = await this.requireProvisioner(name);
    const problem = provisioner.branchCopyProblem(name, branch);
    if (problem !== null) throw new ContractError('invalid-request', problem);
    const { branchEnvironmentRef } = await import('../docker/docker-names.js');
    this.running.get(branchEnvironmentRef(this.workspace.root, name, branch).environment)?.abort();
    return {
      removed: await provisioner.downForBranch(name, branch, (event) => this.events.emit('env:progress', event)),
    };
  }

  /** The branches' copies that exist in Docker; none when no environment uses Docker or it is not reachable. */
  async listBranchEnvironments(): Promise<Array<{ environment: string; branch: string }>> {
    if (!this.usesDocker()) return [];
    const { provisioner } = await this.connect();
    return provisioner ? provisioner.listBranchEnvironments() : [];
  }

  async serviceLogs(name: string, service: string, tail?: number): Promise<{ text: string }> {
    if (!this.specs[name]?.services?.[service])
      throw new ContractError('not-found', `environment "${name}" has no service "${service}"`);
    const provisioner = await this.requireProvisioner(name);
    return { text: await provisioner.serviceLogs(name, service, tail) };
  }

  cancel(name: string): null {
    this.running.get(name)?.abort();
    return null;
  }

  stop(): void {
    for (const abort of this.running.values()) abort.abort();
  }
}
