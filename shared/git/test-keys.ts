// Tests are a list in the file but people think of them by name. Diffs and merges line them
// up by name so that reordering or inserting a test is not read as changing every test.
import { isPlainMap, valueAt } from './plain-data.js';
import type { PlainMap } from './plain-data.js';

/** The step's tests, or none when the field is absent or not a list. */
export function testsOf(step: unknown): unknown[] {
  const tests = isPlainMap(step) ? valueAt(step, 'tests') : undefined;
  return Array.isArray(tests) ? tests : [];
}

export function testName(test: unknown): string | null {
  const name = isPlainMap(test) ? valueAt(test, 'name') : undefined;
  return typeof name === 'string' && name !== '' ? name : null;
}

/**
 * Tests keyed for a diff: by name when the name is unique in the list, else by position
 * ("#1" for the first). Names that look like positions are keyed by position too, so the
 * two never collide.
 */
export function testsForDiff(tests: readonly unknown[]): PlainMap {
  const names = tests.map(testName);
  const isKey = (name: string | null): name is string =>
    name !== null && !/^#\d+$/.test(name) && names.indexOf(name) === names.lastIndexOf(name);
  return Object.fromEntries(
    tests.map((test, index) => {
      const name = names[index] ?? null;
      return [isKey(name) ? name : `#${index + 1}`, test];
    }),
  );
}

/**
 * Tests keyed by name for a merge, or null when some test has no name or shares one: then
 * there is no safe way to pair them up and the list merges as one value. Absent = no tests.
 */
export function testsForMerge(tests: unknown): Map<string, unknown> | null {
  if (tests === undefined) return new Map();
  if (!Array.isArray(tests)) return null;
  const keyed = new Map<string, unknown>();
  for (const test of tests) {
    const name = testName(test);
    if (name === null || keyed.has(name)) return null;
    keyed.set(name, test);
  }
  return keyed;
}
