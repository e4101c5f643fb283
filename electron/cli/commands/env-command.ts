// `pipewright env list | status [NAME] | up NAME | down NAME`: the workspace's environments and
// their Docker resources; `--for-branch BRANCH` on up and down: a branch's own copy of one.
import type Docker from 'dockerode';
import { BuildArgError, withBuildArgs } from '../../../shared/pipeline/build-args.js';
import type { EnvironmentStatus } from '../../../shared/run/environment-types.js';
import { connectDocker } from '../../services/docker/docker-connection.js';
import { EnvironmentError, EnvironmentProvisioner } from '../../services/docker/environment-provisioner.js';
import type { Workspace } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { provisionPrinter } from '../output/provision-output.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

function environmentsOf(workspace: Workspace) {
  if (!workspace.settings.spec) throw new UsageError('pipewright.yaml is not valid', workspace.settings.problems);
  return workspace.settings.spec.environments ?? {};
}

function requireEnvironment(workspace: Workspace, name: string): void {
  const names = Object.keys(environmentsOf(workspace));
  if (!names.includes(name))
    throw new UsageError(
      `environment "${name}" is not defined in pipewright.yaml${names.length ? `; defined: ${names.join(', ')}` : ''}`,
    );
}

/** The provisioner, once the engines of the environments `names` answer (each on its own host); `--build-arg` values override the builds' args. */
async function provisioner(
  workspace: Workspace,
  names: readonly string[],
  buildArgs: Readonly<Record<string, string>> = {},
): Promise<{ provisioner: EnvironmentProvisioner; docker: Docker }> {
  let specs;
  try {
    specs = withBuildArgs(environmentsOf(workspace), buildArgs);
  } catch (error) {
    if (error instanceof BuildArgError) throw new UsageError(error.message);
    throw error;
  }
  const docker = connectDocker();
  const environments = new EnvironmentProvisioner(docker, workspace.root, specs);
  const problem = await environments.engineProblem(names);
  if (problem !== null) throw new UsageError(problem);
  return { provisioner: environments, docker };
}

