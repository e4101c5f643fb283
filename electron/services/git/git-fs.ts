// The file system isomorphic-git works through. It writes files in place; here every write
// inside .git lands whole (a temporary file renamed over the target), and the index is written
// under git's own lock protocol (.git/index.lock, created exclusively), so a crash never leaves
// a torn object, ref or index, and Pipewright and the git CLI never overwrite each other's index.
// isomorphic-git awaits one small file at a time (a loose object, a ref, the index); through
// fs.promises each of them is a round trip to libuv's thread pool that costs more than the
// system call (a profile of a branch switch spent most of its time in those round trips, the
// stat isomorphic-git makes of .git on every call first). So its calls run synchronously here
// and hand back settled promises: the files are small, and nothing else waits meanwhile.
import { promises as fsp } from 'node:fs';
import fs from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { GitError } from './git-errors.js';
import { errorCode } from '../../../shared/text/error-message.js';

export interface IndexLock {
  /** True while this process holds .git/index.lock for an operation. */
  held: boolean;
}

let temporaryCount = 0;

/**
 * The temporary files writes go through; a killed process may leave one, so each is named the
 * way git itself names what it is still writing, and git (fsck included) passes over it: an
 * object's beside it as `tmp_obj_…`, anything else as `path.pw-PID-N.lock` (a ref file ending
 * in .lock is never read as a ref). Older versions wrote `path.pw-PID-N.tmp`, still swept.
 */
const TEMPORARY_FILE = /^tmp_obj_pw-(\d+)-\d+$|\.pw-(\d+)-\d+\.(?:lock|tmp)$/;

/** The pid of the process that wrote this temporary file, or undefined for any other file name. */
export function temporaryOwner(name: string): number | undefined {
  const match = TEMPORARY_FILE.exec(name);
  const pid = match?.[1] ?? match?.[2];
  return pid === undefined ? undefined : Number(pid);
}

/** Where a write of `path` inside `gitdir` goes first, before it is renamed over `path`. */
export function temporaryPath(gitdir: string, path: string, pid: number, count: number): string {
  const objects = join(gitdir, 'objects') + sep;
  if (path.startsWith(objects)) return join(dirname(path), `tmp_obj_pw-${pid}-${count}`);
  return `${path}.pw-${pid}-${count}.lock`;
}

function lockHeldMessage(gitdir: string): string {
  return `another git process is using this repository (${join(gitdir, 'index.lock')} exists). If none is running, delete that file and try again.`;
}

/** Takes .git/index.lock exclusively, as git does, or says who has it. */
export async function takeIndexLock(gitdir: string): Promise<void> {
  try {
    fs.closeSync(fs.openSync(join(gitdir, 'index.lock'), 'wx'));
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw new GitError('index-locked', lockHeldMessage(gitdir));
    throw error;
  }
}

export async function releaseIndexLock(gitdir: string): Promise<void> {
  fs.rmSync(join(gitdir, 'index.lock'), { force: true });
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

/** A synchronous file-system call as the promise isomorphic-git awaits (a throw becomes a rejection). */
function settled<A extends unknown[], R>(call: (...args: A) => R): (...args: A) => Promise<R> {
  return async (...args: A) => call(...args);
}

export function gitFileSystem(gitdir: string, lock: IndexLock) {
  const indexPath = join(gitdir, 'index');
  const writeFile = async (path: string, data: string | Uint8Array, options?: fs.WriteFileOptions) => {
    if (path === indexPath) {
      // The lock file is the new index; renaming it over the old one commits and releases it.
      if (!lock.held) await takeIndexLock(gitdir);
      lock.held = false;
      try {
        fs.writeFileSync(join(gitdir, 'index.lock'), data, options);
        fs.renameSync(join(gitdir, 'index.lock'), indexPath);
      } catch (error) {
        await releaseIndexLock(gitdir);
        throw error;
      }
      return;
    }
    if (!path.startsWith(gitdir)) return fs.writeFileSync(path, data, options);
    temporaryCount += 1;
    const temporary = temporaryPath(gitdir, path, process.pid, temporaryCount);
    fs.writeFileSync(temporary, data, options);
    fs.renameSync(temporary, path);
  };
  const promises = {
    ...fsp,
    readFile: settled(fs.readFileSync),
    writeFile,
    mkdir: settled(fs.mkdirSync),
    rmdir: settled(fs.rmdirSync),
    rm: settled(fs.rmSync),
    unlink: settled(fs.unlinkSync),
    stat: settled(fs.statSync),
    lstat: settled(fs.lstatSync),
    readdir: settled(fs.readdirSync),
    readlink: settled(fs.readlinkSync),
    symlink: settled(fs.symlinkSync),
  };
  return { ...fs, promises };
}
