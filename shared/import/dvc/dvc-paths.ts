// Paths in dvc.yaml are relative to the stage's folder (the dvc.yaml's folder, then wdir);
// Pipewright's are relative to the workspace. A path that leaves the workspace is refused.
import { normalizeWorkspacePath } from '../../pipeline/workspace-paths.js';
import type { FieldPath } from '../../pipeline/problem.js';
import { DvcFieldError } from './dvc-field-error.js';

/** The folder part of a workspace-relative file path ('' for the workspace root). */
export function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : file.slice(0, at);
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
}

/** `path` of a stage in folder `dir`, as a workspace path; refused when absolute or outside. */
export function workspacePathOf(dir: string, path: string, at: FieldPath): string {
  if (isAbsolutePath(path.trim()))
    throw new DvcFieldError(
      at,
      `"${path}" is an absolute path: refused (a pipeline reads and writes only inside its workspace; give it relative to dvc.yaml)`,
    );
  const normalized = normalizeWorkspacePath(dir === '' ? path : `${dir}/${path}`);
  if (normalized === null)
    throw new DvcFieldError(
      at,
      `"${path}" leaves the workspace: refused (a pipeline reads and writes only inside its workspace)`,
    );
  return normalized;
}

/** The stage's folder: the dvc.yaml's folder joined with wdir ('' for the workspace root). */
export function stageFolder(dvcDir: string, wdir: string | undefined, at: FieldPath): string {
  if (wdir === undefined || wdir.trim() === '' || wdir.trim() === '.') return dvcDir;
  if (isAbsolutePath(wdir.trim()))
    throw new DvcFieldError(at, `wdir "${wdir}" is an absolute path: refused (give it relative to dvc.yaml)`);
  const joined = dvcDir === '' ? wdir : `${dvcDir}/${wdir}`;
  // A file inside the folder normalizes even when the folder is the workspace root itself.
  const inside = normalizeWorkspacePath(`${joined}/_`);
  if (inside === null) throw new DvcFieldError(at, `wdir "${wdir}" leaves the workspace: refused`);
  return inside === '_' ? '' : inside.slice(0, -2);
}

const PLAIN_WORD = /^[A-Za-z0-9_./-]+$/;

export function shellWord(text: string): string {
  return PLAIN_WORD.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
