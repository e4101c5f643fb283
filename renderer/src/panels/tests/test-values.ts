// Between what the test form shows (text in inputs) and what the pipeline file holds. An empty
// optional field is removed rather than written as "", and a new key is placed where people
// expect it in the file (name first, the kind's arguments in the form's order).
import type { DataTestKind, TestKind, TestSpec } from '../../../../shared/pipeline/test-schema.js';
import { readNumberText } from '../../../../shared/pipeline/number-text.js';
import { TEST_KINDS, testArgs } from '../../../../shared/pipeline/test-schema.js';
import { TEST_FIELDS } from './test-kinds.js';

export type Scalar = string | number | boolean;

/** The order of a test item's keys when one is added. */
export const TEST_KEY_ORDER: readonly string[] = ['name', 'description', 'severity', 'stage', 'timeout', ...TEST_KINDS];

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * Sets (or, when empty, removes) one key. An existing key keeps its place; a new one goes
 * before the first present key that follows it in `order`.
 */
export function withKey<T extends object>(object: T, key: string, value: unknown, order: readonly string[]): T {
  const entries = Object.entries(object).filter(([existing]) => existing !== key || !isEmpty(value));
  const at = entries.findIndex(([existing]) => existing === key);
  if (!isEmpty(value) && at >= 0) entries[at] = [key, value];
  else if (!isEmpty(value)) {
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    const before = entries.findIndex(([existing]) => rank(existing) > rank(key));
    entries.splice(before < 0 ? entries.length : before, 0, [key, value]);
  }
  // cast: the object's own entries, with one key the form edits set or removed (keys it edits are optional)
  return Object.fromEntries(entries) as T;
}

/** Sets one argument of a data test, e.g. not_null.columns. */
export function withArg(test: TestSpec, kind: DataTestKind, key: string, value: unknown): TestSpec {
  const args = testArgs(test, kind);
  const order = TEST_FIELDS[kind].map((field) => field.key);
  return { ...test, [kind]: withKey(args, key, value, order) };
}

/**
 * A new test of a kind, pointed at the step's first output (or input) when it has one; a
 * metric test at the step's first metrics file.
 */
export function newTest(
  kind: TestKind,
  step: { inputs?: string[] | undefined; outputs?: string[] | undefined; metrics?: string[] | undefined },
): TestSpec {
  if (kind === 'command') return { command: 'true' };
  if (kind === 'metric') {
    const metrics = step.metrics?.[0];
    // cast: a new test starts without the arguments the form then asks for (a metric's key)
    return { metric: metrics === undefined ? {} : { file: metrics } } as TestSpec;
  }
  const file = step.outputs?.[0] ?? step.inputs?.[0];
  // cast: as above, a new test of a kind has only its file until the form fills in the rest
  return { [kind]: file === undefined ? {} : { path: file } } as TestSpec;
}

// ---- text <-> value, one pair per field type ----

export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Splits at commas outside double or single quotes. */
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** Values read like YAML scalars: 42 and true are a number and a boolean; "42" in quotes stays text. */
export function parseValues(text: string): Scalar[] {
  return splitValues(text).map((part) => {
    const quoted = /^"(.*)"$/.exec(part) ?? /^'(.*)'$/.exec(part);
    if (quoted) return quoted[1] ?? '';
    if (part === 'true' || part === 'false') return part === 'true';
    const number = readNumberText(part);
    return number.ok ? number.value : part;
  });
}

export function formatValues(values: unknown): string {
  if (!Array.isArray(values)) return '';
  return values
    .map((value) => {
      if (typeof value !== 'string') return String(value);
      // Text that would read back as a number or boolean keeps its quotes.
      return parseValues(value)[0] === value && !value.includes(',') ? value : `"${value}"`;
    })
    .join(', ');
}

/** Schema rows to the file's mapping: rows without a name are still being written and are left out. */
export function schemaColumns(rows: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [name, type] of rows) if (name.trim() !== '') columns[name.trim()] = type.trim();
  return columns;
}
