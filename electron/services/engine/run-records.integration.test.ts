// How a run writes its record: the writes of one scheduler tick commit as one transaction, and
// every event a listener hears is already in the store. Real workspace, real store, real steps.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineFor } from '../../testing/engine-run.js';
import type { EngineUnderTest } from '../../testing/engine-run.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';

let workspace: TempWorkspace;
let engine: EngineUnderTest;
afterEach(async () => {
  await engine?.close();
  workspace?.remove();
});

const STEPS = 8;
// Two layers of four; every step of the second needs every step of the first, and each has a test.
const layer = (index: number) => Array.from({ length: 4 }, (_, step) => `s${index}_${step}`);
const PIPELINE = pipelineYaml(
  'p',
  [0, 1]
    .flatMap((index) =>
      layer(index).map(
        (id) =>
          `  ${id}:\n    run: echo ${id}\n${index === 1 ? `    needs: [${layer(0).join(', ')}]\n` : ''}    tests:\n      - command: "true"\n        severity: warn\n`,
      ),
    )
    .join(''),
);

describe('a run record', () => {
  it('holds every state and test result a listener hears of, at the moment it hears of it', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': PIPELINE });
    engine = await engineFor(workspace.root);
    // A listener's own failures are caught by the engine, so what it finds is kept and checked after.
    const heard: Array<{ event: string; stored: string | null }> = [];
    engine.engine.onEvent((event) => {
      if (event.type === 'step-status') {
        const row = engine.store.stepRows(event.runId).find((step) => step.id === event.step.id);
        heard.push({ event: `${event.step.id} ${event.step.status}`, stored: row ? `${row.id} ${row.status}` : null });
      }
      if (event.type === 'test-result') {
        const tests = engine.store.getRun(event.runId)?.steps.find((step) => step.id === event.stepId)?.tests ?? [];
        heard.push({
          event: `${event.stepId} test ${event.result.name}`,
          stored: tests.some((test) => test.name === event.result.name)
            ? `${event.stepId} test ${event.result.name}`
            : null,
        });
      }
    });
    const { run } = await engine.run({ maxParallel: 2, noCache: true });
    expect(run.status).toBe('succeeded');
    // Each step was heard of running, with its test's result, and succeeded.
    expect(heard).toHaveLength(STEPS * 3);
    expect(heard.filter(({ event, stored }) => event !== stored)).toEqual([]);
  });

  it('commits the writes of a tick together: fewer transactions than writes', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': PIPELINE });
    engine = await engineFor(workspace.root);
    const transactions = vi.spyOn(engine.store, 'transaction');
    const writes = [
      'updateStep',
      'startAttempt',
      'attemptProcess',
      'finishAttempt',
      'recordTest',
      'finishStep',
    ] as const;
    const spies = writes.map((method) => vi.spyOn(engine.store, method));
    const metrics = vi.spyOn(engine.store.monitoring, 'recordMetrics');
    const { run } = await engine.run({ maxParallel: 2, noCache: true });
    expect(run.status).toBe('succeeded');
    const written = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) + metrics.mock.calls.length;
    // Per step: attempt started, its process, attempt finished, test, metrics, step finished.
    expect(written).toBe(STEPS * 6);
    // At most one per tick a step has: its start, its process, its attempt's end, its test's end
    // (steps running side by side share theirs); one per write would be STEPS * 6.
    expect(transactions.mock.calls.length).toBeGreaterThan(0);
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(STEPS * 4);
  });

  it('starts a step beside one that succeeded in the transaction that records its end', async () => {
    // Steps side by side, one place: nothing a step does builds on the end of the one before,
    // so its start need not wait a tick for that end to commit.
    const steps = Array.from({ length: 6 }, (_, index) => `  s${index}:\n    run: sleep 0.05\n`).join('');
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', steps) });
    engine = await engineFor(workspace.root);
    const { store } = engine;
    const commit = store.transaction.bind(store);
    let count = 0;
    let current: number | null = null;
    vi.spyOn(store, 'transaction').mockImplementation((work) => {
      count += 1;
      current = count;
      try {
        return commit(work);
      } finally {
        current = null;
      }
    });
    const started = new Map<string, number | null>();
    const finished = new Map<string, number | null>();
    const startAttempt = store.startAttempt.bind(store);
    vi.spyOn(store, 'startAttempt').mockImplementation((runId, step, at) => {
      started.set(step.id, current);
      startAttempt(runId, step, at);
    });
    const finishStep = store.finishStep.bind(store);
    vi.spyOn(store, 'finishStep').mockImplementation((runId, step, ...rest) => {
      finished.set(step.id, current);
      finishStep(runId, step, ...rest);
    });
    const { run } = await engine.run({ maxParallel: 1, noCache: true });
    expect(run.steps.map((step) => step.status)).toEqual(Array.from({ length: 6 }, () => 'succeeded'));
    const ids = run.steps.map((step) => step.id);
    const together = ids.slice(1).map((id, index) => ({
      start: started.get(id),
      endBefore: finished.get(ids[index] ?? ''),
    }));
    expect(together.every(({ start }) => typeof start === 'number')).toBe(true);
    expect(together.filter(({ start, endBefore }) => start !== endBefore)).toEqual([]);
  });

  it('records a cached layer of steps without tests in a tick or two, whatever the parallel limit', async () => {
    // Ten steps side by side, no tests: with one place, one step per tick would be ten ticks.
    const steps = Array.from({ length: 10 }, (_, index) => `  s${index}:\n    run: echo ${index}\n`).join('');
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', steps) });
    engine = await engineFor(workspace.root);
    expect((await engine.run({ maxParallel: 1 })).run.status).toBe('succeeded');
    const transactions = vi.spyOn(engine.store, 'transaction');
    const { run } = await engine.run({ maxParallel: 1 });
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step) => step.status)).toEqual(Array.from({ length: 10 }, () => 'cached'));
    expect(transactions.mock.calls.length).toBeGreaterThan(0);
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
