// The file system isomorphic-git works through. It writes files in place; here every write
// inside .git lands whole (a temporary file renamed over the target), and the index is written
// under git's own lock protocol (.git/index.lock, created exclusively), so a crash never leaves
// a torn object, ref or index, and Pipewright and the git CLI never overwrite each other's index.
import { promises as fsp } from 'node:fs';
import fs from 'node:fs';
import { join } from 'node:path';
import { GitError } from './git-errors.js';

export interface IndexLock {
  /** True while this process holds .git/index.lock for an operation. */
  held: boolean;
}

let temporaryCount = 0;

/** The temporary files writes go through (path.pw-PID-N.tmp); a killed process may leave one. */
export const TEMPORARY_FILE = /\.pw-(\d+)-\d+\.tmp$/;

function lockHeldMessage(gitdir: string): string {
  return `another git process is using this repository (${join(gitdir, 'index.lock')} exists). If none is running, delete that file and try again.`;
}

/** Takes .git/index.lock exclusively, as git does, or says who has it. */
export async function takeIndexLock(gitdir: string): Promise<void> {
  try {
    await (await fsp.open(join(gitdir, 'index.lock'), 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new GitError('index-locked', lockHeldMessage(gitdir));
    throw error;
  }
}

export async function releaseIndexLock(gitdir: string): Promise<void> {
  await fsp.rm(join(gitdir, 'index.lock'), { force: true });
}

/** Runs `operation` holding the index lock; a write of the index inside it releases the lock. */
export async function withIndexLock<T>(gitdir: string, lock: IndexLock, operation: () => Promise<T>): Promise<T> {
  await takeIndexLock(gitdir);
  lock.held = true;
  try {
    return await operation();
  } finally {
    if (lock.held) {
      lock.held = false;
      await releaseIndexLock(gitdir);
    }
  }
}

export function gitFileSystem(gitdir: string, lock: IndexLock) {
  const indexPath = join(gitdir, 'index');
  const writeFile = async (path: string, data: string | Uint8Array, options?: Parameters<typeof fsp.writeFile>[2]) => {
    if (path === indexPath) {
      // The lock file is the new index; renaming it over the old one commits and releases it.
      if (!lock.held) await takeIndexLock(gitdir);
      lock.held = false;
      try {
        await fsp.writeFile(join(gitdir, 'index.lock'), data, options);
        await fsp.rename(join(gitdir, 'index.lock'), indexPath);
      } catch (error) {
        await releaseIndexLock(gitdir);
        throw error;
      }
      return;
    }
    if (!path.startsWith(gitdir)) return fsp.writeFile(path, data, options);
    temporaryCount += 1;
    const temporary = `${path}.pw-${process.pid}-${temporaryCount}.tmp`;
    await fsp.writeFile(temporary, data, options);
    await fsp.rename(temporary, path);
  };
  return { ...fs, promises: { ...fsp, writeFile } };
}
