// Which steps to get ready while a step runs. A container takes the engine a few milliseconds
// to create, which a chain of short steps pays on every link; made while the step before it
// runs, it is ready when that step ends. Only a step the running one is the last to hold up is
// made ahead (it starts as soon as that one succeeds), never more than the run has places,
// and not one whose start depends on more than its upstream (a condition, a notebook).
import { notebookRunOf } from '../../../shared/pipeline/notebook-step.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { StepState } from './step-state.js';

export interface LookAhead {
  /** The step whose attempt is starting. */
  running: StepState;
  downstream: readonly StepState[];
  spec(id: string): StepSpec;
  /** Steps already made ahead and not yet started or ended. */
  made: ReadonlySet<string>;
  room: number;
}

export function stepsToMakeAhead({ running, downstream, spec, made, room }: LookAhead): StepState[] {
  const chosen: StepState[] = [];
  for (const next of downstream) {
    if (chosen.length + made.size >= room) break;
    if (next.status !== 'pending' || next.waitingOn !== 1 || made.has(next.id) || next.id === running.id) continue;
    const step = spec(next.id);
    if (step.when !== undefined || notebookRunOf(next.id, step) !== null) continue;
    chosen.push(next);
  }
  return chosen;
}
