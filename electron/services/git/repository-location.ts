// Where a workspace's git repository is (the workspace may be a folder inside a bigger
// repository), and what HEAD is, read straight from .git: cheap enough to stamp every run
// with its branch and commit without loading a git library.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface RepositoryLocation {
  /** The working tree's root folder. */
  root: string;
  gitdir: string;
}

export function findRepository(start: string): RepositoryLocation | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return { root: dir, gitdir: dotGit };
      // A linked worktree or submodule: .git is a file naming the real git directory.
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer) return { root: dir, gitdir: resolve(dir, pointer) };
    }
    if (dirname(dir) === dir) return null;
  }
}

function packedRef(gitdir: string, ref: string): string | null {
  const packed = join(gitdir, 'packed-refs');
  if (!existsSync(packed)) return null;
  for (const line of readFileSync(packed, 'utf8').split('\n')) {
    const [oid, name] = line.split(' ');
    if (name === ref && oid && /^[0-9a-f]{40}$/.test(oid)) return oid;
  }
  return null;
}

export interface HeadState {
  branch: string | null;
  commit: string | null;
}

export function readHead(gitdir: string): HeadState {
  let head: string;
  try {
    head = readFileSync(join(gitdir, 'HEAD'), 'utf8').trim();
  } catch {
    return { branch: null, commit: null };
  }
  const ref = /^ref:\s*(refs\/heads\/.+)$/.exec(head)?.[1];
  if (!ref) return { branch: null, commit: /^[0-9a-f]{40}$/.test(head) ? head : null };
  const loose = join(gitdir, ref);
  const commit = existsSync(loose) ? readFileSync(loose, 'utf8').trim() : packedRef(gitdir, ref);
  return { branch: ref.slice('refs/heads/'.length), commit };
}
