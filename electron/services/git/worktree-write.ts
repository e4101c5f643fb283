// Writing commits' files into the working tree and removing them, for switching branches,
// merging and restoring: the content comes from git's objects, the stat goes to the index.
// Nothing is ever written or removed through a link: every folder on the way must be a real
// folder (made if missing), and a name git would never write (.git, ..) is refused.
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GitContext } from './git-context.js';
import { GitError } from './git-errors.js';
import { readBlob } from './git-objects.js';
import type { TreeFile } from './tree-files.js';
import { lstatOrNone, refuseUnsafeName, unsafeTreePath } from './tree-paths.js';

/** Whether every folder of `path` is a real folder (not a link, not a file); with `make`, missing ones are made. */
function realFolders(root: string, path: string, make: boolean): boolean {
  const parts = path.split('/').slice(0, -1);
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const folder = join(root, ...parts.slice(0, depth));
    const info = lstatOrNone(folder);
    if (info?.isDirectory()) continue;
    if (info || !make) return false;
    mkdirSync(folder);
  }
  return true;
}

/** Writes content as the file at `path` with git's mode; its stat for the index. */
export function writeWorkFile(root: string, path: string, content: Uint8Array, mode: string): Stats {
  refuseUnsafeName(path);
  if (!realFolders(root, path, true)) {
    throw new GitError(
      'unsafe-path',
      `"${path}" would be written through a link or a file standing where one of its folders should be: refused`,
      [path],
    );
  }
  const absolute = join(root, path);
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

/**
 * Removes the file and the folders it leaves empty (never the repository root). A path git
 * would never write, or one behind a link, is not in the working tree: nothing is removed.
 */
export function removeWorkFile(root: string, path: string): void {
  if (unsafeTreePath(path) !== null || !realFolders(root, path, false)) return;
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
