// Finishing or undoing a promotion a killed process left half-done, before anything else reads
// the repository's releases: at the start of `promote`, of `releases` and of a studio session.
// A journal whose promotion is still going on in a live process is left to that process; a
// lock whose owner died means a transaction was cut short, whose debris is swept.
import { existsSync } from 'node:fs';
import { GitRepository } from '../git/git-repository.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { journalPath, lockPath, PromotionBusyError, takePromotionLock } from './promotion-journal.js';
import type { PromotionLock } from './promotion-journal.js';
import { PromotionStore } from './promotion-store.js';
import { recoverJournal } from './promotion-transaction.js';
import type { Recovery } from './promotion-transaction.js';

export async function recoverPromotion(
  workspace: Workspace,
  store: RunStore,
  repository?: GitRepository,
): Promise<Recovery | null> {
  if (!existsSync(journalPath(workspace.stateDir)) && !existsSync(lockPath(workspace.stateDir))) return null;
  let lock: PromotionLock;
  try {
    lock = takePromotionLock(workspace.stateDir);
  } catch (error) {
    if (error instanceof PromotionBusyError) return null;
    throw error;
  }
  try {
    const opened = repository ?? GitRepository.open(workspace.root, { watch: false });
    if (!opened) return null;
    try {
      return await opened.exclusive((parts) =>
        recoverJournal(parts, workspace.stateDir, new PromotionStore(store), lock.tookOver),
      );
    } finally {
      if (!repository) opened.release();
    }
  } finally {
    lock.release();
  }
}
