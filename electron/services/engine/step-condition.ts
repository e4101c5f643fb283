// Whether a ready step runs at all: its `when:` worked out from the run's params, and the steps
// it needs skipped by their own conditions. Decided before the cache is asked, so a step
// skipped by its condition never restores outputs.
import { paramValues } from '../../../shared/pipeline/params.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { WhenEvaluationError, evaluateWhen } from '../../../shared/pipeline/when-evaluate.js';
import type { StepStatus } from '../../../shared/run/run-types.js';
import type { RunPlan } from './run-plan.js';

export interface ConditionOutcome {
  status: Extract<StepStatus, 'skipped-condition' | 'failed'>;
  message: string;
}

/** Null when the step runs; otherwise how it ends without running. */
export function conditionOutcome(
  stepId: string,
  spec: StepSpec,
  plan: RunPlan,
  upstream: ReadonlyArray<{ id: string; status: StepStatus }>,
): ConditionOutcome | null {
  const skippedUp = upstream.find((step) => step.status === 'skipped-condition');
  if (skippedUp)
    return { status: 'skipped-condition', message: `needs step "${skippedUp.id}", skipped by its condition` };
  if (spec.when === undefined) return null;
  let holds: boolean;
  try {
    holds = evaluateWhen(spec.when, paramValues(plan.params));
  } catch (error) {
    if (error instanceof WhenEvaluationError) return { status: 'failed', message: `not run: ${error.message}` };
    throw error;
  }
  if (holds) return null;
  const chosen = (plan.selection.only ?? []).includes(stepId);
  return {
    status: 'skipped-condition',
    message: `condition is false: ${spec.when}${chosen ? ' (--only chooses the step, its condition still decides whether it runs)' : ''}`,
  };
}
