// Moves files of the working tree and the index from one commit's version to another's (a
// branch switch, a fast-forward, a merge's results, an abort): each file written or removed,
// then the index updated in one write. Removals go first, so a link or file the target
// replaces by a folder is gone before anything is written below it; and every path is checked
// before anything changes (tree-paths.ts), so a crafted tree is refused whole.
import type { GitContext } from './git-context.js';
import type { IndexChange } from './git-index.js';
import { updateIndex } from './git-index.js';
import type { LiveStatus } from './live-status.js';
import type { TreeChange } from './tree-files.js';
import { refuseUnsafeWrites } from './tree-paths.js';
import { checkOutFile, removeWorkFile } from './worktree-write.js';

/** The paths `changes` write (submodules are only recorded) and the ones they remove. */
export function writesOf(changes: readonly TreeChange[]): { writes: string[]; removals: Set<string> } {
  return {
    writes: changes
      .filter((change) => change.after !== null && change.after.mode !== '160000')
      .map((change) => change.path),
    removals: new Set(changes.filter((change) => change.after === null).map((change) => change.path)),
  };
}

export async function applyTreeChanges(
  context: GitContext,
  live: LiveStatus,
  changes: readonly TreeChange[],
): Promise<void> {
  const { writes, removals } = writesOf(changes);
  refuseUnsafeWrites(context.dir, writes, removals);
  const ordered = [
    ...changes.filter((change) => change.after === null),
    ...changes.filter((change) => change.after !== null),
  ];
  const index: IndexChange[] = [];
  try {
    for (const change of ordered) {
      if (change.after === null) {
        removeWorkFile(context.dir, change.path);
        index.push({ path: change.path, remove: true });
      } else if (change.after.mode === '160000') {
        // A submodule: its folder is the submodule's business; only the recorded commit moves.
        index.push({ path: change.path, oid: change.after.oid, mode: change.after.mode });
      } else {
        index.push({
          path: change.path,
          oid: change.after.oid,
          stats: await checkOutFile(context, change.path, change.after),
        });
      }
    }
  } finally {
    // Whatever was written is recorded, so status stays truthful even after a failure.
    live.touch(changes.map((change) => change.path));
    await updateIndex(context, index);
  }
}
