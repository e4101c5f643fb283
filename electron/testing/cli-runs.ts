// `pipewright run --json` as the CLI integration tests read it: the run's summary, and each
// step's status by id.
import { expect } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from './cli-process.js';

/** Runs `pipewright run ARGS --json` in a workspace; a run that failed (exit 1) reports its summary too. */
export async function runJson(root: string, ...args: string[]): Promise<RunSummary> {
  const result = await runCli(['run', ...args, '--json'], root);
  expect([0, 1], result.stderr).toContain(result.code);
  return JSON.parse(result.stdout) as RunSummary;
}

export const stepStatuses = (summary: RunSummary): Record<string, string> =>
  Object.fromEntries(summary.steps.map((step) => [step.id, step.status]));
