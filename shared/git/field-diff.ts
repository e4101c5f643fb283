// Field-level comparison shared by steps, params and tests: which keys differ, and whether an
// entry of a keyed collection was added, removed or changed.
import { isDeepStrictEqual } from '../yaml/deep-equal.js';
import type { ChangeKind, FieldChange } from './diff-types.js';
import { isPlainMap, mapOf, unionKeys, valueAt } from './plain-data.js';
import type { PlainMap } from './plain-data.js';

export interface EntryDiff {
  key: string;
  change: ChangeKind;
  fields: FieldChange[];
}

/** The sections with an entry-level diff of their own. */
const SECTIONS = ['steps', 'params'];

/**
 * The keys whose values differ (absent = undefined). A value that is not a map, such as a
 * step written as a bare string, has no fields: it is compared whole, as the field "".
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const whole = (value: unknown) => value !== undefined && !isPlainMap(value);
  if (whole(before) || whole(after)) return isDeepStrictEqual(before, after) ? [] : [{ field: '', before, after }];
  const left = mapOf(before);
  const right = mapOf(after);
  return unionKeys(right, left).flatMap((field) => {
    const was = valueAt(left, field);
    const is = valueAt(right, field);
    return isDeepStrictEqual(was, is) ? [] : [{ field, before: was, after: is }];
  });
}

/** Entries that differ, in `after` order then removed ones in `before` order. */
export function diffEntries(before: PlainMap, after: PlainMap): EntryDiff[] {
  return unionKeys(after, before).flatMap((key): EntryDiff[] => {
    const change: ChangeKind = !Object.hasOwn(before, key)
      ? 'added'
      : !Object.hasOwn(after, key)
        ? 'removed'
        : 'changed';
    const fields = fieldChanges(valueAt(before, key), valueAt(after, key));
    return change === 'changed' && fields.length === 0 ? [] : [{ key, change, fields }];
  });
}

/** Absent and null (an empty `steps:`) both mean no entries; anything else that is not a map is odd. */
function odd(value: unknown): boolean {
  return value !== undefined && value !== null && !isPlainMap(value);
}

/**
 * Top-level fields other than the keyed sections. A section that is not a map (steps: [a, b])
 * cannot be diffed entry by entry, so it is reported here whole; so is a document that is
 * not a map at all, as the field "".
 */
export function diffDocumentFields(before: unknown, after: unknown): FieldChange[] {
  if (odd(before) || odd(after)) return isDeepStrictEqual(before, after) ? [] : [{ field: '', before, after }];
  const left = mapOf(before);
  const right = mapOf(after);
  return fieldChanges(left, right).filter(
    ({ field, before: was, after: is }) => !SECTIONS.includes(field) || odd(was) || odd(is),
  );
}
