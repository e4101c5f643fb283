// Putting stored files back where a run had them. Each declared file or folder is built beside
// its place under a temporary name and renamed over it, so a reader sees the old or the new
// one, never half of it, and a link standing at the place is replaced rather than written
// through. Restored files are writable copies (clones where the file system can), with the
// time they entered the store as their mtime.
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, utimes } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import { containedPath } from '../files/contained-path.js';
import type { StepFile } from './output-index.js';
import type { OutputStore } from './output-store.js';

/** Told each file restored, with its hash, so the step cache need not read it again. */
export type RememberHash = (path: string, hash: string) => Promise<void>;

/** Restores the recorded files of each declared path under `root`; returns the declared paths restored. */
export async function restoreFiles(
  store: OutputStore,
  root: string,
  records: readonly StepFile[],
  remember: RememberHash = async () => undefined,
): Promise<string[]> {
  const checked = store.checkedRecords(root, records);
  const byDeclared = new Map<string, StepFile[]>();
  for (const record of checked) byDeclared.set(record.declared, [...(byDeclared.get(record.declared) ?? []), record]);
  for (const [declared, files] of byDeclared) {
    // The place itself is replaced, never resolved: a link standing there is not followed.
    const place = join(containedPath(root, dirname(declared), `restored ${declared}`), basename(declared));
    await mkdir(dirname(place), { recursive: true });
    const single = files.length === 1 && files[0]?.kind === 'file' && files[0].path === declared ? files[0] : null;
    if (single) await restoreFile(store, single, place);
    else await restoreFolder(store, declared, files, place);
    for (const file of files) if (file.kind === 'file' && file.hash !== null) await remember(file.path, file.hash);
  }
  store.index.markUsed(checked.flatMap((file) => (file.hash === null ? [] : [file.hash])));
  return [...byDeclared.keys()];
}

async function restoreFile(store: OutputStore, file: StepFile, place: string): Promise<void> {
  const temporary = join(dirname(place), `.${basename(place)}.restore-${randomBytes(4).toString('hex')}`);
  try {
    await copyOut(store, file.hash as string, temporary);
    // A rename replaces a file or a link in one step; only a folder in the way needs moving aside.
    await rename(temporary, place).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EISDIR' && error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await swapInto(temporary, place);
    });
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function restoreFolder(
  store: OutputStore,
  declared: string,
  files: readonly StepFile[],
  place: string,
): Promise<void> {
  const temporary = await mkdtemp(join(dirname(place), `.${basename(place)}.restore-`));
  try {
    // Parents sort before their children, so every folder exists before what it holds.
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const inside = relative(declared, file.path);
      if (inside === '') continue;
      const target = join(temporary, inside);
      if (file.kind === 'folder') await mkdir(target);
      else await copyOut(store, file.hash as string, target);
    }
    await swapInto(temporary, place);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** A writable copy of a stored file at `target`, which must not exist yet, dated when it was stored. */
async function copyOut(store: OutputStore, hash: string, target: string): Promise<void> {
  await copyFile(store.objectPath(hash), target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  await chmod(target, 0o644);
  const storedAt = new Date(store.index.storedAt(hash) ?? 0);
  await utimes(target, storedAt, storedAt);
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
