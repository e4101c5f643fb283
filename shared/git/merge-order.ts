// Where things added on their branch land in the merged file. Without this a step added in
// the middle of their pipeline would drop to the end, far from the steps it belongs with.
import { isDeepStrictEqual } from '../yaml/deep-equal.js';

/**
 * `placed` plus each item of `source` that `isNew` picks and that is not placed yet, put
 * right after its nearest predecessor in `source` that is placed, or at the end when none is.
 */
export function placeNewItems<T>(
  placed: readonly T[],
  source: readonly T[],
  isNew: (item: T) => boolean,
  same: (a: T, b: T) => boolean,
): T[] {
  const result = [...placed];
  source.forEach((item, index) => {
    if (!isNew(item) || result.some((existing) => same(existing, item))) return;
    let at = result.length;
    for (const earlier of source.slice(0, index).reverse()) {
      const predecessor = result.findIndex((existing) => same(existing, earlier));
      if (predecessor >= 0) {
        at = predecessor + 1;
        break;
      }
    }
    result.splice(at, 0, item);
  });
  return result;
}

/**
 * A list where membership matters and order is cosmetic (needs, inputs...): removals and
 * additions from both sides all apply, in ours' order, so two people adding a dependency
 * each never conflict.
 */
export function mergeOrderedSet(
  base: readonly unknown[],
  ours: readonly unknown[],
  theirs: readonly unknown[],
): unknown[] {
  const has = (list: readonly unknown[], item: unknown) => list.some((other) => isDeepStrictEqual(other, item));
  const kept = ours.filter((item) => !has(base, item) || has(theirs, item));
  return placeNewItems(kept, theirs, (item) => !has(base, item), isDeepStrictEqual);
}
