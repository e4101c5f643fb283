import { describe, expect, it } from 'vitest';
import type { RunSummary, StepRunSummary, TestResult } from '../../../shared/run/run-types.js';
import { attemptHeader } from '../../../shared/run/attempt-log.js';
import { createRunViewStore } from './run-store.js';

const step = (id: string): StepRunSummary => ({
  id,
  status: 'pending',
  cached: false,
  cachedFrom: null,
  attempts: 0,
  exitCode: null,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  logPath: null,
  message: null,
  tests: [],
});
const run: RunSummary = {
  id: 'r1',
  pipeline: 'p',
  pipelineFile: 'pipelines/p.pipeline.yaml',
  environment: null,
  status: 'running',
  params: {},
  selection: { only: [], from: [], to: [] },
  options: { maxParallel: 1, failFast: false, noCache: false },
  createdAt: 0,
  finishedAt: null,
  durationMs: null,
  message: null,
  gitBranch: null,
  gitCommit: null,
  ref: null,
  trigger: { kind: 'manual', name: null },
  images: {},
  steps: [step('a'), step('b')],
};
const result = (index: number, outcome: TestResult['outcome']): TestResult => ({
  index,
  name: `t${index}`,
  kind: 'row_count',
  severity: 'error',
  stage: 'input',
  outcome,
  observed: index,
  expected: 'at least 1 row',
  exitCode: null,
  durationMs: 1,
  message: null,
  logPath: null,
});

describe('the run view store', () => {
  it('shows each test result as it arrives, in the order the tests are written, before the step starts', () => {
    const store = createRunViewStore();
    store.getState().expect('r1');
    store.getState().handle({ type: 'run-started', run }, 'p');
    store.getState().handle({ type: 'test-result', runId: 'r1', stepId: 'a', result: result(1, 'failed') }, 'p');
    store.getState().handle({ type: 'test-result', runId: 'r1', stepId: 'a', result: result(0, 'passed') }, 'p');
    store.getState().handle({ type: 'test-result', runId: 'other', stepId: 'a', result: result(2, 'passed') }, 'p');
    const [a, b] = store.getState().run?.steps ?? [];
    expect(a?.tests.map((test) => [test.index, test.outcome])).toEqual([
      [0, 'passed'],
      [1, 'failed'],
    ]);
    expect(a?.status).toBe('pending');
    expect(b?.tests).toEqual([]);
  });

  it("puts a live log's attempts under headers once a second attempt begins", () => {
    const store = createRunViewStore();
    store.getState().expect('r1');
    store.getState().handle({ type: 'run-started', run }, 'p');
    const log = (attempt: number, text: string) =>
      store.getState().handle({ type: 'step-log', runId: 'r1', stepId: 'a', attempt, stream: 'stdout', text }, 'p');
    log(1, 'first\nboom');
    expect(store.getState().log('a').lines).toEqual(['first']);
    log(2, 'second\n');
    log(2, 'ok\n');
    expect(store.getState().log('a').lines).toEqual([
      attemptHeader(1),
      'first',
      'boom',
      attemptHeader(2),
      'second',
      'ok',
    ]);
  });
});
