// What happens when the CLI itself is stopped mid-run: killed outright (kill -9) or asked to
// stop (Ctrl-C). Real processes, real signals; the record must stay consistent either way.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { processesRunning, runCli, startCli, waitFor } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

// `quick` finishes at once; `slow` signals that it started, then sleeps unless `done` exists;
// `after` needs it.
const PIPELINE = pipelineYaml(
  'p',
  `  quick:
    run: echo quick > quick.txt
    outputs: [quick.txt]
  slow:
    run: "touch slow.started; [ -f done ] || sleep 305.5"
    inputs: [quick.txt]
  after:
    run: echo after
    needs: [slow]
`,
);

/** Starts `pipewright run p` and kills it with SIGKILL once the slow step runs; its run id. */
async function runAndKill(): Promise<string> {
  const cli = startCli(['run', 'p'], workspace.root);
  await waitFor(() => existsSync(workspace.path('slow.started')), 'the slow step to start');
  const runId = /run (\S+) of p/.exec(cli.output())?.[1] as string;
  cli.child.kill('SIGKILL');
  await cli.result;
  return runId;
}

/** The slow step's command goes on after its sleep: a shell left running writes went.on. */
const GOES_ON = PIPELINE.replace('[ -f done ] || sleep 305.5', 'sleep 305.5; touch went.on');

/** The next command marks the run interrupted, and nothing of the slow step's command runs on. */
async function expectNothingRunsOn(): Promise<void> {
  const list = await runCli(['runs', '--json'], workspace.root);
  expect(JSON.parse(list.stdout)).toMatchObject([{ status: 'interrupted' }]);
  expect(processesRunning('sleep 305.5')).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(existsSync(workspace.path('went.on'))).toBe(false);
}

async function showRun(id: string): Promise<RunSummary> {
  const result = await runCli(['runs', 'show', id, '--json'], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunSummary;
}

describe('stopping the CLI mid-run', () => {
  it('after kill -9, the next command marks the run interrupted and stops what it left running', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': PIPELINE });
    const runId = await runAndKill();
    expect(processesRunning('sleep 305.5')).toHaveLength(1);

    const list = await runCli(['runs', '--json'], workspace.root);
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: runId, status: 'interrupted' }]);
    expect(processesRunning('sleep 305.5')).toEqual([]);
    const interrupted = await showRun(runId);
    expect(interrupted.steps.map((step) => [step.id, step.status])).toEqual([
      ['quick', 'succeeded'],
      ['slow', 'interrupted'],
      ['after', 'pending'],
    ]);

    await runCli(['validate'], workspace.root).then((result) => expect(result.code).toBe(0));
    const again = await runCli(['runs', '--json'], workspace.root);
    expect(JSON.parse(again.stdout)).toHaveLength(1);
  }, 60_000);

  it("after kill -9, the next command stops a step's shell too: nothing of its command runs on", async () => {
    // The step's shell waited for it, so only its children carry the run's marker.
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': GOES_ON });
    await runAndKill();
    await expectNothingRunsOn();
  }, 60_000);

  it("after kill -9 before the step's shell was on record, the next command still stops that shell", async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': GOES_ON });
    await runAndKill();
    // As when the CLI dies between the step's start and the commit of its process: no pid on record.
    const db = new Database(workspace.path('.pipewright/state.db'));
    const forgotten = db.prepare('UPDATE attempts SET pid = NULL, pid_started = NULL WHERE pid IS NOT NULL').run();
    db.close();
    expect(forgotten.changes).toBeGreaterThan(0);
    await expectNothingRunsOn();
  }, 60_000);

  it('--resume completes an interrupted run', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': PIPELINE });
    const runId = await runAndKill();

    workspace.write('done', '');
    const resumed = await runCli(['run', '--resume', runId, '--json'], workspace.root);
    expect(resumed.stderr).toContain(`run ${runId} was interrupted`);
    expect(resumed.code).toBe(0);
    const run = JSON.parse(resumed.stdout) as RunSummary;
    expect(run).toMatchObject({ id: runId, status: 'succeeded' });
    expect(run.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['quick', 'succeeded', 1],
      ['slow', 'succeeded', 2],
      ['after', 'succeeded', 1],
    ]);
    expect(processesRunning('sleep 305.5')).toEqual([]);
  }, 60_000);

  it('Ctrl-C cancels cleanly: no step process left, a cancelled run, exit code 130', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': PIPELINE });
    const cli = startCli(['run', 'p'], workspace.root);
    await waitFor(() => existsSync(workspace.path('slow.started')), 'the slow step to start');
    cli.child.kill('SIGINT');
    const result = await cli.result;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('cancelling');
    expect(processesRunning('sleep 305.5')).toEqual([]);
    const runId = /run (\S+) of p/.exec(result.stdout)?.[1] as string;
    const run = await showRun(runId);
    expect(run.status).toBe('cancelled');
    expect(run.steps.map((step) => [step.id, step.status])).toEqual([
      ['quick', 'succeeded'],
      ['slow', 'cancelled'],
      ['after', 'cancelled'],
    ]);
  }, 60_000);
});
