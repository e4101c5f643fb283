// Branches (the studio calls them experiments) and tags: list, create, switch, rename, delete.
// Switching rewrites only the files that differ between the two commits and never overwrites
// uncommitted work: changes in other files are carried over when asked, changes in the files
// the switch would rewrite stop it.
import git from 'isomorphic-git';
import { refNameProblem } from '../../../shared/git/ref-names.js';
import type { CommitInfo, SwitchOutcome, TagInfo } from '../../../shared/git/repository-types.js';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError, explainGitError } from './git-errors.js';
import { dirtyWork, listPaths } from './dirty-work.js';
import { mergeHead } from './merge-state.js';
import type { RepositoryParts } from './repository-parts.js';
import { commitAuthor, resolveCommit } from './repository-parts.js';
import { applyTreeChanges } from './tree-sync.js';

export async function commitInfo(context: GitContext, oid: string): Promise<CommitInfo> {
  const { commit } = await git.readCommit({ ...gitArgs(context), oid });
  return {
    oid,
    message: commit.message,
    author: { name: commit.author.name, email: commit.author.email },
    time: commit.author.timestamp * 1000,
    parents: commit.parent,
  };
}

export async function listBranches(context: GitContext): Promise<Array<{ name: string; commit: CommitInfo | null }>> {
  const names = await git.listBranches({ ...gitArgs(context) });
  return Promise.all(
    names.sort().map(async (name) => {
      const oid = await git.resolveRef({ ...gitArgs(context), ref: `refs/heads/${name}` }).catch(() => null);
      return { name, commit: oid ? await commitInfo(context, oid) : null };
    }),
  );
}

function checkName(name: string, what: string): void {
  const problem = refNameProblem(name);
  if (problem) throw new GitError('invalid-name', `"${name}" cannot be ${what} name: ${problem}`);
}

async function branchExists(context: GitContext, name: string): Promise<boolean> {
  return git.resolveRef({ ...gitArgs(context), ref: `refs/heads/${name}` }).then(
    () => true,
    () => false,
  );
}

export async function createBranch(context: GitContext, name: string, from: string | null): Promise<void> {
  checkName(name, 'a branch');
  if (await branchExists(context, name))
    throw new GitError('exists', `an experiment (branch) named "${name}" already exists`);
  const object = await resolveCommit(context, from ?? 'HEAD').catch(() => {
    throw new GitError(
      'not-found',
      from ? `there is no branch, tag or commit "${from}"` : 'there are no commits yet: commit something first',
    );
  });
  await git.branch({ ...gitArgs(context), ref: name, object, checkout: false });
}

/** Switches to a branch; with carried-over changes it asks first (switched: false) unless `carry`. */
export async function switchBranch(
  parts: RepositoryParts,
  name: string,
  options: { carry: boolean },
): Promise<SwitchOutcome> {
  const { context, trees, live } = parts;
  if (mergeHead(context.gitdir) !== null)
    throw new GitError('merge-in-progress', 'a merge is in progress: complete or abort it before switching');
  if (!(await branchExists(context, name)))
    throw new GitError('not-found', `there is no experiment (branch) named "${name}"`);
  const state = await live.state();
  const target = await resolveCommit(context, `refs/heads/${name}`);
  const changes = await trees.diff(
    state.head ? await trees.commitTree(state.head) : null,
    await trees.commitTree(target),
  );
  const dirty = dirtyWork(state.files, new Set(changes.map((change) => change.path)));
  if (dirty.blocking.length > 0) {
    throw new GitError(
      'dirty',
      `switching to ${name} would overwrite uncommitted changes in ${listPaths(dirty.blocking)}: commit them first`,
      dirty.blocking,
    );
  }
  if (dirty.carried.length > 0 && !options.carry) return { switched: false, dirty };
  await applyTreeChanges(context, live, changes);
  await git.writeRef({ ...gitArgs(context), ref: 'HEAD', value: `refs/heads/${name}`, symbolic: true, force: true });
  return { switched: true, dirty };
}

export async function renameBranch(
  context: GitContext,
  from: string,
  to: string,
  current: string | null,
): Promise<void> {
  checkName(to, 'a branch');
  if (!(await branchExists(context, from)))
    throw new GitError('not-found', `there is no experiment (branch) named "${from}"`);
  if (await branchExists(context, to))
    throw new GitError('exists', `an experiment (branch) named "${to}" already exists`);
  try {
    await git.renameBranch({ ...gitArgs(context), oldref: from, ref: to, checkout: current === from });
  } catch (error) {
    throw explainGitError(error, `renaming ${from}`);
  }
}

/** Deletes a branch; one whose commits are not in the current branch needs `force`. */
export async function deleteBranch(
  context: GitContext,
  name: string,
  current: string | null,
  head: string | null,
  force: boolean,
): Promise<void> {
  if (name === current)
    throw new GitError('conflict', `"${name}" is the current experiment: switch to another one before deleting it`);
  const oid = await resolveCommit(context, `refs/heads/${name}`).catch(() => {
    throw new GitError('not-found', `there is no experiment (branch) named "${name}"`);
  });
  const merged =
    head !== null &&
    (oid === head || (await git.isDescendent({ ...gitArgs(context), oid: head, ancestor: oid, depth: -1 })));
  if (!merged && !force) {
    throw new GitError(
      'conflict',
      `"${name}" has commits that are not merged into ${current ?? 'HEAD'}: deleting it would lose them. Merge it first, or delete anyway.`,
    );
  }
  await git.deleteBranch({ ...gitArgs(context), ref: name });
}

export async function listTags(context: GitContext): Promise<TagInfo[]> {
  const names = await git.listTags({ ...gitArgs(context) });
  return Promise.all(
    names.sort().map(async (name) => ({ name, oid: await resolveCommit(context, `refs/tags/${name}`) })),
  );
}

/** A tag on a commit; with a message, an annotated tag (as `git tag -a`). */
export async function createTag(
  context: GitContext,
  name: string,
  target: string,
  message: string | null,
): Promise<void> {
  checkName(name, 'a tag');
  if (
    await git.resolveRef({ ...gitArgs(context), ref: `refs/tags/${name}` }).then(
      () => true,
      () => false,
    )
  )
    throw new GitError('exists', `a tag named "${name}" already exists`);
  const object = await resolveCommit(context, target);
  if (message)
    await git.annotatedTag({ ...gitArgs(context), ref: name, object, message, tagger: await commitAuthor(context) });
  else await git.tag({ ...gitArgs(context), ref: name, object });
}

export async function deleteTag(context: GitContext, name: string): Promise<void> {
  try {
    await git.deleteTag({ ...gitArgs(context), ref: name });
  } catch (error) {
    throw explainGitError(error, `deleting tag ${name}`);
  }
}
