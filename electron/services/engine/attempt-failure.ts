// The failure summary of an attempt, from what the run knows where the attempt ends: how the
// runner says it ended, the end of its log, and where the step ran (a local process or an image).
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { summarizeFailure } from '../../../shared/run/failure-summary.js';
import type { FailureContext, StepFailure } from '../../../shared/run/failure-summary.js';
import type { RunPlan } from './run-plan.js';
import { describeFailure } from '../runner/step-runner.js';
import type { StepProcessResult } from '../runner/step-runner.js';

export function attemptFailure(
  plan: RunPlan,
  spec: StepSpec,
  environment: string | null,
  result: StepProcessResult,
  logTail: string,
): StepFailure | null {
  return summarizeFailure(result, { logTail, timeout: spec.timeout ?? null, place: placeOf(plan, environment) });
}

function placeOf(plan: RunPlan, environment: string | null): FailureContext['place'] {
  const spec = environment === null ? undefined : plan.environments[environment];
  if (spec?.runner !== 'docker') return { kind: 'local' };
  if (spec.image) return { kind: 'container', image: `image ${spec.image}` };
  return { kind: 'container', image: `the image of environment ${environment ?? ''}` };
}

/** The failure summary of a failed attempt and the sentence its step's message gets. */
export function explainAttempt(
  plan: RunPlan,
  spec: StepSpec,
  environment: string | null,
  result: StepProcessResult & { logTail: string },
): { failure: StepFailure | null; message: string } {
  const failure = attemptFailure(plan, spec, environment, result, result.logTail);
  // A cause only the summary found (a command missing from PATH) belongs in the message too.
  const found = failure?.kind === 'command-not-found' || failure?.kind === 'read-only-write' ? failure.cause : null;
  return { failure, message: describeFailure({ ...result, error: result.error ?? found }, spec.timeout) };
}