export function listEnvironmentsCommand(options: { json?: boolean }, io: CliIO): number {
  const workspace = openWorkspaceFor(io);
  const entries = Object.entries(environmentsOf(workspace)).map(([name, spec]) => ({
    name,
    runner: spec.runner ?? 'local',
    image:
      spec.image ??
      (spec.build ? `built from ${typeof spec.build === 'string' ? spec.build : spec.build.context}` : null),
    services: Object.keys(spec.services ?? {}),
    default: workspace.settings.spec?.default_environment === name,
    description: spec.description ?? null,
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return EXIT.ok;
  }
  if (entries.length === 0)
    io.stdout.write('no environments: steps run locally; define some under environments: in pipewright.yaml\n');
  for (const entry of entries) {
    const details = [entry.runner, entry.image, entry.services.length ? `services: ${entry.services.join(', ')}` : null]
      .filter(Boolean)
      .join(' · ');
    io.stdout.write(
      `${entry.default ? '*' : ' '} ${entry.name.padEnd(14)} ${details}${entry.description ? ` — ${entry.description}` : ''}\n`,
    );
  }
  return EXIT.ok;
}

function statusLine(status: EnvironmentStatus): string {
  if (status.runner === 'local') return `${status.name}: local (nothing to provision)`;
  const parts = [
    `image ${status.image?.ref ?? '?'} ${status.image?.present ? 'present' : 'missing'}`,
    `network ${status.network?.present ? 'present' : 'missing'}`,
    ...status.volumes.map((volume) => `${volume.source} (${volume.mode}) ${volume.present ? 'present' : 'missing'}`),
    ...status.services.map(
      (service) => `service ${service.name} ${service.state}${service.health ? `/${service.health}` : ''}`,
    ),
  ];
  const host = status.dockerHost === null ? '' : ` on ${status.dockerHost}`;
  return `${status.name}${host}: ${status.ready ? 'ready' : 'not ready'} — ${parts.join(', ')}`;
}

export async function environmentStatusCommand(
  name: string | undefined,
  options: { json?: boolean },
  io: CliIO,
): Promise<number> {
  const workspace = openWorkspaceFor(io);
  if (name !== undefined) requireEnvironment(workspace, name);
  const names = name !== undefined ? [name] : Object.keys(environmentsOf(workspace));
  const needDocker = names.some((env) => environmentsOf(workspace)[env]?.runner === 'docker');
  const { provisioner: environments } = await provisioner(workspace, names);
  const copies = needDocker
    ? (await environments.listBranchEnvironments()).filter((copy) => names.includes(copy.environment))
    : [];
  const statuses = [
    ...(await Promise.all(names.map((env) => environments.status(env)))),
    ...(await Promise.all(copies.map((copy) => environments.status(copy.environment, copy.branch)))),
  ];
  io.stdout.write(
    options.json
      ? `${JSON.stringify(name !== undefined ? statuses[0] : statuses, null, 2)}\n`
      : `${statuses.map(statusLine).join('\n')}\n`,
  );
  return EXIT.ok;
}

export async function environmentUpCommand(
  name: string,
  options: { json?: boolean; forBranch?: string; buildArg?: Record<string, string> },
  io: CliIO,
): Promise<number> {
  const workspace = openWorkspaceFor(io);
  requireEnvironment(workspace, name);
  const spec = environmentsOf(workspace)[name];
  if (options.buildArg !== undefined && spec?.build === undefined) {
    throw new UsageError(
      `--build-arg: environment "${name}" does not build an image from a Dockerfile (build: in pipewright.yaml)`,
    );
  }
  const { provisioner: environments } = await provisioner(workspace, [name], options.buildArg);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    const emit = options.json ? () => undefined : provisionPrinter(io.stdout, stylerFor(io.stdout));
    const status =
      options.forBranch === undefined
        ? await environments.up(name, emit, abort.signal)
        : await environments.upForBranch(name, requireCopy(environments, name, options.forBranch), emit, abort.signal);
    if (options.json) io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    io.stderr.write(`${stylerFor(io.stderr)('red', 'error:')} ${error.message}\n`);
    return abort.signal.aborted ? EXIT.cancelled : EXIT.failed;
  } finally {
    process.off('SIGINT', stop);
  }
}

export async function environmentLogsCommand(
  name: string,
  service: string,
  options: { tail?: string },
  io: CliIO,
): Promise<number> {
  const workspace = openWorkspaceFor(io);
  requireEnvironment(workspace, name);
  const tail = options.tail === undefined ? 200 : Number(options.tail);
  if (!Number.isInteger(tail) || tail < 1)
    throw new UsageError(`--tail must be a whole number of lines, got "${options.tail}"`);
  const { provisioner: environments } = await provisioner(workspace, [name]);
  try {
    io.stdout.write(await environments.serviceLogs(name, service, tail));
  } catch (error) {
    if (error instanceof EnvironmentError) throw new UsageError(error.message);
    throw error;
  }
  return EXIT.ok;
}

export async function environmentDownCommand(
  name: string,
  options: { json?: boolean; images?: boolean; forBranch?: string },
  io: CliIO,
): Promise<number> {
  const workspace = openWorkspaceFor(io);
  requireEnvironment(workspace, name);
  const { provisioner: environments } = await provisioner(workspace, [name]);
  if (options.forBranch !== undefined && options.images)
    throw new UsageError(
      "--images cannot be combined with --for-branch: a branch's copy runs its environment's image, which stays",
    );
  const removed =
    options.forBranch === undefined
      ? await environments.down(name, () => undefined, { images: options.images === true })
      : await environments.downForBranch(name, requireCopy(environments, name, options.forBranch));
  const what = options.forBranch === undefined ? name : `the copy of ${name} for ${options.forBranch}`;
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ removed }, null, 2)}\n`
      : `${removed.length === 0 ? `nothing of ${what} to remove` : removed.map((item) => `removed ${item}`).join('\n')}\n`,
  );
  return EXIT.ok;
}

/** A bad --for-branch (not a branch name, a local environment) is a usage error, not a failed provisioning. */
function requireCopy(environments: EnvironmentProvisioner, name: string, branch: string): string {
  const problem = environments.branchCopyProblem(name, branch);
  if (problem !== null) throw new UsageError(problem);
  return branch;
}
