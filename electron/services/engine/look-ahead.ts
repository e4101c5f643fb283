// Which steps to get ready while a step runs, and what was got ready. A container takes the
// engine a few milliseconds to create, which a chain of short steps pays on every link; made
// while the step before it runs, it is ready when that step ends. Only a step the running one
// is the last to hold up is made ahead (it starts as soon as that one succeeds), never more
// than the run has places, and not one whose start depends on more than its upstream (a
// condition, a notebook).
import { notebookRunOf } from '../../../shared/pipeline/notebook-step.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { present } from '../../../shared/invariant/present.js';
import type { StepRunner } from '../runner/step-runner.js';
import { stepLaunch } from './attempt-process.js';
import type { RunPlan } from './run-plan.js';
import type { StepState } from './step-state.js';

export interface LookAheadChoice {
  /** The step whose attempt started. */
  running: StepState;
  downstream: readonly StepState[];
  spec(id: string): StepSpec;
  /** Steps already made ahead and not yet started or ended. */
  made: { readonly size: number; has(id: string): boolean };
  room: number;
}

export function stepsToMakeAhead({ running, downstream, spec, made, room }: LookAheadChoice): StepState[] {
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

export interface LookAheadRun {
  plan: RunPlan;
  runId: string;
  gitCommit: string | null;
  paramsFile: string;
  runnerFor(environment: string | null): StepRunner;
}

/** The steps of one run whose next attempt a runner got ready, with what to tell it if they end another way. */
export class StepsMadeAhead {
  private readonly made = new Map<string, { runner: StepRunner; marker: string }>();

  constructor(private readonly run: LookAheadRun) {}

  /** Lets the runners of the steps `running` is the last to hold up get their attempts ready. */
  after(running: StepState, downstream: readonly StepState[]): void {
    const { plan, runId, gitCommit, paramsFile } = this.run;
    const spec = (id: string) => present(plan.pipeline.steps[id], `the spec of step "${id}"`);
    const room = plan.options.maxParallel;
    for (const next of stepsToMakeAhead({ running, downstream, spec, made: this.made, room })) {
      const step = spec(next.id);
      const environment = step.environment ?? plan.environment;
      try {
        const runner = this.run.runnerFor(environment);
        if (runner.makeAhead === undefined) continue;
        const attempt = next.attempts + 1;
        const launch = stepLaunch({
          plan,
          runId,
          stepId: next.id,
          spec: step,
          attempt,
          environment,
          paramsFile,
          gitCommit,
        });
        runner.makeAhead(launch);
        this.made.set(next.id, { runner, marker: launch.marker });
      } catch {
        // Only a guess: whatever stopped it, the step's own attempt meets it and says why.
      }
    }
  }

  /** The step's made-ahead attempt started or never will: its runner drops what is left of it. */
  forget(id: string): void {
    const made = this.made.get(id);
    if (made === undefined) return;
    this.made.delete(id);
    made.runner.forget?.(made.marker);
  }
}
