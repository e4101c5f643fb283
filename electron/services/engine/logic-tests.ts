// Logic tests: commands run in the same place and with the same variables as the step. Exit
// code 0 passes; anything else fails; a test that cannot run at all (does not start, times
// out) is an error result, kept apart from a failed check.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import type { TestSpec, TestStage } from '../../../shared/pipeline/test-schema.js';
import { testKind } from '../../../shared/pipeline/test-schema.js';
import type { StepStatus, TestResult } from '../../../shared/run/run-types.js';
import { describeFailure } from '../runner/step-runner.js';
import type { StepProcessRequest, StepRunner } from '../runner/step-runner.js';

export interface CommandTestRequest {
  runner: StepRunner;
  /** Where the step ran: the workspace, or a revision checkout for a run of --ref. */
  root: string;
  /** The workspace whose state keeps the run's logs. */
  logRoot: string;
  /** Workspace-relative folder for test logs. */
  logDir: string;
  stepId: string;
  env: Record<string, string>;
  paramsFile: string;
  owner: StepProcessRequest['owner'];
  marker: string;
  signal: AbortSignal;
}

export function testName(test: TestSpec, index: number): string {
  return test.name ?? `${testKind(test) ?? 'test'} #${index + 1}`;
}

/** `files`: what the test reads, copied to an engine that cannot see the workspace (the step's inputs, outputs and the test's code). */
export async function runCommandTest(
  request: CommandTestRequest,
  test: TestSpec,
  index: number,
  stage: TestStage,
  files: readonly string[],
): Promise<TestResult | 'cancelled'> {
  const logPath = `${request.logDir}/${request.stepId}.test-${index + 1}.log`;
  const absolute = join(request.logRoot, logPath);
  mkdirSync(join(request.logRoot, request.logDir), { recursive: true });
  const log = openSync(absolute, 'w');
  const started = performance.now();
  const result = await request.runner.execute({
    command: test.command ?? '',
    cwd: request.root,
    env: { ...request.env, PW_TEST_NAME: testName(test, index) },
    paramsFile: request.paramsFile,
    inputs: files,
    outputs: [],
    owner: { ...request.owner, attempt: `test-${index + 1}` },
    marker: `${request.marker}/${index + 1}`,
    timeoutMs: test.timeout === undefined ? null : parseDurationMs(test.timeout),
    signal: request.signal,
    onStart: () => undefined,
    onOutput: (_stream, chunk) => writeSync(log, chunk),
  });
  closeSync(log);
  if (result.outcome === 'cancelled') return 'cancelled';
  const base = {
    index,
    name: testName(test, index),
    kind: 'command',
    severity: test.severity ?? 'error',
    stage,
    observed: null,
    expected: null,
    exitCode: result.exitCode,
    durationMs: performance.now() - started,
    logPath,
  } as const;
  const message = describeFailure(result, test.timeout);
  if (result.outcome !== 'exited') return { ...base, outcome: 'error', message };
  if (result.exitCode === 0) return { ...base, outcome: 'passed', message: null };
  return { ...base, outcome: 'failed', message };
}

/** What a step's test results make of it: an error test not passing fails it, a warn test warns. */
export function testsVerdict(results: readonly TestResult[]): { status: StepStatus; message: string | null } {
  const failing = (severity: string) =>
    results.filter((result) => result.severity === severity && result.outcome !== 'passed');
  const names = (tests: TestResult[]) => tests.map((test) => `"${test.name}"`).join(', ');
  const errors = failing('error');
  if (errors.length > 0)
    return {
      status: 'failed',
      message: `test ${names(errors)} ${errors.some((test) => test.outcome === 'error') ? 'could not run' : 'failed'}`,
    };
  const warnings = failing('warn');
  if (warnings.length > 0) return { status: 'warned', message: `test ${names(warnings)} warned` };
  return { status: 'succeeded', message: null };
}
