// `vars` of dvc.yaml (top level, or a stage's): each entry is a params file whose values the
// templates may name (all of it, or `file:key1,key2`), or a mapping of literal values. File
// values stay linked to their file, so a command that names one reads it as a param.
import type { FieldPath } from '../../pipeline/problem.js';
import { DvcFieldError } from './dvc-field-error.js';
import type { ParamsFile } from './dvc-params.js';
import { workspacePathOf } from './dvc-paths.js';
import { isMapping } from './dvc-values.js';

export interface VarsLayer {
  values: Record<string, unknown>;
  /** The file the values come from; undefined for literal values written in dvc.yaml. */
  origin: ParamsFile | undefined;
}

export function readVars(
  vars: unknown,
  at: FieldPath,
  folder: string,
  load: (path: string, at: FieldPath) => ParamsFile,
): VarsLayer[] {
  if (vars === undefined || vars === null) return [];
  if (!Array.isArray(vars)) throw new DvcFieldError(at, 'vars must be a list of files and mappings');
  return vars.map((entry, index) => {
    const entryAt = [...at, index];
    if (typeof entry === 'string') {
      const [path = '', keys] = entry.split(':');
      const file = load(workspacePathOf(folder, path, entryAt), entryAt);
      const wanted = keys === undefined ? Object.keys(file.data) : keys.split(',').map((key) => key.trim());
      for (const key of wanted) {
        if (!Object.hasOwn(file.data, key)) throw new DvcFieldError(entryAt, `${file.file} has no "${key}"`);
      }
      return { values: Object.fromEntries(wanted.map((key) => [key, file.data[key]])), origin: file };
    }
    if (isMapping(entry)) return { values: entry, origin: undefined };
    throw new DvcFieldError(entryAt, 'a vars entry is a params file (file or file:key1,key2) or a mapping of values');
  });
}
