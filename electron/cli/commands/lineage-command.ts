// `pipewright lineage PATH [--run RUN_ID] [--json]`: which step and run made an output file,
// from which input files (with their hashes) and params, back to the raw inputs.
import { resolve } from 'node:path';
import { RunRequestError, findRun } from '../../services/engine/run-plan.js';
import { LineageError, traceLineage } from '../../services/lineage/lineage-trace.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { lineageText } from '../output/lineage-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface LineageOptions {
  run?: string;
  json?: boolean;
}

export async function lineageCommand(path: string, options: LineageOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io);
  const { store } = await openWorkspaceState(workspace);
  try {
    // A path is the workspace's, typed from wherever the user stands in it.
    const runId = options.run === undefined ? null : findRun(store, options.run).id;
    const trace = traceLineage(store.lineage, workspace.relative(resolve(io.cwd, path)), runId);
    io.stdout.write(options.json ? `${JSON.stringify(trace, null, 2)}\n` : lineageText(stylerFor(io.stdout), trace));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LineageError || error instanceof RunRequestError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}
