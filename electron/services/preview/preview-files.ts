// Reading a workspace file for a preview, as safely as the data tests read theirs: the path is
// resolved through its links and must stay inside the workspace, special files (a FIFO would
// block the reader forever) are refused, and the file is opened without following a link put
// there since it was checked, and read only when it is still a regular file of a sane size.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FolderEntry } from '../../../shared/preview/preview-types.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { errorCode, errorMessage } from '../../../shared/text/error-message.js';

/** Bad input: a path outside the workspace, a missing or special file, an unknown format. */
export class PreviewError extends Error {}

export interface PreviewTarget {
  /** As asked for (workspace-relative): every message names the file this way. */
  path: string;
  /** The real absolute path. */
  absolute: string;
  kind: 'file' | 'folder';
}

/** Where a workspace-relative path really is, refused with a message naming it when it may not be read. */
export function previewTarget(root: string, path: string): PreviewTarget {
  if (path.trim() === '') throw new PreviewError('give the path of a file in the workspace');
  if (path.split(/[\\/]/).includes('..'))
    throw new PreviewError(`${path}: the path leaves the workspace (".."); give it relative to the workspace`);
  if (/^[a-zA-Z]:/.test(path) || path.startsWith('\\'))
    throw new PreviewError(`${path}: an absolute path; give the path relative to the workspace`);
  let entry: ReturnType<typeof containedEntry>;
  try {
    entry = containedEntry(root, path, path);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new PreviewError(error.message);
    throw new PreviewError(`${path}: cannot be read (${errorCode(error) ?? errorMessage(error)})`);
  }
  if (entry.kind === 'missing') throw new PreviewError(`${path}: no such file`);
  return { path, absolute: entry.absolute, kind: entry.kind };
}

/** The whole file, at most `limit` bytes; a file swapped for a link or a FIFO meanwhile is refused. */
export async function readPreviewFile(target: PreviewTarget, limit: number): Promise<Buffer> {
  // O_NONBLOCK: should a FIFO appear here after the check, opening it returns at once.
  const handle = await open(target.absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      throw new PreviewError(`${target.path}: cannot be read (${error.code ?? error.message})`);
    },
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new PreviewError(`${target.path}: not a regular file: refused`);
    if (info.size > limit)
      throw new PreviewError(`${target.path}: ${info.size} bytes, more than the ${limit} a preview shows`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The regular files under a folder, sorted, as workspace paths to preview in turn. Hidden and
 * underscore entries (.DS_Store, _SUCCESS) are writers' bookkeeping; links are never followed.
 */
export async function folderEntries(
  target: PreviewTarget,
  limit: number,
): Promise<{ files: FolderEntry[]; truncated: boolean }> {
  const entries = await readdir(target.absolute, { recursive: true, withFileTypes: true });
  const files: FolderEntry[] = [];
  const base = target.path.replace(/[\\/]+$/, '');
  const found = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(target.absolute, join(entry.parentPath, entry.name)))
    .filter((name) => !name.split(/[\\/]/).some((part) => part.startsWith('.') || part.startsWith('_')))
    .sort();
  for (const name of found.slice(0, limit)) {
    const info = await lstat(join(target.absolute, name)).catch(() => null);
    if (info?.isFile()) files.push({ path: `${base}/${name.split(/[\\/]/).join('/')}`, bytes: info.size });
  }
  return { files, truncated: found.length > limit };
}
