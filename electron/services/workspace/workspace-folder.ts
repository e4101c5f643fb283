// A workspace found on disk without its settings read through the validator. Commands that only
// read the run history (`pipewright runs`) open this: the YAML parser and the schemas are most
// of a short command's start-up, and the state needs only the environments, which the state
// database remembers while pipewright.yaml is unchanged. `Workspace` is this plus the settings.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { STATE_DIR, WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { RunStore } from '../store/run-store.js';
import { environmentsCached } from './environments-cache.js';

export class WorkspaceError extends Error {}

/** Walks up from `start` to the folder that holds pipewright.yaml. */
export function findWorkspaceRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, WORKSPACE_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The root of the workspace containing `start` (a folder or a file inside the workspace). */
export function workspaceRootOf(start: string): string {
  const from = existsSync(start) && !isDirectory(start) ? dirname(start) : start;
  const root = findWorkspaceRoot(from);
  if (!root) {
    throw new WorkspaceError(
      `no ${WORKSPACE_FILE} found in ${resolve(from)} or any folder above it; run "pipewright init" to create a workspace`,
    );
  }
  return root;
}

export class WorkspaceFolder {
  readonly stateDir: string;

  protected constructor(
    readonly root: string,
    /** pipewright.yaml as read when the workspace was opened. */
    private readonly openedSettingsText: string,
  ) {
    this.stateDir = join(root, STATE_DIR);
  }

  /** Opens the workspace containing `start`, reading pipewright.yaml but not validating it. */
  static find(start: string): WorkspaceFolder {
    const root = workspaceRootOf(start);
    return new WorkspaceFolder(root, readSettingsText(root));
  }

  ensureStateDir(): string {
    mkdirSync(this.stateDir, { recursive: true });
    return this.stateDir;
  }

  /** The environments pipewright.yaml declares (none while it is invalid). */
  environments(store: RunStore): Promise<Readonly<Record<string, EnvironmentSpec>>> {
    return environmentsCached(this.openedSettingsText, store);
  }
}

export function readSettingsText(root: string): string {
  return readFileSync(join(root, WORKSPACE_FILE), 'utf8');
}

export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
