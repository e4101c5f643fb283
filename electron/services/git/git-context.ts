// Everything an isomorphic-git call on one repository needs, made once per repository: the
// guarded file system, the folders, and the cache isomorphic-git keeps between calls (the
// parsed index, pack indexes), which is what makes repeated calls cheap.
import { FileSystem } from 'isomorphic-git/models';
import { gitFileSystem } from './git-fs.js';
import type { IndexLock } from './git-fs.js';
import type { RepositoryLocation } from './repository-location.js';

export interface GitContext {
  fs: ReturnType<typeof gitFileSystem>;
  /** The same, wrapped as isomorphic-git's managers take it. */
  managedFs: FileSystem;
  dir: string;
  gitdir: string;
  cache: object;
  lock: IndexLock;
}

export function openGitContext(location: RepositoryLocation): GitContext {
  const lock: IndexLock = { held: false };
  const fs = gitFileSystem(location.gitdir, lock);
  return { fs, managedFs: new FileSystem(fs), dir: location.root, gitdir: location.gitdir, cache: {}, lock };
}

/**
 * The arguments every isomorphic-git call takes. The file system goes in already wrapped: given
 * the raw one, each call wraps it anew and probes it with a failing read first.
 */
export function gitArgs(context: GitContext) {
  return {
    // cast: isomorphic-git takes its own FileSystem wrapper as it is (it checks for one before
    // wrapping), but its types name only the raw clients
    fs: context.managedFs as unknown as typeof context.fs,
    dir: context.dir,
    gitdir: context.gitdir,
    cache: context.cache,
  };
}
