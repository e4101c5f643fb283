// The history of the workspace or of one file, files as they were at a commit, what a commit
// changed, and restoring a file's version from any commit.
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { CommitInfo } from '../../../shared/git/repository-types.js';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError, explainGitError } from './git-errors.js';
import type { RepositoryParts } from './repository-parts.js';
import { resolveCommit } from './repository-parts.js';
import type { TreeChange, TreeFile } from './tree-files.js';
import { lstatOrNone, refuseUnsafeName } from './tree-paths.js';
import { removeWorkFile, writeWorkFile } from './worktree-write.js';
import { readBlob } from './git-objects.js';
import { errorCode } from '../../../shared/text/error-message.js';

export async function commitLog(
  context: GitContext,
  options: { ref?: string | undefined; path?: string | undefined; limit: number },
): Promise<CommitInfo[]> {
  let start: string;
  try {
    start = await resolveCommit(context, options.ref ?? 'HEAD');
  } catch (error) {
    if (options.ref === undefined) return [];
    throw error;
  }
  try {
    const entries = await git.log({
      ...gitArgs(context),
      ref: start,
      depth: options.limit,
      ...(options.path ? { filepath: options.path } : {}),
    });
    return entries.map(({ oid, commit }) => ({
      oid,
      message: commit.message,
      author: { name: commit.author.name, email: commit.author.email },
      time: commit.author.timestamp * 1000,
      parents: commit.parent,
    }));
  } catch (error) {
    // A file's history that ends where the file did not exist yet is still its history.
    if (errorCode(error) === 'NotFoundError' && options.path) return [];
    throw explainGitError(error, 'reading the history');
  }
}

export async function fileAtCommit(
  parts: RepositoryParts,
  ref: string,
  path: string,
): Promise<{ commit: string; file: TreeFile | null }> {
  const commit = await resolveCommit(parts.context, ref);
  const files = await parts.trees.flatten(await parts.trees.commitTree(commit));
  return { commit, file: files.get(path) ?? null };
}

export async function readFileAt(
  parts: RepositoryParts,
  ref: string,
  path: string,
): Promise<{ commit: string; content: Buffer | null }> {
  const { commit, file } = await fileAtCommit(parts, ref, path);
  return { commit, content: file ? await readBlob(parts.context, file.oid) : null };
}

/** What a commit changed against its first parent. */
export async function commitChangesOf(parts: RepositoryParts, ref: string): Promise<TreeChange[]> {
  const oid = await resolveCommit(parts.context, ref);
  const { commit } = await git.readCommit({ ...gitArgs(parts.context), oid });
  const parent = commit.parent[0];
  return parts.trees.diff(parent ? await parts.trees.commitTree(parent) : null, commit.tree);
}

/**
 * Puts a file back as it was at `ref`, in the working tree (staging it is up to the user).
 * Never a path in .git/, and never a file git ignores: restoring one would replace or remove
 * the user's untracked data (git status does not even list it).
 */
export async function restoreFile(parts: RepositoryParts, path: string, ref: string, force: boolean): Promise<void> {
  refuseUnsafeName(path);
  const state = await parts.live.state();
  const dirty = state.files.find((file) => file.path === path && (file.unstaged !== null || file.staged !== null));
  const tracked = state.index.entries.has(path) || state.headFiles.has(path);
  if (!tracked && dirty === undefined && lstatOrNone(join(parts.context.dir, path)) !== null) {
    throw new GitError(
      'dirty',
      `${path} is ignored by git and not tracked: restoring would replace or remove it, and Pipewright never touches ignored files`,
      [path],
    );
  }
  if (dirty && !force)
    throw new GitError('dirty', `${path} has uncommitted changes that restoring would replace`, [path]);
  const { file } = await fileAtCommit(parts, ref, path);
  if (file) writeWorkFile(parts.context.dir, path, await readBlob(parts.context, file.oid), file.mode);
  else removeWorkFile(parts.context.dir, path);
  parts.live.touch([path]);
}
