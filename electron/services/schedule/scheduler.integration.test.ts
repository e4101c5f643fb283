// The scheduler on an injected clock: occurrences in a time zone, catch-up, pauses and start
// failures, with real runs of a real git repository through the engine.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/run/run-types.js';
import { waitFor } from '../../testing/cli-process.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { gitCli } from '../../testing/git-cli.js';
import { scheduledWorkspace } from '../../testing/scheduled-workspace.js';
import type { ScheduledWorkspace } from '../../testing/scheduled-workspace.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerEvent } from './scheduler.js';
import { ScheduleStore } from './schedule-store.js';

const at = (iso: string) => Date.parse(iso);

let fixture: ScheduledWorkspace | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop({ cancelRuns: true });
  await fixture?.close();
  scheduler = undefined;
  fixture = undefined;
});

async function setUp(schedules: (gate: string) => string, now: string, maxSleepMs?: number) {
  fixture = await scheduledWorkspace(schedules);
  const clock = new FakeClock(at(now));
  const events: SchedulerEvent[] = [];
  const { workspace, store, engine } = fixture;
  scheduler = new Scheduler({
    workspace,
    store,
    engine,
    clock,
    owner: 'test',
    onEvent: (event) => events.push(event),
    ...(maxSleepMs ? { maxSleepMs } : {}),
  });
  const claims = new ScheduleStore(store.database);
  const outcomes = (name: string) =>
    claims
      .claims(name, 100)
      .reverse()
      .map((claim) => [new Date(claim.occurrence).toISOString(), claim.outcome]);
  const finished = (count: number) =>
    events
      .filter((event): event is Extract<SchedulerEvent, { type: 'run-finished' }> => event.type === 'run-finished')
      .slice(0, count);
  const waitForRuns = async (count: number): Promise<RunSummary[]> => {
    await waitFor(() => finished(count).length === count, `${count} finished scheduled run(s)`);
    return finished(count).map((event) => event.run);
  };
  return { fixture, scheduler, clock, events, claims, outcomes, waitForRuns };
}

const NIGHTLY = (gate: string) => `  nightly:
    pipeline: gated
    cron: "0 6 * * *"
    timezone: Europe/Berlin
    params: { gate: ${JSON.stringify(gate)}, note: from-schedule }
`;

