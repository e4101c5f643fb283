// Which steps moved to another environment: the change most likely to alter how a run
// behaves (local vs docker, another image) while the commands stay the same.
import type { EnvironmentChange } from './diff-types.js';
import { isPlainMap, unionKeys, valueAt } from './plain-data.js';
import type { PlainMap } from './plain-data.js';

/** Includes added and removed steps that name an environment (a missing step has none). */
export function diffEnvironments(stepsBefore: PlainMap, stepsAfter: PlainMap): EnvironmentChange[] {
  return unionKeys(stepsAfter, stepsBefore).flatMap((step) => {
    const before = environmentOf(valueAt(stepsBefore, step));
    const after = environmentOf(valueAt(stepsAfter, step));
    return before === after ? [] : [{ step, before, after }];
  });
}

/** null = the run's environment; an invalid value is shown as written rather than dropped. */
function environmentOf(step: unknown): string | null {
  const environment = isPlainMap(step) ? valueAt(step, 'environment') : undefined;
  if (environment === undefined || environment === null) return null;
  return typeof environment === 'string' ? environment : JSON.stringify(environment);
}
