// Writing a chosen value back at a conflict's path in the merged data. Paths go through a
// step's tests by test name (as the merge keyed them), not by position.
import { isTestsPath } from './merge-paths.js';
import { isPlainMap, valueAt, withKey } from './plain-data.js';
import { testName } from './test-keys.js';

/**
 * A copy of `data` with `value` at `path`, or without that key when `value` is undefined.
 * Missing maps and lists on the way are created, since the provisional choice (ours) may
 * have been a deletion.
 */
export function setAtPath(
  data: unknown,
  path: readonly string[],
  value: unknown,
  walked: readonly string[] = [],
): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (data === undefined && value === undefined) return undefined;
  const here = [...walked, key];
  if (isTestsPath(walked)) {
    const tests = Array.isArray(data) ? data : [];
    const index = tests.findIndex((test) => testName(test) === key);
    const next = setAtPath(index < 0 ? undefined : tests[index], rest, value, here);
    if (next === undefined) return tests.filter((_, position) => position !== index);
    return index < 0 ? [...tests, next] : tests.map((test, position) => (position === index ? next : test));
  }
  const map = isPlainMap(data) ? data : {};
  return withKey(map, key, setAtPath(valueAt(map, key), rest, value, here));
}