describe('scheduler', () => {
  it('sleeps until the next occurrence in its time zone, across the change to summer time', async () => {
    const { scheduler, clock } = await setUp(NIGHTLY, '2025-03-29T12:00:00Z', 7 * 24 * 3600_000);
    scheduler.start();
    await clock.sleeping();
    // 06:00 in Berlin is 04:00 UTC from 30 March (CEST), 05:00 UTC before it (CET).
    expect(new Date(clock.wakesAt ?? 0).toISOString()).toBe('2025-03-30T04:00:00.000Z');
  });

  it('starts a due occurrence as an ordinary run of the ref, marked scheduled, with its commit and params', async () => {
    const { fixture, scheduler, clock, outcomes, waitForRuns, events } = await setUp(
      NIGHTLY,
      '2025-03-30T03:00:00Z',
      7 * 24 * 3600_000,
    );
    fixture.files.write('gate', 'open');
    // The working tree holds an uncommitted, broken edit: the schedule runs what main holds.
    fixture.files.write('pipelines/gated.pipeline.yaml', 'version: 1\nname: gated\nsteps: [broken\n');
    scheduler.start();
    await clock.advance('2025-03-30T03:59:59Z');
    expect(outcomes('nightly')).toEqual([]);
    await clock.advance('2025-03-30T04:00:00Z');
    const [run] = await waitForRuns(1);
    expect(outcomes('nightly')).toEqual([['2025-03-30T04:00:00.000Z', 'started']]);
    expect(run).toMatchObject({
      pipeline: 'gated',
      status: 'succeeded',
      ref: 'main',
      gitBranch: 'main',
      gitCommit: gitCli(fixture.files.root, 'rev-parse', 'main').trim(),
      trigger: { kind: 'schedule', name: 'nightly' },
    });
    expect(run?.params.note).toMatchObject({ value: 'from-schedule', source: 'schedule' });
    expect(events.find((event) => event.type === 'occurrence')).toMatchObject({
      outcome: 'started',
      runId: run?.id,
      schedule: 'nightly',
    });
  });

  it('catch_up once: after days without a scheduler, runs once for the latest missed time and records the others missed', async () => {
    const { scheduler, clock, claims, outcomes, waitForRuns } = await setUp(NIGHTLY, '2025-03-30T09:00:00Z');
    fixture?.files.write('gate', 'open');
    claims.claim('nightly', at('2025-03-27T05:00:00Z'), 'an earlier scheduler', 'started', at('2025-03-27T05:00:00Z'));
    scheduler.start();
    await clock.sleeping();
    await waitForRuns(1);
    expect(outcomes('nightly')).toEqual([
      ['2025-03-27T05:00:00.000Z', 'started'],
      ['2025-03-28T05:00:00.000Z', 'missed'],
      ['2025-03-29T05:00:00.000Z', 'missed'],
      ['2025-03-30T04:00:00.000Z', 'started'],
    ]);
  });

  it('catch_up none: occurrences missed while no scheduler ran are recorded missed and not run', async () => {
    const { scheduler, clock, claims, outcomes, events } = await setUp(
      (gate) => NIGHTLY(gate).replace('timezone:', 'catch_up: none\n    timezone:'),
      '2025-03-30T09:00:00Z',
    );
    claims.claim('nightly', at('2025-03-28T05:00:00Z'), 'an earlier scheduler', 'started', at('2025-03-28T05:00:00Z'));
    scheduler.start();
    await clock.sleeping();
    expect(outcomes('nightly')).toEqual([
      ['2025-03-28T05:00:00.000Z', 'started'],
      ['2025-03-29T05:00:00.000Z', 'missed'],
      ['2025-03-30T04:00:00.000Z', 'missed'],
    ]);
    expect(events).toEqual([
      {
        type: 'missed',
        schedule: 'nightly',
        occurrences: [at('2025-03-29T05:00:00Z'), at('2025-03-30T04:00:00Z')],
        timezone: 'Europe/Berlin',
        outcome: 'missed',
        more: false,
      },
    ]);
    // The next day runs as usual.
    await clock.advance('2025-03-31T04:00:00Z');
    expect(outcomes('nightly').at(-1)).toEqual(['2025-03-31T04:00:00.000Z', 'started']);
  });

  it('does not run a schedule first seen after its time: a new schedule starts from now', async () => {
    const { scheduler, clock, outcomes } = await setUp(NIGHTLY, '2025-03-30T09:00:00Z');
    scheduler.start();
    await clock.sleeping();
    expect(outcomes('nightly')).toEqual([]);
  });

  it('records the occurrences of a paused schedule as skipped-paused, and runs again once resumed', async () => {
    const { fixture, scheduler, clock, claims, outcomes, waitForRuns } = await setUp(NIGHTLY, '2025-03-30T03:00:00Z');
    fixture.files.write('gate', 'open');
    claims.setPaused('nightly', true, at('2025-03-30T03:00:00Z'));
    scheduler.start();
    await clock.advance('2025-03-30T04:00:00Z');
    expect(outcomes('nightly')).toEqual([['2025-03-30T04:00:00.000Z', 'skipped-paused']]);
    claims.setPaused('nightly', false, at('2025-03-30T05:00:00Z'));
    await clock.advance('2025-03-31T04:00:00Z');
    await waitForRuns(1);
    expect(outcomes('nightly')).toEqual([
      ['2025-03-30T04:00:00.000Z', 'skipped-paused'],
      ['2025-03-31T04:00:00.000Z', 'started'],
    ]);
  });

  it('records a run that cannot start as failed-to-start with the reason, and keeps scheduling', async () => {
    const { scheduler, clock, outcomes, events, claims } = await setUp(
      (gate) => `${NIGHTLY(gate)}  typo:
    pipeline: gatd
    cron: "0 6 * * *"
  elsewhere:
    pipeline: gated
    cron: "0 6 * * *"
    ref: no-such-branch
`,
      '2025-03-30T05:00:00Z',
    );
    scheduler.start();
    await clock.advance('2025-03-30T06:00:00Z');
    expect(outcomes('typo')).toEqual([['2025-03-30T06:00:00.000Z', 'failed-to-start']]);
    expect(outcomes('elsewhere')).toEqual([['2025-03-30T06:00:00.000Z', 'failed-to-start']]);
    const failures = events.filter((event) => event.type === 'occurrence' && event.outcome === 'failed-to-start');
    expect(failures.map((event) => event.type === 'occurrence' && event.message)).toEqual([
      expect.stringContaining('no pipeline named "gatd"'),
      expect.stringContaining('no-such-branch'),
    ]);
    expect(claims.lastClaim('typo')?.message).toContain('no pipeline named "gatd"');
  });

  it('reports an invalid schedule once and goes on with the others', async () => {
    const { fixture, scheduler, clock, events, outcomes } = await setUp(
      (gate) => `${NIGHTLY(gate)}  broken:
    pipeline: gated
    cron: "0 25 * * *"
`,
      '2025-03-30T03:00:00Z',
    );
    fixture.files.write('gate', 'open');
    scheduler.start();
    await clock.advance('2025-03-30T03:30:00Z');
    await clock.advance('2025-03-30T04:00:00Z');
    expect(events.filter((event) => event.type === 'problem')).toEqual([
      {
        type: 'problem',
        schedule: 'broken',
        message: expect.stringContaining('invalid cron expression "0 25 * * *": Invalid value for hour: 25'),
      },
    ]);
    expect(outcomes('nightly')).toEqual([['2025-03-30T04:00:00.000Z', 'started']]);
  });

  it('picks up a schedule added to pipewright.yaml while it runs', async () => {
    const { fixture, scheduler, clock, outcomes } = await setUp(NIGHTLY, '2025-03-30T03:00:00Z');
    fixture.files.write('gate', 'open');
    scheduler.start();
    await clock.sleeping();
    fixture.files.write(
      'pipewright.yaml',
      `${fixture.workspace.settingsText}  hourly:\n    pipeline: gated\n    cron: "0 * * * *"\n    params: { gate: ${JSON.stringify(fixture.gate)} }\n`,
    );
    fixture.workspace.reloadSettings();
    scheduler.wake();
    await clock.sleeping();
    await clock.advance('2025-03-30T04:00:00Z');
    expect(outcomes('hourly')).toEqual([['2025-03-30T04:00:00.000Z', 'started']]);
  });
});
