// The words results use: "expected" says what passes, the message says what was found. Plain
// numbers (no thousands separators) so they read the same in a log, the studio and CI.

export function rows(count: number): string {
  return `${count} ${count === 1 ? 'row' : 'rows'}`;
}

export function quoted(name: string): string {
  return `"${name}"`;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function columnList(names: readonly string[], last: 'or' | 'and' = 'or'): string {
  const all = names.map(quoted);
  if (all.length <= 1) return all.join('');
  return `${all.slice(0, -1).join(', ')} ${last} ${all.at(-1) ?? ''}`;
}

/** A number for a sentence: at most two decimals, none when whole. */
export function figure(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function rowCountRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? rows(min) : `${min} to ${rows(max)}`;
  if (min !== undefined) return `at least ${rows(min)}`;
  if (max !== undefined) return `at most ${rows(max)}`;
  return 'any number of rows';
}

/** A scalar from a test item as a sentence shows it: texts quoted, numbers and booleans bare. */
export function shownValue(value: string | number | boolean): string {
  return typeof value === 'string' ? quoted(value) : String(value);
}

/** An example value from the data, cut so one odd long value cannot flood the message. */
export function example(value: string | null): string {
  if (value === null) return '';
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return ` (e.g. ${quoted(short)})`;
}

/** What a check that counts failing rows expects. */
export const NO_FAILING_ROWS = '0 failing rows';
