// Where a command's workspace is, and the workspace's folder alone for commands that read only
// its state (`pipewright runs`): they start without the YAML parser and the schemas.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkspaceError, WorkspaceFolder } from '../../services/workspace/workspace-folder.js';
import { UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';

/** --workspace if given, else the file the command names, else the current folder. */
export function workspaceStart(io: CliIO, fileArgument?: string): string {
  const fromFile =
    fileArgument !== undefined && existsSync(resolve(io.cwd, fileArgument)) ? resolve(io.cwd, fileArgument) : undefined;
  return io.workspace !== undefined ? resolve(io.cwd, io.workspace) : (fromFile ?? io.cwd);
}

/** The folder of the workspace a command works in, its settings not validated. */
export function openWorkspaceFolderFor(io: CliIO): WorkspaceFolder {
  return asUsageError(() => WorkspaceFolder.find(workspaceStart(io)));
}

/** A workspace that cannot be found is the user's to fix: exit code 2, not an internal error. */
export function asUsageError<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
}
