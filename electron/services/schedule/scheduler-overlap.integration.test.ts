// The scheduler when runs overlap, when two schedulers share a workspace, and when it stops:
// an injected clock, real runs that end when the test opens their gate.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { PipelineEngine } from '../engine/pipeline-engine.js';
import { RunStore } from '../store/run-store.js';
import { waitFor } from '../../testing/cli-process.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { scheduledWorkspace } from '../../testing/scheduled-workspace.js';
import type { ScheduledWorkspace } from '../../testing/scheduled-workspace.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerEvent } from './scheduler.js';
import { ScheduleStore } from './schedule-store.js';

const START = '2025-05-01T10:00:00.500Z';
const second = (n: number) => `2025-05-01T10:00:${String(n).padStart(2, '0')}.000Z`;

let fixture: ScheduledWorkspace | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fixture?.close();
  fixture = undefined;
});

const everySecond = (overlap: 'skip' | 'queue') => (gate: string) => `  often:
    pipeline: gated
    cron: "* * * * * *"
    overlap: ${overlap}
    params: { gate: ${JSON.stringify(gate)} }
`;

function schedulerOn(fixture: ScheduledWorkspace, owner: string, store = fixture.store, engine = fixture.engine) {
  const clock = new FakeClock(Date.parse(START));
  const events: SchedulerEvent[] = [];
  const scheduler = new Scheduler({
    workspace: fixture.workspace,
    store,
    engine,
    clock,
    owner,
    onEvent: (event) => events.push(event),
  });
  cleanups.push(() => scheduler.stop({ cancelRuns: true }));
  const finishedRuns = () => events.filter((event) => event.type === 'run-finished').length;
  return { scheduler, clock, events, finishedRuns };
}

function outcomesOf(store: RunStore, name = 'often'): Array<[string, string]> {
  return new ScheduleStore(store.database)
    .claims(name, 100)
    .reverse()
    .map((claim) => [new Date(claim.occurrence).toISOString(), claim.outcome]);
}

describe('scheduler overlap', () => {
  it('overlap skip: an occurrence while the previous run goes on is skipped-overlap', async () => {
    fixture = await scheduledWorkspace(everySecond('skip'));
    const { scheduler, clock, finishedRuns } = schedulerOn(fixture, 'test');
    scheduler.start();
    await clock.advance(second(1));
    await clock.advance(second(2));
    expect(outcomesOf(fixture.store)).toEqual([
      [second(1), 'started'],
      [second(2), 'skipped-overlap'],
    ]);
    writeFileSync(fixture.gate, 'open');
    await waitFor(() => finishedRuns() === 1, 'the first run to finish');
    await clock.advance(second(3));
    await waitFor(() => finishedRuns() === 2, 'the second run to finish');
    expect(outcomesOf(fixture.store)).toEqual([
      [second(1), 'started'],
      [second(2), 'skipped-overlap'],
      [second(3), 'started'],
    ]);
  });

  it('overlap queue: the occurrence waits for the previous run and starts when it ends; a later one supersedes it', async () => {
    fixture = await scheduledWorkspace(everySecond('queue'));
    const { scheduler, clock, events, finishedRuns } = schedulerOn(fixture, 'test');
    scheduler.start();
    await clock.advance(second(1));
    await clock.advance(second(2));
    expect(events.filter((event) => event.type === 'queued')).toMatchObject([
      { schedule: 'often', occurrence: Date.parse(second(2)) },
    ]);
    expect(outcomesOf(fixture.store)).toEqual([[second(1), 'started']]);
    await clock.advance(second(3));
    expect(outcomesOf(fixture.store)).toEqual([
      [second(1), 'started'],
      [second(2), 'missed'],
    ]);
    writeFileSync(fixture.gate, 'open');
    await waitFor(() => finishedRuns() === 2, 'the first and the queued run to finish');
    expect(outcomesOf(fixture.store)).toEqual([
      [second(1), 'started'],
      [second(2), 'missed'],
      [second(3), 'started'],
    ]);
    const runs = fixture.store.listRuns();
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('two schedulers on one workspace start each occurrence once', async () => {
    fixture = await scheduledWorkspace(everySecond('skip'));
    writeFileSync(fixture.gate, 'open');
    // The second scheduler has its own connection to the state database, as another process would.
    const otherStore = new RunStore(fixture.store.database.name);
    const otherEngine = new PipelineEngine({ workspace: fixture.workspace, store: otherStore });
    cleanups.push(async () => {
      await otherEngine.close();
      otherStore.close();
    });
    const a = schedulerOn(fixture, 'a');
    const b = schedulerOn(fixture, 'b', otherStore, otherEngine);
    a.scheduler.start();
    b.scheduler.start();
    for (let n = 1; n <= 6; n += 1) {
      await Promise.all([a.clock.advance(second(n)), b.clock.advance(second(n))]);
      await waitFor(
        () =>
          a.finishedRuns() + b.finishedRuns() ===
          outcomesOf(fixture?.store as RunStore).filter(([, outcome]) => outcome === 'started').length,
        'the started runs to finish',
      );
    }
    const claims = new ScheduleStore(fixture.store.database).claims('often', 100);
    expect(claims.map((claim) => new Date(claim.occurrence).toISOString()).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map(second),
    );
    const started = claims.filter((claim) => claim.outcome === 'started');
    const runs = fixture.store.listRuns({ limit: 100 });
    expect(runs).toHaveLength(started.length);
    expect(new Set(started.map((claim) => claim.runId))).toEqual(new Set(runs.map((run) => run.id)));
  });

  it('stop() leaves a started run going; stop({ cancelRuns }) cancels it and waits for it', async () => {
    fixture = await scheduledWorkspace(everySecond('skip'));
    const first = schedulerOn(fixture, 'test');
    first.scheduler.start();
    await first.clock.advance(second(1));
    await first.scheduler.stop();
    expect(first.clock.wakesAt).toBeNull();
    expect(fixture.store.listRuns().map((run) => run.status)).toEqual(['running']);
    writeFileSync(fixture.gate, 'open');
    await waitFor(() => first.finishedRuns() === 1, 'the run to finish after its scheduler stopped');
    rmSync(fixture.gate);

    const later = schedulerOn(fixture, 'test');
    later.scheduler.start();
    await later.clock.advance(second(5));
    expect(outcomesOf(fixture.store).at(-1)).toEqual([second(5), 'started']);
    await later.scheduler.stop({ cancelRuns: true });
    expect(fixture.store.listRuns().map((run) => run.status)).toEqual(['cancelled', 'succeeded']);
  });
});
