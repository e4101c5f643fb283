// Keeping the output store under its size limit: stored files no run refers to go first, then
// the least recently used, until the store fits. Files that the last run of a branch, of a
// checked-out ref, or of a release needs are never evicted, even when that leaves the store
// over its limit: switching back to that branch, or restoring that release, must stay free.
import { readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeUnrecordedReplayFolders } from '../store/replay-folders.js';
import { parseSizeBytes } from '../../../shared/pipeline/sizes.js';
import type { CacheSettings } from '../../../shared/pipeline/schema.js';
import type { OutputStore } from './output-store.js';
import { REPLACED_FOLDER } from './replaced-files.js';

export const DEFAULT_STORE_LIMIT = 10 * 1024 ** 3;

/** How long a stored file may wait for the step that stored it to record it. */
const RECORDING_GRACE_MS = 10 * 60_000;

export interface PruneResult {
  removedFiles: number;
  removedBytes: number;
  storedBytes: number;
  limitBytes: number;
}

export function storeLimit(settings: CacheSettings | undefined): number {
  const limit = settings?.size_limit === undefined ? Number.NaN : parseSizeBytes(settings.size_limit);
  return Number.isFinite(limit) ? limit : DEFAULT_STORE_LIMIT;
}

export async function pruneStore(store: OutputStore, limitBytes: number): Promise<PruneResult> {
  let storedBytes = store.index.figures().storedBytes;
  let removedFiles = 0;
  let removedBytes = 0;
  const remove = async (file: { hash: string; size: number }) => {
    // The record goes first: a store file without a record is only wasted space, never a restore of a missing file.
    store.index.forget(file.hash);
    await rm(store.objectPath(file.hash), { force: true });
    removedFiles += 1;
    removedBytes += file.size;
    storedBytes -= file.size;
  };
  for (const file of store.index.unrecorded(Date.now() - RECORDING_GRACE_MS)) await remove(file);
  await removeLeftReplaced(store);
  removeUnrecordedReplayFolders(store.index.database, join(dirname(store.objectsDir), 'replays'));
  for (const file of store.index.evictable()) {
    if (storedBytes <= limitBytes) break;
    await remove(file);
  }
  return { removedFiles, removedBytes, storedBytes, limitBytes };
}

/** Replaced files a restoring process died before removing; a folder still in use was written to within the grace. */
async function removeLeftReplaced(store: OutputStore): Promise<void> {
  const folder = join(store.objectsDir, REPLACED_FOLDER);
  const entries = await readdir(folder).catch(() => []);
  for (const name of entries) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (info && info.mtimeMs < Date.now() - RECORDING_GRACE_MS)
      await rm(join(folder, name), { recursive: true, force: true });
  }
}
