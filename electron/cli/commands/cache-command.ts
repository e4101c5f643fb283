// `pipewright cache status|prune` shows and trims the output store; `pipewright restore` puts a
// past run's outputs back in the working tree.
import { formatSize } from '../../../shared/pipeline/sizes.js';
import { RunRequestError, findRun } from '../../services/engine/run-plan.js';
import { outputStoreOf } from '../../services/outputs/output-store.js';
import type { OutputStore } from '../../services/outputs/output-store.js';
import { RestoreError, restoreRunOutputs } from '../../services/outputs/run-restore.js';
import { StoreRecordError } from '../../services/outputs/output-store.js';
import { pruneStore, storeLimit } from '../../services/outputs/store-eviction.js';
import { UnsafePathError } from '../../services/files/contained-path.js';
import type { RunStore } from '../../services/store/run-store.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import type { Workspace } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { openWorkspaceFor } from './open-workspace.js';

async function withOutputStore<T>(
  io: CliIO,
  action: (store: OutputStore, workspace: Workspace, runs: RunStore) => Promise<T>,
): Promise<T> {
  const workspace = openWorkspaceFor(io);
  const { store: runs } = await openWorkspaceState(workspace);
  try {
    return await action(outputStoreOf(workspace.stateDir, runs), workspace, runs);
  } catch (error) {
    if (error instanceof RunRequestError || error instanceof RestoreError) throw new UsageError(error.message);
    throw error;
  } finally {
    runs.close();
  }
}

export function cacheStatusCommand(options: { json?: boolean }, io: CliIO): Promise<number> {
  return withOutputStore(io, async (store, workspace) => {
    const figures = store.index.figures();
    const status = {
      ...figures,
      limitBytes: storeLimit(workspace.settings.spec?.cache),
      savedBytes: Math.max(0, figures.recordedBytes - figures.storedBytes),
      folder: store.objectsDir,
    };
    if (options.json) {
      io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(
      [
        `output store: ${status.folder}`,
        `  ${status.files} files, ${formatSize(status.storedBytes)} on disk of ${formatSize(status.limitBytes)} allowed`,
        `  ${formatSize(status.recordedBytes)} recorded by runs: ${formatSize(status.savedBytes)} saved by deduplication`,
        `  ${formatSize(status.protectedBytes)} kept for the last run of each branch and release`,
      ]
        .join('\n')
        .concat('\n'),
    );
    return EXIT.ok;
  });
}

export function cachePruneCommand(options: { json?: boolean }, io: CliIO): Promise<number> {
  return withOutputStore(io, async (store, workspace) => {
    const result = await pruneStore(store, storeLimit(workspace.settings.spec?.cache));
    if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else
      io.stdout.write(
        `removed ${result.removedFiles} files (${formatSize(result.removedBytes)}); the store holds ${formatSize(result.storedBytes)} of ${formatSize(result.limitBytes)} allowed\n`,
      );
    return EXIT.ok;
  });
}

export function restoreCommand(runRef: string, options: { step?: string; json?: boolean }, io: CliIO): Promise<number> {
  return withOutputStore(io, async (_store, workspace, runs) => {
    const run = findRun(runs, runRef);
    let restored;
    try {
      restored = await restoreRunOutputs(workspace, runs, run, options.step);
    } catch (error) {
      if (error instanceof StoreRecordError || error instanceof UnsafePathError) throw new RestoreError(error.message);
      throw error;
    }
    if (options.json) io.stdout.write(`${JSON.stringify({ run: run.id, steps: restored }, null, 2)}\n`);
    else for (const step of restored) io.stdout.write(`${step.step}: restored ${step.paths.join(', ')}\n`);
    return EXIT.ok;
  });
}
