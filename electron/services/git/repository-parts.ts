// What every git operation on a repository works with: the isomorphic-git context, the tree
// reader and the live status, made once per repository.
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError } from './git-errors.js';
import { globalGitIdentity } from './git-identity.js';
import type { GitIdentity } from './git-identity.js';
import type { LiveStatus } from './live-status.js';
import type { TreeReader } from './tree-files.js';

export interface RepositoryParts {
  context: GitContext;
  trees: TreeReader;
  live: LiveStatus;
}

/** The commit a user's reference names: a branch, a tag (annotated tags peeled), HEAD, or a (short) commit id. */
export async function resolveCommit(context: GitContext, ref: string): Promise<string> {
  let oid: string;
  try {
    oid = await git.resolveRef({ ...gitArgs(context), ref });
  } catch {
    if (!/^[0-9a-f]{4,40}$/i.test(ref)) throw new GitError('not-found', `there is no branch, tag or commit "${ref}"`);
    try {
      oid = await git.expandOid({ ...gitArgs(context), oid: ref.toLowerCase() });
    } catch {
      throw new GitError('not-found', `there is no branch, tag or commit "${ref}"`);
    }
  }
  for (let depth = 0; depth < 5; depth += 1) {
    const object = await git.readObject({ ...gitArgs(context), oid, format: 'parsed' });
    if (object.type === 'commit') return oid;
    if (object.type !== 'tag' || object.format !== 'parsed') break;
    oid = object.object.object;
  }
  throw new GitError('not-found', `"${ref}" does not name a commit`);
}

/** Who commits: the repository's user.name/user.email, else the user's global git identity. */
export async function commitAuthor(context: GitContext): Promise<GitIdentity> {
  const [name, email] = await Promise.all([configText(context, 'user.name'), configText(context, 'user.email')]);
  const global = globalGitIdentity();
  return { name: name ?? global.name, email: email ?? global.email };
}

/** A text setting of the repository's git config; isomorphic-git answers `any`. */
export async function configText(context: GitContext, path: string): Promise<string | undefined> {
  const value: unknown = await git.getConfig({ ...gitArgs(context), path });
  return typeof value === 'string' ? value : undefined;
}

/** The merge bases of commits; isomorphic-git answers `any`. */
export async function mergeBases(context: GitContext, oids: string[]): Promise<string[]> {
  const found: unknown = await git.findMergeBase({ ...gitArgs(context), oids });
  return Array.isArray(found) ? found.filter((oid): oid is string => typeof oid === 'string') : [];
}
