import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Workspace, WorkspaceError } from '../../services/workspace/workspace.js';
import { UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';

/**
 * The workspace a command works in: --workspace if given, else the one holding the file the
 * command names, else the one around the current folder.
 */
export function openWorkspaceFor(io: CliIO, fileArgument?: string): Workspace {
  const fromFile =
    fileArgument !== undefined && existsSync(resolve(io.cwd, fileArgument)) ? resolve(io.cwd, fileArgument) : undefined;
  const start = io.workspace !== undefined ? resolve(io.cwd, io.workspace) : (fromFile ?? io.cwd);
  try {
    return Workspace.open(start);
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
}
