// Writing an export into the workspace, as the studio's Save does: inside the workspace only,
// never through a link, never over an existing file unless the user said so, whole or not at all.
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UnsafePathError, containedPath } from '../files/contained-path.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { ExportError } from './export-error.js';

export type SaveOutcome = { saved: true; file: string } | { saved: false; exists: true; file: string };

export function saveExportFile(root: string, file: string, text: string, overwrite: boolean): SaveOutcome {
  let absolute: string;
  try {
    absolute = containedPath(root, file, `export file ${file}`);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new ExportError(error.message);
    throw error;
  }
  // containedPath answers where a link leads; the file itself must not be one.
  if (lstatSync(resolve(root, file), { throwIfNoEntry: false })?.isSymbolicLink())
    throw new ExportError(`${file} is a link: an export is never written through one`);
  const existing = lstatSync(absolute, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) throw new ExportError(`${file} exists and is not a file`);
  if (existing && !overwrite) return { saved: false, exists: true, file };
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileAtomic(absolute, text);
  return { saved: true, file };
}

/** A file named on the command line: written where the user said, but not through a link. */
export function writeExportOutput(absolute: string, text: string): void {
  if (lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink())
    throw new ExportError(`${absolute} is a link: an export is never written through one`);
  writeFileAtomic(absolute, text);
}
