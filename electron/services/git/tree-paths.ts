// A branch is untrusted input: its trees can hold entries git itself would never write (.git,
// "..", names with backslashes) and a link followed by a file through it (a -> /elsewhere,
// then a/x, or a -> .git/hooks, then a/post-checkout). Before any git operation writes the
// working tree, every path it will write is checked here: a bad name, a file and a folder of
// the same name in one tree, or a link (or file) standing where a folder of the path is in the
// working tree and not removed first, refuses the whole operation before anything is written.
import { lstatSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { GitError } from './git-errors.js';

// Characters HFS+ ignores in names (".g\u200cit" is ".git" there), as git's own check lists them.
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** `.git` in any case and in the spellings Windows and macOS file systems take for it. */
export function isGitFolderName(part: string): boolean {
  // NTFS drops trailing dots and spaces and a stream name after ":", and knows .git by short names too.
  const name =
    part
      .replace(HFS_IGNORED, '')
      .split(':')[0]
      ?.toLowerCase()
      .replace(/[. ]+$/, '') ?? '';
  return name === '.git' || /^\.?git~[1-9]$/.test(name);
}

/** Why git must not write `path` (repository-relative), or null when it may. */
export function unsafeTreePath(path: string): string | null {
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..') return `"${path}" holds an entry named "${part}"`;
    if (isGitFolderName(part)) return `"${path}" is inside a folder named ${part}, which is git's own`;
    if (part.includes('\\') || part.includes('\0')) return `"${path}" holds a backslash or NUL in a name`;
  }
  return null;
}

/** Throws the GitError for a path git must not write. */
export function refuseUnsafeName(path: string): void {
  const reason = unsafeTreePath(path);
  if (reason !== null)
    throw new GitError(
      'unsafe-path',
      `${reason}: refused, nothing was written (a crafted branch could write outside the repository or into .git/hooks)`,
      [path],
    );
}

/** What is at an absolute path (a link itself, not its target), or null when nothing is. */
export function lstatOrNone(path: string): Stats | null {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/**
 * Refuses, before anything is written, an operation that would write any of `writes` unsafely
 * in the working tree at `root`: a bad name, a path below another path written as a file, or
 * a folder of the path that is a link or a file in the working tree and is not among `removals`
 * (which are carried out first).
 */
export function refuseUnsafeWrites(root: string, writes: Iterable<string>, removals: ReadonlySet<string>): void {
  const written = new Set(writes);
  const seen = new Map<string, Stats | null>();
  for (const path of written) {
    refuseUnsafeName(path);
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join('/');
      if (written.has(folder)) {
        throw new GitError(
          'unsafe-path',
          `the tree holds a file "${folder}" and "${path}" inside a folder of that name: refused, nothing was written`,
          [folder, path],
        );
      }
      if (removals.has(folder)) continue;
      if (!seen.has(folder)) seen.set(folder, lstatOrNone(join(root, folder)));
      const info = seen.get(folder);
      if (info && !info.isDirectory()) {
        const what = info.isSymbolicLink() ? 'a symbolic link' : 'a file';
        throw new GitError(
          'unsafe-path',
          `"${path}" would be written through "${folder}", ${what} in the working tree: refused, nothing was written`,
          [folder, path],
        );
      }
    }
  }
}
