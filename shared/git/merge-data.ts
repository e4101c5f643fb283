// The three-way merge of plain pipeline data. A side's change wins when the other side left
// the value as it was; only values both sides changed differently become conflicts, and the
// merge goes down into steps, params and tests so that edits to different fields of one
// step still merge cleanly.
import { isDeepStrictEqual } from '../yaml/deep-equal.js';
import { conflictAt, conflictKind, isSectionPath, isSetListPath, isTestsPath } from './merge-paths.js';
import { mergeOrderedSet, placeNewItems } from './merge-order.js';
import type { MergeConflict } from './merge-types.js';
import { isPlainMap } from './plain-data.js';
import type { PlainMap } from './plain-data.js';
import { testsForMerge } from './test-keys.js';

export interface DataMerge {
  /** Every conflict provisionally resolved to ours. */
  data: unknown;
  conflicts: MergeConflict[];
}

/** undefined = absent on that side. */
export function mergeData(base: unknown, ours: unknown, theirs: unknown): DataMerge {
  const conflicts: MergeConflict[] = [];
  const data = mergeValue([], base, ours, theirs, conflicts);
  return { data, conflicts };
}

function mergeValue(
  path: readonly string[],
  base: unknown,
  ours: unknown,
  theirs: unknown,
  conflicts: MergeConflict[],
): unknown {
  if (isDeepStrictEqual(ours, theirs)) return ours;
  if (isDeepStrictEqual(base, ours)) return theirs;
  if (isDeepStrictEqual(base, theirs)) return ours;
  if (isSetListPath(path) && isListOrAbsent(base) && isListOrAbsent(ours) && isListOrAbsent(theirs)) {
    const merged = mergeOrderedSet(base ?? [], ours ?? [], theirs ?? []);
    return droppedWhenEmpty(merged.length, ours, theirs) ? undefined : merged;
  }
  if (isTestsPath(path)) {
    const [baseTests, ourTests, theirTests] = [testsForMerge(base), testsForMerge(ours), testsForMerge(theirs)];
    if (baseTests && ourTests && theirTests) {
      const merged = [...mergeEntries(path, baseTests, ourTests, theirTests, conflicts).values()];
      return droppedWhenEmpty(merged.length, ours, theirs) ? undefined : merged;
    }
  }
  const ourMap = mapOrSection(path, ours);
  const theirMap = mapOrSection(path, theirs);
  if (ourMap && theirMap) {
    // A base that is not a map (absent, or an empty `steps:`) is nothing to diverge from.
    const baseMap = isPlainMap(base) ? base : {};
    const merged = mergeEntries(path, entriesOf(baseMap), entriesOf(ourMap), entriesOf(theirMap), conflicts);
    return droppedWhenEmpty(merged.size, ours, theirs) ? undefined : Object.fromEntries(merged);
  }
  conflicts.push(conflictAt(path, conflictKind(base, ours, theirs), base, ours, theirs));
  return ours;
}

/**
 * Key by key, in ours' order with keys new on their side after their predecessor there.
 * Maps (not objects) carry the order, since objects put number-like keys first.
 */
function mergeEntries(
  path: readonly string[],
  base: ReadonlyMap<string, unknown>,
  ours: ReadonlyMap<string, unknown>,
  theirs: ReadonlyMap<string, unknown>,
  conflicts: MergeConflict[],
): Map<string, unknown> {
  const keys = placeNewItems(
    [...ours.keys()],
    [...theirs.keys()],
    (key) => !ours.has(key),
    (a, b) => a === b,
  );
  const merged = new Map<string, unknown>();
  for (const key of keys) {
    const value = mergeValue([...path, key], base.get(key), ours.get(key), theirs.get(key), conflicts);
    if (value !== undefined) merged.set(key, value);
  }
  return merged;
}

/**
 * A side that dropped all of `params` (or `steps`) deleted each entry: merging entry by entry
 * keeps their new params and makes a conflict only of those they changed.
 */
function mapOrSection(path: readonly string[], value: unknown): PlainMap | null {
  if (isPlainMap(value)) return value;
  return value === undefined && isSectionPath(path) ? {} : null;
}

function entriesOf(map: PlainMap): Map<string, unknown> {
  return new Map(Object.entries(map));
}

function isListOrAbsent(value: unknown): value is unknown[] | undefined {
  return value === undefined || Array.isArray(value);
}

/** A list or section emptied on a side that dropped the key leaves no `needs: []` behind. */
function droppedWhenEmpty(size: number, ours: unknown, theirs: unknown): boolean {
  return size === 0 && (ours === undefined || theirs === undefined);
}
