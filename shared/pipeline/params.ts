// Typed params: checking a value against its spec, reading one from command-line text, and
// resolving the value a run uses with where it came from (default < environment < run).
import { readNumberText } from './number-text.js';
import type { ParamSpec, ParamValue } from './schema.js';

/** Where a param's value came from, lowest precedence first; a run override says who set it. */
export const PARAM_SOURCES = ['default', 'environment', 'run', 'schedule', 'promotion'] as const;
export type ParamSource = (typeof PARAM_SOURCES)[number];
/** Who may set a run's overrides: a person (--param, the run dialog), a schedule or a promotion. */
export type OverrideSource = Exclude<ParamSource, 'default' | 'environment'>;

export interface ResolvedParam {
  value: ParamValue;
  source: ParamSource;
}

export type ResolvedParams = Record<string, ResolvedParam>;

/** Why `value` is not acceptable for `spec`, or null when it is. */
export function paramValueError(spec: ParamSpec, value: unknown): string | null {
  const typeError = typeMismatch(spec.type, value);
  if (typeError) return typeError;
  if (spec.enum && !spec.enum.some((allowed) => allowed === value)) {
    return `${show(value)} is not one of ${spec.enum.map(show).join(', ')}`;
  }
  if (typeof value === 'number') {
    if (spec.min !== undefined && value < spec.min) return `${value} is below the minimum ${spec.min}`;
    if (spec.max !== undefined && value > spec.max) return `${value} is above the maximum ${spec.max}`;
  }
  return null;
}

function typeMismatch(type: ParamSpec['type'], value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : `expected a string, got ${show(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, got ${show(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `expected a number, got ${show(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? null : `expected an integer, got ${show(value)}`;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** Reads a param value typed on a command line or in a form: "0.5" for a number param is 0.5. */
export function parseParamText(spec: ParamSpec, text: string): { value: ParamValue } | { error: string } {
  const trimmed = text.trim();
  let value: ParamValue;
  switch (spec.type) {
    case 'string':
      value = text;
      break;
    case 'boolean':
      if (TRUE_WORDS.has(trimmed.toLowerCase())) value = true;
      else if (FALSE_WORDS.has(trimmed.toLowerCase())) value = false;
      else return { error: `expected true or false, got ${JSON.stringify(text)}` };
      break;
    case 'number':
    case 'integer': {
      const reading = readNumberText(trimmed);
      if (!reading.ok)
        return {
          error: `expected ${spec.type === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(text)}`,
        };
      value = reading.value;
      break;
    }
  }
  const error = paramValueError(spec, value);
  return error ? { error } : { value };
}

export interface ParamResolution {
  params: ResolvedParams;
  /** One message per param that has no value from any source. */
  missing: string[];
}

/**
 * The value of every declared param, highest precedence first: run override, environment
 * override, pipeline default. Values are assumed checked; overrides for undeclared params are
 * ignored here (the validator reports them).
 */
export function resolveParams(
  specs: Readonly<Record<string, ParamSpec>>,
  environment: Readonly<Record<string, ParamValue>> = {},
  run: Readonly<Record<string, ParamValue>> = {},
  runSource: OverrideSource = 'run',
): ParamResolution {
  const params: ResolvedParams = {};
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const fromRun = Object.hasOwn(run, name) ? run[name] : undefined;
    const fromEnvironment = Object.hasOwn(environment, name) ? environment[name] : undefined;
    if (fromRun !== undefined) params[name] = { value: fromRun, source: runSource };
    else if (fromEnvironment !== undefined) params[name] = { value: fromEnvironment, source: 'environment' };
    else if (spec.default !== undefined) params[name] = { value: spec.default, source: 'default' };
    else missing.push(`param "${name}" has no default and no value was given (--param ${name}=...)`);
  }
  return { params, missing };
}

export function paramValues(params: ResolvedParams): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(params).map(([name, param]) => [name, param.value]));
}
