// The schedules as the Production view and `schedule list` see them, on a real repository
// tagged with the git CLI and runs started by the scheduler.
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/cli-process.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { gitCli } from '../../testing/git-cli.js';
import { scheduledWorkspace } from '../../testing/scheduled-workspace.js';
import type { ScheduledWorkspace } from '../../testing/scheduled-workspace.js';
import { Scheduler } from './scheduler.js';
import { ScheduleError, ScheduleService } from './schedule-service.js';

let fixture: ScheduledWorkspace | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const SCHEDULES = (gate: string) => `  nightly:
    pipeline: gated
    cron: "0 6 * * *"
    timezone: Europe/Berlin
    params: { gate: ${JSON.stringify(gate)} }
  weekly:
    pipeline: gated
    cron: "0 7 * * 1"
    ref: experiment
`;

describe('schedule service', () => {
  it('lists each schedule with its next occurrence, last outcome, runs, commit and release', async () => {
    fixture = await scheduledWorkspace(SCHEDULES);
    const { files, workspace, store, engine } = fixture;
    files.write('gate', 'open');
    gitCli(files.root, 'tag', '-a', 'release-1', '-m', 'first release');
    gitCli(files.root, 'tag', 'release-notes');
    const commit = gitCli(files.root, 'rev-parse', 'main').trim();

    const clock = new FakeClock(Date.parse('2025-03-30T03:00:00Z'));
    let finished = 0;
    const scheduler = new Scheduler({
      workspace,
      store,
      engine,
      clock,
      onEvent: (event) => {
        if (event.type === 'run-finished') finished += 1;
      },
    });
    scheduler.start();
    await clock.advance('2025-03-30T04:00:00Z');
    await waitFor(() => finished === 1, 'the scheduled run to finish');
    await scheduler.stop();

    const service = new ScheduleService(workspace, store);
    const [nightly, weekly] = await service.list(Date.parse('2025-03-30T12:00:00Z'));
    expect(nightly).toMatchObject({
      name: 'nightly',
      pipeline: 'gated',
      environment: null,
      cron: '0 6 * * *',
      timezone: 'Europe/Berlin',
      ref: 'main',
      overlap: 'skip',
      catchUp: 'once',
      paused: false,
      next: Date.parse('2025-03-31T04:00:00Z'),
      last: { occurrence: Date.parse('2025-03-30T04:00:00Z'), outcome: 'started', status: 'succeeded' },
      commit,
      release: 'release-1',
    });
    expect(nightly?.recentRuns).toHaveLength(1);
    expect(nightly?.recentRuns[0]).toMatchObject({
      id: nightly?.last?.runId,
      status: 'succeeded',
      gitCommit: commit,
      trigger: { kind: 'schedule', name: 'nightly' },
      steps: { succeeded: 1 },
    });
    // A ref that names nothing yet: no commit, no release, no runs.
    expect(weekly).toMatchObject({
      name: 'weekly',
      ref: 'experiment',
      commit: null,
      release: null,
      last: null,
      recentRuns: [],
      next: Date.parse('2025-03-31T07:00:00Z'),
    });
  });

  it('pauses and resumes a schedule, and names the schedule meant for an unknown one', async () => {
    fixture = await scheduledWorkspace(SCHEDULES);
    const service = new ScheduleService(fixture.workspace, fixture.store);
    service.setPaused('nightly', true);
    expect((await service.list()).map((schedule) => [schedule.name, schedule.paused])).toEqual([
      ['nightly', true],
      ['weekly', false],
    ]);
    service.setPaused('nightly', false);
    expect((await service.list())[0]?.paused).toBe(false);
    expect(() => service.setPaused('nigthly', true)).toThrow(ScheduleError);
    expect(() => service.setPaused('nigthly', true)).toThrow(
      'no schedule named "nigthly" (did you mean "nightly"?); schedules: nightly, weekly',
    );
  });
});
