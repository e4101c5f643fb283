// Moves files of the working tree and the index from one commit's version to another's (a
// branch switch, a fast-forward, a merge's results, an abort): each file written or removed,
// then the index updated in one write.
import type { GitContext } from './git-context.js';
import type { IndexChange } from './git-index.js';
import { updateIndex } from './git-index.js';
import type { LiveStatus } from './live-status.js';
import type { TreeChange } from './tree-files.js';
import { checkOutFile, removeWorkFile } from './worktree-write.js';

export async function applyTreeChanges(context: GitContext, live: LiveStatus, changes: readonly TreeChange[]): Promise<void> {
  const index: IndexChange[] = [];
  try {
    for (const change of changes) {
      if (change.after === null) {
        removeWorkFile(context.dir, change.path);
        index.push({ path: change.path, remove: true });
      } else if (change.after.mode === '160000') {
        // A submodule: its folder is the submodule's business; only the recorded commit moves.
        index.push({ path: change.path, oid: change.after.oid, mode: change.after.mode });
      } else {
        index.push({ path: change.path, oid: change.after.oid, stats: await checkOutFile(context, change.path, change.after) });
      }
    }
  } finally {
    // Whatever was written is recorded, so status stays truthful even after a failure.
    live.touch(changes.map((change) => change.path));
    await updateIndex(context, index);
  }
}
