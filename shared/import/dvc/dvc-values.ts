// The shapes a value in dvc.yaml or a params file can take, as type guards: the files are
// YAML read as plain data, so each reader asks which shape it got instead of assuming one.
import type { ParamValue } from '../../pipeline/schema.js';

/** A YAML mapping (not a list, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A scalar a Pipewright param can hold: text, a number or a boolean. */
export function isParamValue(value: unknown): value is ParamValue {
  return ['string', 'number', 'boolean'].includes(typeof value);
}
