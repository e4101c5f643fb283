// DVC params (values in params.yaml or another params file) become typed Pipewright params
// with the file's values as defaults. Each (file, key) gets one param name: the key with its
// dots made underscores (train.lr -> train_lr), prefixed by the file's name on a clash.
import { isScalar, parseDocument } from 'yaml';
import type { ParamSpec, ParamValue } from '../../pipeline/schema.js';
import { PARAM_NAME } from '../../pipeline/names.js';
import { isMapping, isParamValue } from './dvc-values.js';

export interface ParamsFile {
  /** Workspace-relative. */
  file: string;
  data: Readonly<Record<string, unknown>>;
  /** The value's text as written in the file (1.0 stays "1.0"), for its type. */
  sourceOf(key: string): string | undefined;
}

/** A params file's mapping, or why it cannot be read (YAML and JSON only: JSON is YAML). */
export function parseParamsFile(file: string, text: string): ParamsFile | string {
  if (!/\.(ya?ml|json)$/i.test(file))
    return `${file}: only YAML and JSON params files can be imported (TOML and Python ones cannot)`;
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0)
    return `${file}: YAML syntax: ${(document.errors[0]?.message ?? '').split('\n')[0] ?? ''}`;
  const data: unknown = document.toJS({ maxAliasCount: 1000 }) ?? {};
  if (!isMapping(data)) return `${file}: a params file must be a mapping (key: value)`;
  return {
    file,
    data,
    sourceOf(key: string) {
      const node = document.getIn(key.split('.'), true);
      return isScalar(node) ? node.source : undefined;
    },
  };
}

function paramType(value: ParamValue, source: string | undefined): ParamSpec['type'] {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return Number.isInteger(value) && !/[.eE]/.test(source ?? '') ? 'integer' : 'number';
}

function baseName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return PARAM_NAME.test(name) ? name : `_${name}`;
}

export class ImportedParams {
  readonly specs: Record<string, ParamSpec> = {};
  private readonly names = new Map<string, string>();

  /** Declares the scalar params under `key` (all leaves of a mapping); the lists it had to leave out. */
  declare(params: ParamsFile, key: string, value: unknown): { names: string[]; skipped: string[] } {
    if (isMapping(value)) {
      const out: { names: string[]; skipped: string[] } = { names: [], skipped: [] };
      for (const [inner, innerValue] of Object.entries(value)) {
        const declared = this.declare(params, `${key}.${inner}`, innerValue);
        out.names.push(...declared.names);
        out.skipped.push(...declared.skipped);
      }
      return out;
    }
    if (!isParamValue(value)) return { names: [], skipped: [key] };
    return { names: [this.declareValue(params, key, value)], skipped: [] };
  }

  /** The param name of one scalar value, declaring it the first time. */
  declareValue(params: ParamsFile, key: string, value: ParamValue): string {
    const identity = `${params.file}\u0000${key}`;
    const known = this.names.get(identity);
    if (known !== undefined) return known;
    const stem = baseName(
      params.file
        .split('/')
        .pop()
        ?.replace(/\.[^.]*$/, '') ?? 'params',
    );
    let name = baseName(key);
    if (this.specs[name] !== undefined) name = `${stem}_${name}`;
    for (let suffix = 2; this.specs[name] !== undefined; suffix += 1) name = `${stem}_${baseName(key)}_${suffix}`;
    this.names.set(identity, name);
    this.specs[name] = {
      type: paramType(value, params.sourceOf(key)),
      default: value,
      description: `${key} in ${params.file}`,
    };
    return name;
  }
}
