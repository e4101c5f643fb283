// Staging, unstaging and committing: files go into the index in one write, and a commit is
// made by isomorphic-git from the index, as `git commit` does.
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { gitArgs } from './git-context.js';
import { GitError, explainGitError } from './git-errors.js';
import type { IndexChange } from './git-index.js';
import { readIndex, updateIndex } from './git-index.js';
import type { RepositoryParts } from './repository-parts.js';
import { commitAuthor } from './repository-parts.js';
import { writeIndexTree } from './index-tree.js';
import { mergeHead } from './merge-state.js';
import { gitMode } from './worktree.js';
import { writeBlob } from './git-objects.js';

export async function stagePaths(parts: RepositoryParts, paths: readonly string[]): Promise<void> {
  const { context } = parts;
  const index = await readIndex(context);
  const conflicted = paths.filter((path) => index.unmerged.has(path));
  if (conflicted.length > 0)
    throw new GitError(
      'unresolved',
      `resolve the merge conflicts in ${conflicted.join(', ')} in the merge view first`,
      conflicted,
    );
  const changes: IndexChange[] = [];
  for (const path of paths) {
    const absolute = join(context.dir, path);
    let stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      changes.push({ path, remove: true });
      continue;
    }
    const content = gitMode(stats) === '120000' ? Buffer.from(readlinkSync(absolute)) : readFileSync(absolute);
    const oid = await writeBlob(context, content);
    changes.push({ path, oid, stats });
  }
  await updateIndex(context, changes);
}

/** Puts the index entries of `paths` back to HEAD's version, leaving the files as they are. */
export async function unstagePaths(parts: RepositoryParts, paths: readonly string[]): Promise<void> {
  const state = await parts.live.state();
  const changes: IndexChange[] = paths.map((path) => {
    const head = state.headFiles.get(path);
    return head ? { path, oid: head.oid, mode: head.mode } : { path, remove: true };
  });
  await updateIndex(parts.context, changes);
}

/** Commits what is staged (with `all`, every change first); the new commit's id. */
export async function commitChanges(
  parts: RepositoryParts,
  message: string,
  options: { all?: boolean } = {},
): Promise<string> {
  const { context } = parts;
  if (message.trim() === '') throw new GitError('nothing-to-commit', 'a commit needs a message');
  let state = await parts.live.state();
  if (state.branch === null) {
    throw new GitError(
      'detached',
      'HEAD is detached (not on a branch): a commit here would belong to no experiment. Create an experiment from this commit first.',
    );
  }
  if (mergeHead(context.gitdir) !== null)
    throw new GitError(
      'merge-in-progress',
      'a merge is in progress: resolve its conflicts and complete it (or abort it) first',
    );
  if (options.all) {
    await stagePaths(
      parts,
      state.files.filter((file) => !file.conflicted && file.unstaged !== null).map((file) => file.path),
    );
    state = await parts.live.state();
  }
  if (!state.files.some((file) => file.staged !== null))
    throw new GitError('nothing-to-commit', 'nothing is staged: stage the files to commit first');
  const author = await commitAuthor(context);
  const tree = await writeIndexTree(
    context,
    parts.trees,
    await readIndex(context),
    state.head ? await parts.trees.commitTree(state.head) : null,
  );
  try {
    return await git.commit({
      ...gitArgs(context),
      message: message.endsWith('\n') ? message : `${message}\n`,
      author,
      committer: author,
      tree,
    });
  } catch (error) {
    throw explainGitError(error, 'committing');
  }
}
