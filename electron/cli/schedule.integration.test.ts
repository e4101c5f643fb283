// `pipewright schedule` end to end: the built CLI's scheduler in real time on a real git
// repository, stopped by signals, two of them on one workspace, and list/pause/resume.
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleOverview } from '../../shared/journeys/journey-types.js';
import type { RunListItem } from '../../shared/run/run-types.js';
import { ScheduleStore } from '../services/schedule/schedule-store.js';
import { RunStore } from '../services/store/run-store.js';
import { runCli, startCli, waitFor } from '../testing/cli-process.js';
import type { CliProcess } from '../testing/cli-process.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import { GATED_PIPELINE } from '../testing/scheduled-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace | undefined;
const processes: CliProcess[] = [];
afterEach(async () => {
  for (const process of processes.splice(0)) {
    if (process.child.exitCode === null) process.child.kill('SIGKILL');
    await process.result;
  }
  workspace?.remove();
  workspace = undefined;
});

/** A repository whose committed pipewright.yaml runs `gated` every second; its runs end while `gate` exists. */
function everySecondWorkspace(): TempWorkspace {
  const files = tempRepository({ 'pipelines/gated.pipeline.yaml': GATED_PIPELINE });
  files.write(
    'pipewright.yaml',
    `version: 1
schedules:
  often:
    pipeline: gated
    cron: "* * * * * *"
    params: { gate: ${JSON.stringify(files.path('gate'))} }
`,
  );
  gitCli(files.root, 'commit', '-q', '-am', 'schedule gated every second');
  writeFileSync(files.path('gate'), 'open');
  return files;
}

function scheduler(root: string): CliProcess {
  const process = startCli(['schedule', 'run'], root);
  processes.push(process);
  return process;
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

async function runsOf(root: string): Promise<RunListItem[]> {
  const result = await runCli(['runs', 'list', '--json', '--limit', '1000'], root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunListItem[];
}

describe('pipewright schedule', () => {
  it('schedule run: a schedule every second runs at least twice, and SIGINT cancels the run going and exits 0', async () => {
    workspace = everySecondWorkspace();
    const running = scheduler(workspace.root);
    await waitFor(() => count(running.output(), /often: ✓ succeeded gated run/) >= 2, 'two scheduled runs to succeed');
    // Closing the gate makes the next run wait (the ones after it are skipped): the signal finds it going.
    rmSync(workspace.path('gate'));
    const seen = running.output().length;
    await waitFor(
      () => running.output().slice(seen).includes('often: skipped: the previous run was still going'),
      'a run that waits for the gate',
    );
    running.child.kill('SIGINT');
    const result = await running.result;
    expect(result.code, result.stderr).toBe(0);
    const cancelled = /stopping: cancelling run (\S+)\n/.exec(result.stdout)?.[1];
    expect(result.stdout).toContain(`often: ⊘ cancelled gated run ${String(cancelled)}`);
    expect(result.stdout).toMatch(/\nscheduler stopped\n$/);

    const runs = await runsOf(workspace.root);
    expect(runs.filter((run) => run.status === 'running')).toEqual([]);
    expect(runs.filter((run) => run.status === 'succeeded').length).toBeGreaterThanOrEqual(2);
    expect(runs[0]).toMatchObject({ id: cancelled, status: 'cancelled' });
    const commit = gitCli(workspace.root, 'rev-parse', 'main').trim();
    for (const run of runs)
      expect(run).toMatchObject({
        pipeline: 'gated',
        ref: 'main',
        gitCommit: commit,
        trigger: { kind: 'schedule', name: 'often' },
      });
  });

  it('two schedulers on one workspace start every occurrence exactly once', async () => {
    workspace = everySecondWorkspace();
    const first = scheduler(workspace.root);
    const second = scheduler(workspace.root);
    await waitFor(
      () => [first, second].every((process) => process.output().includes('scheduler started')),
      'both schedulers to start',
    );
    const state = new RunStore(workspace.path('.pipewright/state.db'));
    try {
      const claims = new ScheduleStore(state.database);
      const bothWatching = Date.now();
      await waitFor(
        () => claims.claims('often', 1000).filter((claim) => claim.occurrence > bothWatching).length >= 4,
        'four occurrences claimed while both ran',
      );
      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
      expect((await first.result).code).toBe(0);
      expect((await second.result).code).toBe(0);

      const all = claims.claims('often', 1000);
      const started = all.filter((claim) => claim.outcome === 'started');
      expect(started.length).toBeGreaterThanOrEqual(2);
      // A claim is one row per occurrence (the key); what must hold is one run per started occurrence.
      expect(new Set(all.map((claim) => claim.occurrence)).size).toBe(all.length);
      const runs = await runsOf(workspace.root);
      expect(runs).toHaveLength(started.length);
      expect(new Set(started.map((claim) => claim.runId))).toEqual(new Set(runs.map((run) => run.id)));
      const lines = `${(await first.result).stdout}${(await second.result).stdout}`;
      expect(count(lines, /often: started run/)).toBe(started.length);
    } finally {
      state.close();
    }
  });

  it('schedule list shows next and last; pause and resume by name; an unknown name is a usage error', async () => {
    workspace = everySecondWorkspace();
    const running = scheduler(workspace.root);
    await waitFor(() => count(running.output(), /often: ✓ succeeded gated run/) >= 1, 'a scheduled run to succeed');
    running.child.kill('SIGTERM');
    expect((await running.result).code).toBe(0);

    const listed = await runCli(['schedule', 'list', '--json'], workspace.root);
    expect(listed.code, listed.stderr).toBe(0);
    const [often] = JSON.parse(listed.stdout) as ScheduleOverview[];
    expect(often).toMatchObject({
      name: 'often',
      pipeline: 'gated',
      ref: 'main',
      cron: '* * * * * *',
      timezone: 'UTC',
      paused: false,
    });
    expect(often?.last?.occurrence).toEqual(expect.any(Number));
    expect(often?.next).toBeGreaterThan(often?.last?.occurrence ?? Infinity);
    expect(often?.commit).toBe(gitCli(workspace.root, 'rev-parse', 'main').trim());

    expect(await runCli(['schedule', 'pause', 'often'], workspace.root)).toMatchObject({ code: 0 });
    const text = await runCli(['schedule', 'list'], workspace.root);
    expect(text.stdout).toMatch(/^SCHEDULE\s+PIPELINE\s+REF\s+ENV\s+WHEN\s+NEXT\s+LAST\n/);
    expect(text.stdout).toMatch(/often \(paused\)\s+gated\s+main\s+-\s+\* \* \* \* \* \* UTC/);
    expect(await runCli(['schedule', 'resume', 'often'], workspace.root)).toMatchObject({ code: 0 });
    expect(
      (JSON.parse((await runCli(['schedule', 'list', '--json'], workspace.root)).stdout) as ScheduleOverview[])[0]
        ?.paused,
    ).toBe(false);

    const unknown = await runCli(['schedule', 'pause', 'ofte'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no schedule named "ofte" (did you mean "often"?); schedules: often');
  });

  it('has --help on each schedule command', async () => {
    workspace = everySecondWorkspace();
    for (const command of ['list', 'run', 'pause', 'resume']) {
      const help = await runCli(['schedule', command, '--help'], workspace.root);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: pipewright schedule ${command}`);
    }
  });
});
