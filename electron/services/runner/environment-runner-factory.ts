// How the engine gets runners for environments that do not run steps as local processes
// (Docker today, on this machine or a remote engine). The engine knows only this interface;
// the composition root (the CLI's commands, the studio's session) hands it a factory, so the
// engine never imports a runner and a new kind of runner is added without touching it.
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { StepRunner } from './step-runner.js';

/** The runner for the steps of one environment (null: the run's default). */
export type RunnerFor = (environment: string | null) => StepRunner;

export interface EnvironmentRunnersRequest {
  /** Absolute workspace root. */
  root: string;
  /** Every environment of the run, as resolved for it (build args applied). */
  environments: Readonly<Record<string, EnvironmentSpec>>;
  /** The environments the run's selected steps use that the factory's runner serves. */
  needed: readonly string[];
  /** The branch the run runs (a branch may have its own copy of an environment); null: none. */
  branch: string | null;
  /** What serves every other environment. */
  local: StepRunner;
  emit(event: ProvisionEvent): void;
  signal: AbortSignal;
}

export interface EnvironmentRunners {
  runnerFor: RunnerFor;
  /** The image each environment's steps run, keyed `NAME`, or `NAME~BRANCH` for a branch's copy. */
  images: Record<string, string>;
}

export type EnvironmentRunnerFactory = (request: EnvironmentRunnersRequest) => Promise<EnvironmentRunners>;
