// A scheduler that dies between claiming an occurrence and starting its run: the next scheduler
// on the workspace takes the claim over and runs it (or records it missed when a later
// occurrence is due), with real runs of a real git repository through the engine.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/cli-process.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { scheduledWorkspace } from '../../testing/scheduled-workspace.js';
import type { ScheduledWorkspace } from '../../testing/scheduled-workspace.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerEvent } from './scheduler.js';
import { ScheduleStore } from './schedule-store.js';

const at = (iso: string) => Date.parse(iso);
const NIGHTLY = (gate: string) => `  nightly:
    pipeline: gated
    cron: "0 6 * * *"
    timezone: Europe/Berlin
    params: { gate: ${JSON.stringify(gate)} }
`;

/** The identity of a real process that has exited, as a scheduler killed after its claim leaves it. */
function deadScheduler() {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return { host: hostname(), pid: Number(child.stdout), started: 'started before it died' };
}

let fixture: ScheduledWorkspace | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop({ cancelRuns: true });
  await fixture?.close();
  scheduler = undefined;
  fixture = undefined;
});

async function setUp(now: string) {
  fixture = await scheduledWorkspace(NIGHTLY);
  fixture.files.write('gate', 'open');
  const clock = new FakeClock(at(now));
  const events: SchedulerEvent[] = [];
  const { workspace, store, engine } = fixture;
  scheduler = new Scheduler({ workspace, store, engine, clock, owner: 'test', onEvent: (event) => events.push(event) });
  const claims = new ScheduleStore(store.database);
  const claimsOfDead = new ScheduleStore(store.database, deadScheduler());
  const finished = () => events.filter((event) => event.type === 'run-finished');
  return { scheduler, clock, events, claims, claimsOfDead, finished };
}

describe('a scheduler that died between claim and run', () => {
  it('leaves its occurrence to the next scheduler, which runs it', async () => {
    const { scheduler, clock, claims, claimsOfDead, finished } = await setUp('2025-03-30T04:30:00Z');
    claimsOfDead.claim('nightly', at('2025-03-30T04:00:00Z'), 'killed:1', 'started', at('2025-03-30T04:00:00Z'));
    scheduler.start();
    await clock.sleeping();
    await waitFor(() => finished().length === 1, 'the run of the orphaned occurrence');
    const claim = claims.lastClaim('nightly');
    expect(claim).toMatchObject({
      occurrence: at('2025-03-30T04:00:00Z'),
      outcome: 'started',
      claimedBy: 'test',
      runStatus: 'succeeded',
      message: null,
    });
    expect(claim?.runId).toEqual(expect.any(String));
    expect(claims.claims('nightly', 10)).toHaveLength(1);
  });

  it('records it missed, with the reason, when a later occurrence is due, and runs that one', async () => {
    const { scheduler, clock, claims, claimsOfDead, finished } = await setUp('2025-03-31T04:30:00Z');
    claimsOfDead.claim('nightly', at('2025-03-30T04:00:00Z'), 'killed:1', 'started', at('2025-03-30T04:00:00Z'));
    scheduler.start();
    await clock.sleeping();
    await waitFor(() => finished().length === 1, 'the run of the latest occurrence');
    const [latest, orphaned] = claims.claims('nightly', 10);
    expect(orphaned).toMatchObject({ occurrence: at('2025-03-30T04:00:00Z'), outcome: 'missed', runId: null });
    expect(orphaned?.message).toBe(
      'the scheduler that claimed it stopped before its run started; a later occurrence is due',
    );
    expect(latest).toMatchObject({
      occurrence: at('2025-03-31T04:00:00Z'),
      outcome: 'started',
      runStatus: 'succeeded',
    });
  });

  it('leaves alone a claim whose scheduler is alive and still starting its run', async () => {
    const { scheduler, clock, claims, events } = await setUp('2025-03-30T04:30:00Z');
    claims.claim('nightly', at('2025-03-30T04:00:00Z'), 'another scheduler', 'started', at('2025-03-30T04:00:00Z'));
    scheduler.start();
    await clock.sleeping();
    expect(claims.claims('nightly', 10)).toEqual([
      expect.objectContaining({ outcome: 'started', claimedBy: 'another scheduler', runId: null }),
    ]);
    expect(events).toEqual([]);
  });
});
