// Writing commits' files into the working tree and removing them, for switching branches,
// merging and restoring: the content comes from git's objects, the stat goes to the index.
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import type { TreeFile } from './tree-files.js';

export async function readBlob(context: GitContext, oid: string): Promise<Buffer> {
  return Buffer.from((await git.readBlob({ ...gitArgs(context), oid })).blob);
}

/** Writes content as the file at `path` with git's mode; its stat for the index. */
export function writeWorkFile(root: string, path: string, content: Uint8Array, mode: string): Stats {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  rmSync(absolute, { force: true });
  if (mode === '120000') {
    symlinkSync(Buffer.from(content).toString('utf8'), absolute);
  } else {
    writeFileSync(absolute, content);
    if (mode === '100755') chmodSync(absolute, 0o755);
  }
  return lstatSync(absolute);
}

export async function checkOutFile(context: GitContext, path: string, file: TreeFile): Promise<Stats> {
  return writeWorkFile(context.dir, path, await readBlob(context, file.oid), file.mode);
}

/** Removes the file and the folders it leaves empty (never the repository root). */
export function removeWorkFile(root: string, path: string): void {
  rmSync(join(root, path), { force: true });
  for (let dir = dirname(path); dir !== '.' && dir !== ''; dir = dirname(dir)) {
    try {
      if (readdirSync(join(root, dir)).length > 0) return;
      rmdirSync(join(root, dir));
    } catch {
      return;
    }
  }
}
