// A run ends in a recorded state whatever goes wrong around its steps: a process that cannot
// start, a store that refuses a write (SQLite busy, a full disk), a listener that throws. The
// engine runs in this process on a real workspace with real step processes; the store is the
// real one, made to throw at the chosen moment. An unhandled rejection fails the test file.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineFor } from '../../testing/engine-run.js';
import type { EngineUnderTest } from '../../testing/engine-run.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { LocalRunner } from './local-runner.js';

let workspace: TempWorkspace;
let engine: EngineUnderTest;
afterEach(async () => {
  await engine?.close();
  workspace?.remove();
});

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

const TWO_STEPS = pipelineYaml(
  'p',
  `  first:
    run: echo one > one.txt
    outputs: [one.txt]
  second:
    run: cat one.txt
    inputs: [one.txt]
`,
);

describe('a step that cannot start', () => {
  it('is retried like any failed attempt and ends failed with the start error', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  a:\n    run: "true"\n    retries: 2\n    retry_delay: 10ms\n  b:\n    run: "true"\n    needs: [a]\n',
      ),
    });
    engine = await engineFor(workspace.root, { runner: new LocalRunner({ shell: '/nonexistent/sh' }) });
    const { run } = await engine.run();
    expect(run.status).toBe('failed');
    expect(run.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['a', 'failed', 3],
      ['b', 'skipped', 0],
    ]);
    expect(run.steps[0]?.message).toMatch(/could not start: .*ENOENT/);
    const attempts = engine.events
      .filter((event) => event.type === 'step-status' && event.step.id === 'a')
      .map((event) => event.type === 'step-status' && event.step.status);
    expect(attempts.at(-1)).toBe('failed');
    expect(engine.store.getRun(run.id)?.steps[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });
});

describe('a store that refuses a write', () => {
  it('when an attempt starts: the run ends failed with the reason, recorded', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    vi.spyOn(engine.store, 'startAttempt').mockImplementationOnce(() => {
      throw busy();
    });
    const { run } = await engine.run();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringContaining('database is locked') });
    const recorded = engine.store.getRun(run.id);
    expect(recorded).toMatchObject({ status: 'failed', message: expect.stringContaining('database is locked') });
    expect(recorded?.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
  });

  it('when a step finishes: the run ends failed with the reason, recorded', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    vi.spyOn(engine.store, 'finishStep').mockImplementationOnce(() => {
      throw diskFull();
    });
    const { run } = await engine.run();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringContaining('database or disk is full') });
    expect(engine.store.getRun(run.id)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('database or disk is full'),
    });
    expect(engine.store.getRun(run.id)?.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
  });

  it('for every write of a step: the run still ends, failed, and says why', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    vi.spyOn(engine.store, 'updateStep').mockImplementation(() => {
      throw diskFull();
    });
    vi.spyOn(engine.store, 'startAttempt').mockImplementation(() => {
      throw diskFull();
    });
    const { run } = await engine.run();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringContaining('database or disk is full') });
    expect(run.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
    vi.restoreAllMocks();
    // The final write carries every step's last state, so the record agrees with what was reported.
    expect(engine.store.getRun(run.id)?.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
  });

  it('when the run finishes: the first refusal is retried and the run recorded failed', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    vi.spyOn(engine.store, 'finishRun').mockImplementationOnce(() => {
      throw busy();
    });
    const { run } = await engine.run();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringContaining('database is locked') });
    expect(engine.store.getRun(run.id)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('database is locked'),
    });
  });

  it('when nothing can be written any more: the run still settles, with the reason', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    const handle = await engine.start();
    for (const method of [
      'updateStep',
      'startAttempt',
      'finishAttempt',
      'finishStep',
      'finishRun',
      'getRun',
      'recordTest',
    ] as const) {
      vi.spyOn(engine.store, method).mockImplementation(() => {
        throw diskFull();
      });
    }
    const { run } = await handle.done;
    expect(run).toMatchObject({
      id: handle.runId,
      status: 'failed',
      message: expect.stringContaining('database or disk is full'),
    });
  });
});

describe('a listener that throws', () => {
  it('does not stop the run or the other listeners', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    engine = await engineFor(workspace.root);
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    engine.engine.onEvent(() => {
      throw new Error('the window is gone');
    });
    const { run } = await engine.run();
    expect(run.status).toBe('succeeded');
    expect(engine.events.at(-1)?.type).toBe('run-finished');
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('the window is gone'));
  });
});

describe('a run id already taken', () => {
  it('is drawn again, so two runs never share a record', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': TWO_STEPS });
    const draws = ['20261126-063012-345-aaaaaaaa', '20261126-063012-345-aaaaaaaa', '20261126-063012-345-bbbbbbbb'];
    engine = await engineFor(workspace.root, { runIds: () => draws.shift() as string });
    const first = await engine.run();
    const second = await engine.run({ noCache: true });
    expect([first.run.id, second.run.id]).toEqual(['20261126-063012-345-aaaaaaaa', '20261126-063012-345-bbbbbbbb']);
    expect(engine.store.listRuns({ limit: 5 }).map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  });
});
