// Keeping the output store under its size limit: stored files no run refers to go first, then
// the least recently used, until the store fits. Files that the last run of a branch, of a
// checked-out ref, or of a release needs are never evicted, even when that leaves the store
// over its limit: switching back to that branch, or restoring that release, must stay free.
import { rm } from 'node:fs/promises';
import { parseSizeBytes } from '../../../shared/pipeline/sizes.js';
import type { CacheSettings } from '../../../shared/pipeline/schema.js';
import type { OutputStore } from './output-store.js';

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
  for (const file of store.index.evictable()) {
    if (storedBytes <= limitBytes) break;
    await remove(file);
  }
  return { removedFiles, removedBytes, storedBytes, limitBytes };
}
