// Pipeline files read from history or from a half-merged branch can hold any shape, so the
// git views walk them as plain data without trusting the schema. Maps are rebuilt with
// Object.fromEntries so that a key such as "__proto__" stays an ordinary key.

export type PlainMap = Record<string, unknown>;

export function isPlainMap(value: unknown): value is PlainMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The map itself, or an empty one for anything else (absent, a list, a scalar). */
export function mapOf(value: unknown): PlainMap {
  return isPlainMap(value) ? value : {};
}

/** Own keys only: a step called "constructor" must not find Object's. */
export function valueAt(map: PlainMap, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The keys of `first` in its order, then the keys only `second` has, in its order. */
export function unionKeys(first: PlainMap, second: PlainMap): string[] {
  return [...Object.keys(first), ...Object.keys(second).filter((key) => !Object.hasOwn(first, key))];
}

/** A copy with `key` set in place (or appended), or removed when `value` is undefined. */
export function withKey(map: PlainMap, key: string, value: unknown): PlainMap {
  const entries = Object.entries(map);
  const index = entries.findIndex(([existing]) => existing === key);
  if (value === undefined)
    return index < 0 ? map : Object.fromEntries(entries.filter(([existing]) => existing !== key));
  if (index < 0) entries.push([key, value]);
  else entries[index] = [key, value];
  return Object.fromEntries(entries);
}
