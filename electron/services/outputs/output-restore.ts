// Putting stored files back where a run had them. Each declared file or folder is built beside
// its place under a temporary name and renamed over it, so a reader sees the old or the new
// one, never half of it, and a link standing at the place is replaced rather than written
// through. Restored files are writable copies (clones where the file system can) with the
// permission bits the step left them with and the time they entered the store as their mtime.
// Only the copy waits on the thread pool: the metadata calls around it take microseconds, and
// a cached re-run restores hundreds of files, where each extra round trip would add up.
import { constants, chmodSync, mkdirSync, renameSync, statSync, utimesSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import { errorCode } from '../../../shared/text/error-message.js';
import { containedPath } from '../files/contained-path.js';
import type { RestorableFile } from './output-index.js';
import type { OutputStore } from './output-store.js';
import type { ReplacedFiles } from './replaced-files.js';

/** A file put back, with what its hash record needs (the step cache then need not read it again). */
export interface RestoredFile {
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
  inode: number;
}

export interface Restored {
  /** The declared paths restored. */
  declared: string[];
  files: RestoredFile[];
}

/** Mode of a restored file recorded before modes were kept: what restores always gave. */
const LEGACY_FILE_MODE = 0o644;

/**
 * Restores the recorded files of each declared path under `root`. It writes files only: the
 * caller records their hashes and their use in the store (`noteRestored`) with its own writes.
 */
export async function restoreFiles(
  store: OutputStore,
  root: string,
  records: readonly RestorableFile[],
  replaced: ReplacedFiles,
): Promise<Restored> {
  const checked = store.checkedRecords(root, records);
  const byDeclared = new Map<string, RestorableFile[]>();
  for (const record of checked) byDeclared.set(record.declared, [...(byDeclared.get(record.declared) ?? []), record]);
  const files: RestoredFile[] = [];
  for (const [declared, group] of byDeclared) {
    // The place itself is replaced, never resolved: a link standing there is not followed.
    const place = join(containedPath(root, dirname(declared), `restored ${declared}`), basename(declared));
    mkdirSync(dirname(place), { recursive: true });
    const single = group.length === 1 && group[0]?.kind === 'file' && group[0].path === declared ? group[0] : null;
    if (single) files.push(await restoreFile(store, single, place, replaced));
    else files.push(...(await restoreFolder(store, declared, group, place)));
  }
  return { declared: [...byDeclared.keys()], files };
}

/** Records what a restore put back: each file's hash as the step cache knows it, and the stored files' last use. */
export function noteRestored(
  store: OutputStore,
  restored: readonly RestoredFile[],
  remember: (file: RestoredFile) => void,
): void {
  for (const file of restored) remember(file);
  store.index.markUsed(restored.map((file) => file.hash));
}

async function restoreFile(
  store: OutputStore,
  file: RestorableFile,
  place: string,
  replaced: ReplacedFiles,
): Promise<RestoredFile> {
  const temporary = join(dirname(place), `.${basename(place)}.restore-${randomBytes(4).toString('hex')}`);
  try {
    const restored = await copyOut(store, file, temporary, file.path);
    const freesNothing = replaced.setAside(place);
    // A rename replaces a file or a link in one step; only a folder in the way needs moving aside.
    // Direct when it frees nothing, as the calls around the copy: through the thread pool it would
    // wait behind the copies of every step restoring beside it. One that frees a file's blocks
    // (a file that could not be set aside) goes to the pool, as the copy does.
    try {
      if (freesNothing) renameSync(temporary, place);
      else await rename(temporary, place);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      await swapInto(temporary, place);
    }
    return restored;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function restoreFolder(
  store: OutputStore,
  declared: string,
  files: readonly RestorableFile[],
  place: string,
): Promise<RestoredFile[]> {
  const temporary = await mkdtemp(join(dirname(place), `.${basename(place)}.restore-`));
  const restored: RestoredFile[] = [];
  try {
    // Parents sort before their children, so every folder exists before what it holds.
    const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const file of sorted) {
      const inside = relative(declared, file.path);
      const target = join(temporary, inside);
      if (file.kind === 'folder') {
        if (inside !== '') await mkdir(target);
      } else restored.push(await copyOut(store, file, target, file.path));
    }
    // Folder modes last, deepest first: a folder without write permission is filled before it gets it.
    for (const folder of sorted.reverse())
      if (folder.kind === 'folder' && folder.mode !== null)
        chmodSync(join(temporary, relative(declared, folder.path)), folder.mode);
    await swapInto(temporary, place);
    return restored;
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** A writable copy of a stored file at `target`, which must not exist yet, dated when it was stored. */
async function copyOut(store: OutputStore, file: RestorableFile, target: string, path: string): Promise<RestoredFile> {
  const { hash } = file;
  // Only a folder's record has no hash, and copyOut is given files.
  if (hash === null) throw new Error(`internal error: the stored file ${path} has no hash`);
  await copyFile(store.objectPath(hash), target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  chmodSync(target, file.mode ?? LEGACY_FILE_MODE);
  const storedAt = new Date(file.storedAt ?? 0);
  utimesSync(target, storedAt, storedAt);
  // A rename keeps the inode and times: what is seen here is what stands at the place after it.
  const info = statSync(target);
  return { path, hash, size: info.size, mtimeMs: info.mtimeMs, inode: info.ino };
}

/** Renames `temporary` to `place`; whatever stands there (a file, folder or link) is moved aside first and removed after. */
async function swapInto(temporary: string, place: string): Promise<void> {
  const aside = `${temporary}.old`;
  const moved = await rename(place, aside).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(temporary, place);
  if (moved) await rm(aside, { recursive: true, force: true });
}
