// Temporary files a killed process left inside .git: every write there goes through a
// temporary file renamed over its target (git-fs.ts), so a kill between the two leaves one
// behind. Their names keep git from reading them (git-fs.ts), but they are garbage, and a
// version before that wrote `release-2.pw-81-3.tmp`, which git reads as a tag. Only files of processes that are gone are removed.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_PROCESSES } from '../process/process-identity.js';
import { temporaryOwner } from './git-fs.js';

function sweep(dir: string, recurse: boolean, removed: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recurse) sweep(path, true, removed);
      continue;
    }
    const pid = temporaryOwner(entry.name);
    if (pid === undefined || SYSTEM_PROCESSES.isAlive(pid)) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
}

/** Removes the temporary files dead processes left under refs/ and objects/; returns them. */
export function removeDeadTemporaries(gitdir: string): string[] {
  const removed: string[] = [];
  sweep(gitdir, false, removed);
  sweep(join(gitdir, 'refs'), true, removed);
  for (const entry of readdirSync(join(gitdir, 'objects'), { withFileTypes: true })) {
    if (entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name))
      sweep(join(gitdir, 'objects', entry.name), false, removed);
  }
  return removed;
}
