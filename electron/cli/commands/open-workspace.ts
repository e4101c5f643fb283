import { Workspace } from '../../services/workspace/workspace.js';
import type { CliIO } from '../io/cli-io.js';
import { asUsageError, workspaceStart } from './open-workspace-folder.js';

/**
 * The workspace a command works in: --workspace if given, else the one holding the file the
 * command names, else the one around the current folder.
 */
export function openWorkspaceFor(io: CliIO, fileArgument?: string): Workspace {
  return asUsageError(() => Workspace.open(workspaceStart(io, fileArgument)));
}
