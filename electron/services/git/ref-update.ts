// Moving a branch from the commit it was read at to a new one, only if nobody moved it
// meanwhile (compare-and-swap), under git's own lock protocol: refs/heads/<name>.lock is
// created exclusively, the old value checked, the new one written into the lock and renamed
// over the ref. The git CLI takes the same lock, so the two never interleave, and a crash
// leaves the ref at either its old or its new commit, never torn.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError } from './git-errors.js';
import { errorCode } from '../../../shared/text/error-message.js';

const lockPath = (context: GitContext, ref: string) => join(context.gitdir, `${ref}.lock`);

/** The commit a full ref name (refs/heads/main) holds, or null when it does not exist. */
export async function readRef(context: GitContext, ref: string): Promise<string | null> {
  return git.resolveRef({ ...gitArgs(context), ref }).catch(() => null);
}

export async function updateRefIfAt(context: GitContext, ref: string, expected: string, next: string): Promise<void> {
  const lock = lockPath(context, ref);
  mkdirSync(dirname(lock), { recursive: true });
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST')
      throw new GitError(
        'index-locked',
        `another git process is updating ${ref} (${lock} exists). If none is running, delete that file and try again.`,
      );
    throw error;
  }
  let written = false;
  try {
    const current = await readRef(context, ref);
    if (current !== expected) {
      throw new GitError(
        'conflict',
        `${ref.replace(/^refs\/heads\//, '')} moved from ${expected.slice(0, 7)} to ${current?.slice(0, 7) ?? 'nothing'} meanwhile`,
      );
    }
    writeSync(fd, `${next}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(lock, join(context.gitdir, ref));
    written = true;
  } finally {
    if (!written) {
      try {
        closeSync(fd);
      } catch {
        // Closed before the rename failed.
      }
      rmSync(lock, { force: true });
    }
  }
}

/**
 * Removes a ref lock a dead process left while moving `ref` to `next`: one that is empty or
 * holds `next` (an update by someone else holds another commit and is left alone).
 */
export function removeStaleRefLock(context: GitContext, ref: string, next: string): boolean {
  const lock = lockPath(context, ref);
  if (!existsSync(lock)) return false;
  const content = readFileSync(lock, 'utf8').trim();
  if (content !== '' && content !== next) return false;
  rmSync(lock, { force: true });
  return true;
}
