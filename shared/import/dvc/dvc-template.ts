// DVC's templating, as dvc.yaml uses it: `${name}`, `${a.b}`, `${list[0]}` or `${list.0}` look a
// value up in the stage's context (params.yaml, `vars`, and `item`/`key` of foreach and matrix).
// A field that is one whole `${...}` keeps the value's type (a list for foreach); inside text
// the value is written out. `\${` stays literal text, as in DVC.

import { isMapping } from './dvc-values.js';

export class DvcTemplateError extends Error {}

export type DvcContext = Readonly<Record<string, unknown>>;

/** What a reference in text becomes; undefined: the value itself, written out. */
export type ReferenceWriter = (expression: string, value: unknown, textBefore: string) => string | undefined;

const REFERENCE = /(\\?)\$\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{([^}]*)\}$/;

function pathOf(expression: string): Array<string | number> {
  const trimmed = expression.trim();
  if (trimmed === '') throw new DvcTemplateError('an empty ${} reference');
  const parts: Array<string | number> = [];
  for (const piece of trimmed.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(piece);
    if (!match) throw new DvcTemplateError(`"\${${trimmed}}" is not a reference DVC reads (names, dots and [index])`);
    const [, name = '', indexes = ''] = match;
    if (name !== '') parts.push(/^\d+$/.test(name) ? Number(name) : name);
    for (const index of indexes.matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** The value an expression names, e.g. "train.lr" or "models[0]". */
export function lookUp(context: DvcContext, expression: string): unknown {
  let value: unknown = context;
  const seen: string[] = [];
  for (const part of pathOf(expression)) {
    const where = seen.length ? seen.join('.') : 'the context';
    if (Array.isArray(value) && typeof part === 'number') value = value[part];
    else if (isMapping(value) && Object.hasOwn(value, String(part))) value = value[String(part)];
    else value = undefined;
    if (value === undefined)
      throw new DvcTemplateError(
        `"\${${expression.trim()}}": ${where} has no "${part}" (params.yaml, vars, item and key are what a stage can name)`,
      );
    seen.push(String(part));
  }
  return value;
}

/** The first name of an expression: the top-level key of the context it reads. */
export function rootOf(expression: string): string {
  return String(pathOf(expression)[0]);
}

/** The path of an expression as text: "train.lr" for "train.lr" and "models.0" for "models[0]". */
export function keyOf(expression: string): string {
  return pathOf(expression).join('.');
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Text with every reference replaced; `write` may choose what a reference becomes. */
export function interpolateText(text: string, context: DvcContext, write?: ReferenceWriter): string {
  return text.replace(REFERENCE, (match: string, escape: string, expression: string, offset: number) => {
    if (escape) return match.slice(1);
    const value = lookUp(context, expression);
    const written = write?.(expression, value, text.slice(0, offset));
    if (written !== undefined) return written;
    if (!isScalar(value))
      throw new DvcTemplateError(
        `"\${${expression.trim()}}" is a list or mapping; only single values can be written into text`,
      );
    return value === null ? '' : String(value);
  });
}

/** A field's value with its references resolved: a whole reference keeps its type. */
export function resolveValue(value: unknown, context: DvcContext): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    return whole ? lookUp(context, whole[1] ?? '') : interpolateText(value, context);
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, context));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [interpolateText(key, context), resolveValue(item, context)]),
    );
  }
  return value;
}

export type ShellQuoting = 'none' | 'single' | 'double';

/** Whether the end of a piece of shell text is inside single quotes, double quotes or neither. */
export function shellQuotingAtEnd(text: string): ShellQuoting {
  let state: ShellQuoting = 'none';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (state === 'single') {
      if (char === "'") state = 'none';
    } else if (char === '\\') {
      index += 1;
    } else if (char === '"') {
      state = state === 'double' ? 'none' : 'double';
    } else if (char === "'" && state === 'none') {
      state = 'single';
    }
  }
  return state;
}

/** A shell variable expansion that stays one word, wherever in the command it lands. */
export function quotedExpansion(variable: string, quoting: ShellQuoting): string {
  if (quoting === 'double') return `\${${variable}}`;
  if (quoting === 'single') return `'"\${${variable}}"'`;
  return `"\${${variable}}"`;
}
