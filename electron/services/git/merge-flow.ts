// Merging another branch into the current one. The three-way merge of the commits' trees is
// planned file by file (merge-trees.ts) and applied here to isomorphic-git's refs and index:
// changes to different files or to different steps and fields of a pipeline merge on their
// own; the rest become conflicts kept as git keeps them (index stages, MERGE_HEAD) with the
// per-field pipeline conflicts alongside, until they are resolved and the merge committed,
// or the merge is aborted and every file it touched is put back.
import git from 'isomorphic-git';
import type { MergeOutcome } from '../../../shared/git/repository-types.js';
import { gitArgs } from './git-context.js';
import { GitError, explainGitError } from './git-errors.js';
import type { IndexChange } from './git-index.js';
import { readIndex, updateIndex } from './git-index.js';
import { writeIndexTree } from './index-tree.js';
import { dirtyWork, listPaths } from './dirty-work.js';
import type { MergeRecord } from './merge-state.js';
import { mergeHead, saveMerge } from './merge-state.js';
import type { RepositoryParts } from './repository-parts.js';
import { commitAuthor, mergeBases, resolveCommit } from './repository-parts.js';
import { planMerge } from './merge-trees.js';
import { refuseUnsafeWrites } from './tree-paths.js';
import { applyTreeChanges, writesOf } from './tree-sync.js';
import { blobId } from './blob-id.js';
import { removeWorkFile, writeWorkFile } from './worktree-write.js';

/** Merges `theirsRef` into the current branch. */
export async function startMerge(
  parts: RepositoryParts,
  theirsRef: string,
  options: { carry: boolean },
): Promise<MergeOutcome> {
  const { context, trees, live } = parts;
  if (mergeHead(context.gitdir) !== null)
    throw new GitError('merge-in-progress', 'a merge is already in progress: complete or abort it first');
  const state = await live.state();
  if (state.branch === null)
    throw new GitError('detached', 'HEAD is detached (not on a branch): switch to the experiment to merge into first');
  if (state.head === null) throw new GitError('not-found', 'there are no commits yet: commit something before merging');
  const theirs = await resolveCommit(context, theirsRef);
  const [base = null] = await mergeBases(context, [state.head, theirs]);
  if (theirs === state.head || base === theirs) return { result: 'up-to-date' };

  if (base === state.head) {
    const changes = await trees.diff(await trees.commitTree(state.head), await trees.commitTree(theirs));
    const dirty = dirtyWork(state.files, new Set(changes.map((change) => change.path)));
    if (dirty.blocking.length > 0)
      throw new GitError(
        'dirty',
        `merging ${theirsRef} would overwrite uncommitted changes in ${listPaths(dirty.blocking)}: commit them first`,
        dirty.blocking,
      );
    if (dirty.carried.length > 0 && !options.carry) return { result: 'needs-decision', dirty };
    await applyTreeChanges(context, live, changes);
    await git.writeRef({ ...gitArgs(context), ref: `refs/heads/${state.branch}`, value: theirs, force: true });
    return { result: 'fast-forward', commit: theirs };
  }

  const staged = state.files.filter((file) => file.staged !== null).map((file) => file.path);
  if (staged.length > 0)
    throw new GitError(
      'dirty',
      `changes are staged but not committed (${listPaths(staged)}): commit or unstage them before merging, so the merge commit holds only the merge`,
      staged,
    );
  const plan = await planMerge(parts, base, state.head, theirs, { ours: state.branch, theirs: theirsRef });
  const touched = [...plan.resolved.map((change) => change.path), ...plan.conflicts.map((conflict) => conflict.path)];
  const dirty = dirtyWork(state.files, new Set(touched));
  if (dirty.blocking.length > 0)
    throw new GitError(
      'dirty',
      `merging ${theirsRef} would overwrite uncommitted changes in ${listPaths(dirty.blocking)}: commit them first`,
      dirty.blocking,
    );
  if (dirty.carried.length > 0 && !options.carry) return { result: 'needs-decision', dirty };

  // Every path the merge writes is checked before the first one is: a crafted branch is refused whole.
  const resolved = writesOf(plan.resolved);
  const conflictWrites = plan.conflicts
    .filter((conflict) => plan.provisional.get(conflict.path))
    .map((conflict) => conflict.path);
  const conflictRemovals = plan.conflicts
    .filter((conflict) => !plan.provisional.get(conflict.path))
    .map((conflict) => conflict.path);
  refuseUnsafeWrites(
    context.dir,
    [...resolved.writes, ...conflictWrites],
    new Set([...resolved.removals, ...conflictRemovals]),
  );

  const message = `Merge branch '${theirsRef}' into ${state.branch}`;
  await applyTreeChanges(context, live, plan.resolved);
  if (plan.conflicts.length === 0) {
    const author = await commitAuthor(context);
    try {
      const tree = await writeIndexTree(context, trees, await readIndex(context), await trees.commitTree(state.head));
      const commit = await git.commit({
        ...gitArgs(context),
        message: `${message}\n`,
        author,
        committer: author,
        parent: [state.head, theirs],
        tree,
      });
      return { result: 'merged', commit };
    } catch (error) {
      throw explainGitError(error, 'committing the merge');
    }
  }
  const index: IndexChange[] = [];
  for (const conflict of plan.conflicts) {
    const provisional = plan.provisional.get(conflict.path);
    if (provisional) writeWorkFile(context.dir, conflict.path, provisional.content, provisional.mode);
    else removeWorkFile(context.dir, conflict.path);
    index.push({ path: conflict.path, stages: [conflict.base, conflict.ours, conflict.theirs] });
  }
  live.touch(plan.conflicts.map((conflict) => conflict.path));
  await updateIndex(context, index);
  const written: Record<string, string | null> = Object.fromEntries(
    plan.resolved
      .filter((change) => change.after?.mode !== '160000')
      .map((change) => [change.path, change.after?.oid ?? null]),
  );
  for (const conflict of plan.conflicts) {
    const provisional = plan.provisional.get(conflict.path);
    written[conflict.path] = provisional ? blobId(provisional.content) : null;
  }
  const record: MergeRecord = {
    version: 1,
    ours: state.head,
    oursName: state.branch,
    theirs,
    theirsName: theirsRef,
    touched,
    written,
    conflicts: plan.conflicts,
  };
  saveMerge(context.gitdir, record, message);
  return { result: 'conflicts', conflicts: plan.conflicts.length };
}
