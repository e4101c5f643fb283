// Test-level changes of every step, so a review can say "test not_empty added to clean"
// instead of showing the whole tests list as changed.
import type { TestDiff } from './diff-types.js';
import { diffEntries } from './field-diff.js';
import { unionKeys, valueAt } from './plain-data.js';
import type { PlainMap } from './plain-data.js';
import { testsForDiff, testsOf } from './test-keys.js';

export function diffTests(stepsBefore: PlainMap, stepsAfter: PlainMap): TestDiff[] {
  return unionKeys(stepsAfter, stepsBefore).flatMap((step) => {
    const before = testsForDiff(testsOf(valueAt(stepsBefore, step)));
    const after = testsForDiff(testsOf(valueAt(stepsAfter, step)));
    return diffEntries(before, after).map(({ key, change, fields }): TestDiff => ({ step, name: key, change, fields }));
  });
}
