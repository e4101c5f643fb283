// What a step container mounts of this machine: the workspace read-only, the folders (or
// root-level files) its declared outputs need, writable, by their real paths, and the run's
// params file, through the workspace's mount where it lies in it.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Docker from 'dockerode';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import { isSameOrInside, normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { containedPath } from '../files/contained-path.js';
import { notebookRunnerFolder } from '../runner/notebook-command.js';
import type { StepLaunch } from '../runner/step-runner.js';
import { paramsInWorkspace } from './params-in-workspace.js';
import { CONTAINER_NOTEBOOK_RUNNER } from './step-transfer.js';

export const CONTAINER_WORKSPACE = '/workspace';
export const CONTAINER_PARAMS_FILE = '/pipewright/params.json';

/** A step container's mounts, and where the run's params file is in it. */
export interface StepMounts {
  mounts: Docker.MountSettings[];
  paramsFile: string;
}

export interface WritableMount {
  host: string;
  target: string;
  /** A file created empty so it can be mounted, removed again if the step left it empty. */
  placeholder: boolean;
}

/** A writable mount as planned: what must be made on the host before it can be mounted. */
interface PlannedMount extends WritableMount {
  make: 'folder' | 'file' | null;
}

/**
 * Host folders (or root-level files) the step may write: what its declared outputs need, by
 * their real paths. A path a link leads out of the workspace is refused (UnsafePathError)
 * before any folder is made: a bind mount follows links on the host.
 */
export function writableMounts(root: string, outputs: readonly string[]): WritableMount[] {
  const planned = plannedMounts(root, outputs);
  for (const mount of planned) {
    if (mount.make === 'file') writeFileSync(mount.host, '', { flag: 'wx' });
    else if (mount.make === 'folder') mkdirSync(mount.host, { recursive: true });
  }
  return outermost(planned);
}

/**
 * The same mounts, for a container made before its step starts, but only if each is there
 * already: making folders is the attempt's business, not a guess's. Null when one is missing
 * or refused (the attempt then says why).
 */
export function existingWritableMounts(root: string, outputs: readonly string[]): WritableMount[] | null {
  let planned: PlannedMount[];
  try {
    planned = plannedMounts(root, outputs);
  } catch {
    return null;
  }
  return planned.every((mount) => mount.make === null) ? outermost(planned) : null;
}

function plannedMounts(root: string, outputs: readonly string[]): PlannedMount[] {
  return outputs.map((output) => {
    const host = containedPath(root, output, `output ${output}`);
    // A folder output is one that exists as a folder (or is written with a trailing slash);
    // for a file, its folder is mounted, since Docker cannot mount a file that is not there.
    const isDir = existsSync(host) ? statSync(host).isDirectory() : output.endsWith('/');
    const path = isDir ? output.replace(/\/+$/, '') : dirname(output);
    if (path === '.') {
      const missing = !existsSync(host);
      return { host, target: `${CONTAINER_WORKSPACE}/${output}`, placeholder: missing, make: missing ? 'file' : null };
    }
    const source = isDir ? host : dirname(host);
    const there = existsSync(source) && statSync(source).isDirectory();
    return {
      host: source,
      target: `${CONTAINER_WORKSPACE}/${path}`,
      placeholder: false,
      make: there ? null : 'folder',
    };
  });
}

/** Mounts inside another writable mount are covered by it. */
function outermost(planned: readonly PlannedMount[]): WritableMount[] {
  const byDepth = planned
    .map(({ host, target, placeholder }) => ({ host, target, placeholder }))
    .sort((a, b) => a.target.length - b.target.length);
  return byDepth.filter(
    (mount, index) => !byDepth.slice(0, index).some((outer) => isSameOrInside(mount.target, outer.target)),
  );
}

/** What a step on the local engine sees of this machine: the workspace read-only, its outputs writable, the params file. */
export function bindMounts(request: StepLaunch, writable: WritableMount[], spec: EnvironmentSpec): StepMounts {
  const inWorkspace = paramsInWorkspace(request.cwd, request.paramsFile, CONTAINER_WORKSPACE);
  const params = inWorkspace !== null && !underDataVolume(spec, inWorkspace) ? inWorkspace : null;
  const mounts: Docker.MountSettings[] = [
    { Type: 'bind', Source: request.cwd, Target: CONTAINER_WORKSPACE, ReadOnly: true },
    ...writable.map((mount) => ({
      Type: 'bind' as const,
      Source: mount.host,
      Target: mount.target,
      ReadOnly: false,
    })),
    ...(params === null
      ? [{ Type: 'bind' as const, Source: request.paramsFile, Target: CONTAINER_PARAMS_FILE, ReadOnly: true }]
      : []),
    ...(request.notebook
      ? [{ Type: 'bind' as const, Source: notebookRunnerFolder(), Target: CONTAINER_NOTEBOOK_RUNNER, ReadOnly: true }]
      : []),
  ];
  return { mounts, paramsFile: params ?? CONTAINER_PARAMS_FILE };
}

/** Whether one of the environment's data volumes lies over `path` (in the container), hiding it. */
function underDataVolume(spec: EnvironmentSpec, path: string): boolean {
  return (spec.data ?? []).some((data) => {
    if (data.mode !== 'copy' && data.mode !== 'sample') return false;
    const source = normalizeWorkspacePath(data.source);
    return source === null || isSameOrInside(path, `${CONTAINER_WORKSPACE}/${source}`);
  });
}
