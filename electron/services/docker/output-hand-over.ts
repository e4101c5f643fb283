// When the host user is root, step containers run as nobody: the places a step may write are
// handed to nobody while it runs and back to root after. Steps running side by side often
// share a folder (out/), so a folder goes back only when the last step using it is done.
// A step can leave links in what it wrote (out/x -> /etc): ownership changes the link itself
// (lchown) and never descends through one, so no file outside is ever handed over or taken.
import { lchownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = { uid: 0, gid: 0 };
const users = new Map<string, number>();

function chownTree(path: string, to: { uid: number; gid: number }): void {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info === undefined) return;
  lchownSync(path, to.uid, to.gid);
  if (info.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), to);
}

/** Hands `paths` to the container user; nothing to do unless Pipewright runs as root. */
export function handOutputsOver(paths: readonly string[], to: { uid: number; gid: number }): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    users.set(path, (users.get(path) ?? 0) + 1);
    chownTree(path, to);
  }
}

/** Gives `paths` back to root once no running step uses them any more. */
export function handOutputsBack(paths: readonly string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    const remaining = (users.get(path) ?? 1) - 1;
    if (remaining > 0) {
      users.set(path, remaining);
      continue;
    }
    users.delete(path);
    chownTree(path, ROOT);
  }
}
