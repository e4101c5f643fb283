// The variables Pipewright gives a step: the environment's and the step's own, its params as
// PW_PARAM_*, and the PW_* variables that say where it runs and from which commit. Params arrive as variables and as
// a JSON file, never pasted into the command text, so no value can change what the shell runs.
// (The local runner adds the user's own environment; a container gets only these.)
import type { ParamValue, StepSpec } from '../../../shared/pipeline/schema.js';
import { paramEnvName } from '../../../shared/pipeline/names.js';
import { paramValues } from '../../../shared/pipeline/params.js';
import type { RunPlan } from './run-plan.js';

export interface StepEnvironmentInput {
  workspaceRoot: string;
  pipeline: string;
  runId: string;
  stepId: string;
  attempt: number;
  environment: string | null;
  /** The commit the run's pipeline comes from (HEAD, or the --ref revision); null outside git. */
  gitCommit: string | null;
  environmentVars: Readonly<Record<string, string | number | boolean>>;
  params: Readonly<Record<string, ParamValue>>;
  paramsFile: string;
  step: StepSpec;
}

export function stepEnvironment(input: StepEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = { ...stringValues(input.environmentVars), ...stringValues(input.step.env ?? {}) };
  for (const [name, value] of Object.entries(input.params)) env[paramEnvName(name)] = String(value);
  Object.assign(env, {
    PW_WORKSPACE: input.workspaceRoot,
    PW_PIPELINE: input.pipeline,
    PW_RUN_ID: input.runId,
    PW_STEP_ID: input.stepId,
    PW_ATTEMPT: String(input.attempt),
    PW_ENVIRONMENT: input.environment ?? '',
    PW_PARAMS_FILE: input.paramsFile,
    PW_GIT_COMMIT: input.gitCommit ?? '',
  });
  return env;
}

export function stringValues(vars: Readonly<Record<string, string | number | boolean>>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, String(value)]));
}

/** The variables an environment of the plan sets (none for no environment). */
export function environmentVarsOf(plan: RunPlan, environment: string | null): Record<string, string> {
  return stringValues((environment ? plan.environments[environment]?.env : undefined) ?? {});
}

/** A step's variables in a run of this plan. */
export function planStepEnvironment(
  plan: RunPlan,
  step: {
    runId: string;
    paramsFile: string;
    stepId: string;
    step: StepSpec;
    environment: string | null;
    attempt: number;
    gitCommit: string | null;
  },
): Record<string, string> {
  return stepEnvironment({
    ...step,
    workspaceRoot: plan.root,
    pipeline: plan.pipeline.name,
    environmentVars: environmentVarsOf(plan, step.environment),
    params: paramValues(plan.params),
  });
}
