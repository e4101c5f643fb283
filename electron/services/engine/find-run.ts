// A recorded run by what a user types for it, and the error a run request gets when it names
// something that is not there. Apart from the planner: `pipewright runs show` needs these and
// none of the validation the planner loads.
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import type { RunStore } from '../store/run-store.js';

export class RunRequestError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** A run by id, unique id prefix, or "last". */
export function findRun(store: RunStore, ref: string): RunSummary {
  const id = ref === 'last' ? store.latestRunId() : resolveRunId(store, ref);
  const run = id ? store.getRun(id) : null;
  if (!run) throw new RunRequestError(`no run "${ref}" in this workspace (see pipewright runs)`);
  return run;
}

function resolveRunId(store: RunStore, ref: string): string | null {
  const matches = store.runIdsStartingWith(ref);
  if (matches.includes(ref)) return ref;
  if (matches.length > 1) throw new RunRequestError(`run id "${ref}" is ambiguous: ${matches.join(', ')}`);
  return matches[0] ?? null;
}
