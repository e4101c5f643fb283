// `pipewright runs prune` deletes old runs (their steps, tests, metrics, logs and folders) and
// compacts the state database; the runs a release or a branch still needs are always kept.
import { join } from 'node:path';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import { PrunePolicyError, pruneRuns } from '../../services/store/run-pruning.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { openWorkspaceFolderFor } from './open-workspace-folder.js';

export interface PruneCommandOptions {
  keep?: number;
  olderThan?: string;
  dryRun?: boolean;
  json?: boolean;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function olderThanMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDurationMs(text);
  if (!(ms > 0)) throw new UsageError(`--older-than ${text}: expected a duration such as 30d, 12h or 90m`);
  return ms;
}

export async function pruneRunsCommand(options: PruneCommandOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFolderFor(io);
  const olderThan = olderThanMs(options.olderThan);
  const { store } = await openWorkspaceState(workspace);
  try {
    const report = pruneRuns(store.database, join(workspace.stateDir, 'state.db'), join(workspace.stateDir, 'runs'), {
      ...(options.keep !== undefined ? { keep: options.keep } : {}),
      ...(olderThan !== undefined ? { olderThanMs: olderThan } : {}),
      dryRun: options.dryRun === true,
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    const verb = report.dryRun ? 'would prune' : 'pruned';
    const kept =
      report.protected > 0
        ? ` (${report.protected} more kept: a release, a branch's latest run or a running one needs them)`
        : '';
    io.stdout.write(`${verb} ${report.pruned} run${report.pruned === 1 ? '' : 's'}${kept}; ${report.remaining} left\n`);
    if (report.replayFoldersRemoved > 0)
      io.stdout.write(`removed ${report.replayFoldersRemoved} replay folder(s) of those runs\n`);
    if (!report.dryRun)
      io.stdout.write(
        `state database ${megabytes(report.databaseBytes.before)} -> ${megabytes(report.databaseBytes.after)}\n`,
      );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PrunePolicyError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}
