// Replays through the built CLI on real files: --inputs-from reproduces a past failure after
// its inputs were overwritten, in a scratch folder, leaving the workspace's outputs alone
// unless --write-outputs asks for them.
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunListItem, RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

type Replayed = RunSummary & {
  replay?: { inputsFrom: string; step: string; folder: string; wroteOutputs: string[] | null };
};

async function run(...args: string[]): Promise<Replayed> {
  const result = await runCli(['run', ...args, '--json'], workspace.root);
  expect([0, 1], result.stderr).toContain(result.code);
  return JSON.parse(result.stdout) as Replayed;
}

const status = (summary: RunSummary, step: string) => summary.steps.find((candidate) => candidate.id === step)?.status;

function checkingWorkspace(): TempWorkspace {
  return tempWorkspace({
    'pipelines/flow.pipeline.yaml': pipelineYaml(
      'flow',
      `  prepare:
    run: mkdir -p data; cp raw.csv data/rows.csv
    inputs: [raw.csv]
    outputs: [data/rows.csv]
  check:
    run: sh steps/check.sh
    inputs: [data/rows.csv]
    outputs: [checked.txt]
`,
    ),
    'raw.csv': 'id\n1\nbad\n',
    'steps/check.sh':
      'if grep -q bad data/rows.csv; then echo "bad row in data/rows.csv"; exit 3; fi\nwc -l < data/rows.csv > checked.txt\n',
  });
}

describe("replaying a step on a past run's inputs", () => {
  it('reproduces a past failure after its inputs were overwritten, without touching the workspace unless asked', async () => {
    workspace = checkingWorkspace();
    const failed = await run('flow');
    expect(status(failed, 'check')).toBe('failed');

    writeFileSync(workspace.path('raw.csv'), 'id\n1\n2\n3\n');
    const fixed = await run('flow');
    expect(status(fixed, 'check')).toBe('succeeded');
    expect(readFileSync(workspace.path('checked.txt'), 'utf8').trim()).toBe('4');

    const replay = await run('flow', '--only', 'check', '--inputs-from', failed.id);
    expect(replay.steps.map((step) => [step.id, step.status])).toEqual([['check', 'failed']]);
    expect(replay.replay).toMatchObject({ inputsFrom: failed.id, step: 'check', wroteOutputs: null });
    const folder = replay.replay?.folder ?? '';
    expect(folder.startsWith(join(workspace.root, '.pipewright', 'replays'))).toBe(true);
    expect(readFileSync(join(folder, 'data/rows.csv'), 'utf8')).toBe('id\n1\nbad\n');
    const logPath = replay.steps[0]?.logPath ?? '';
    expect(readFileSync(workspace.path(logPath), 'utf8')).toContain('bad row in data/rows.csv');
    expect(readFileSync(workspace.path('data/rows.csv'), 'utf8')).toBe('id\n1\n2\n3\n');

    // The fix is tried on the failing inputs, and its output written back when asked.
    writeFileSync(workspace.path('steps/check.sh'), 'grep -v bad data/rows.csv | wc -l > checked.txt\n');
    const retried = await run('flow', '--only', 'check', '--inputs-from', failed.id, '--write-outputs');
    expect(status(retried, 'check')).toBe('succeeded');
    expect(readFileSync(join(retried.replay?.folder ?? '', 'checked.txt'), 'utf8').trim()).toBe('2');
    expect(retried.replay?.wroteOutputs).toEqual(['checked.txt']);
    expect(readFileSync(workspace.path('checked.txt'), 'utf8').trim()).toBe('2');
    expect(readFileSync(workspace.path('data/rows.csv'), 'utf8')).toBe('id\n1\n2\n3\n');
  });

  it('says what is wrong with a replay request', async () => {
    workspace = checkingWorkspace();
    const first = await run('flow');
    const noStep = await runCli(['run', 'flow', '--inputs-from', first.id], workspace.root);
    expect(noStep.code).toBe(2);
    expect(noStep.stderr).toContain('--only STEP');
    const unknown = await runCli(['run', 'flow', '--only', 'check', '--inputs-from', 'nope'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run "nope"');
    const alone = await runCli(['run', 'flow', '--write-outputs'], workspace.root);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--write-outputs goes with --inputs-from');
    expect(existsSync(workspace.path('.pipewright/replays'))).toBe(false);
  });

  it('is marked as a replay in the history, and its scratch folder goes with its run', async () => {
    workspace = checkingWorkspace();
    const failed = await run('flow');
    const replay = await run('flow', '--only', 'check', '--inputs-from', failed.id);
    expect(replay.trigger).toEqual({ kind: 'replay', name: failed.id });
    const folder = replay.replay?.folder ?? '';
    expect(existsSync(folder)).toBe(true);

    const listed = JSON.parse((await runCli(['runs', '--json'], workspace.root)).stdout) as RunListItem[];
    expect(listed.map((item) => [item.id, item.trigger.kind])).toEqual([
      [replay.id, 'replay'],
      [failed.id, 'manual'],
    ]);
    const text = await runCli(['runs'], workspace.root);
    expect(text.stdout).toContain(`flow (replay of ${failed.id})`);
    expect((await runCli(['runs', 'show', replay.id], workspace.root)).stdout).toContain(`replay of ${failed.id}`);

    // A folder no run names (its replay never started) goes once it is older than a set-up can take.
    const orphan = workspace.path(`.pipewright/replays/${failed.id}-check-abc123`);
    mkdirSync(orphan);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(orphan, hourAgo, hourAgo);
    expect((await runCli(['cache', 'prune'], workspace.root)).code).toBe(0);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(folder)).toBe(true);

    writeFileSync(workspace.path('raw.csv'), 'id\n1\n');
    expect(status(await run('flow'), 'check')).toBe('succeeded');
    const pruned = await runCli(['runs', 'prune', '--keep', '1'], workspace.root);
    expect(pruned.stdout, pruned.stderr).toContain('removed 1 replay folder(s)');
    expect(existsSync(folder)).toBe(false);
  });
});
