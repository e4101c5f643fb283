// The studio's git channels on real repositories, through the contract dispatcher as the
// renderer calls them: starting to version a plain folder, a workspace inside a bigger
// repository, experiments with their last run, pipelines at a commit, and refused requests.
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { waitFor } from '../../testing/cli-process.js';
import { gitCli, tempRepository } from '../../testing/git-cli.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { StudioBackend } from './studio-backend.js';

const PIPELINE = 'version: 1\nname: demo\nsteps:\n  make:\n    run: echo made > made.txt\n    outputs: [made.txt]\n';

let workspace: TempWorkspace;
let backend: StudioBackend;
const events: StudioEventRecord[] = [];

async function start(root: string): Promise<void> {
  backend = new StudioBackend({ canOpenWorkspaces: false });
  events.length = 0;
  recordStudioEvents(backend, events);
  await backend.open(root);
}

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

afterEach(async () => {
  await backend?.close();
  workspace?.remove();
});

describe('git in the studio', () => {
  it('offers a plain folder to start versioning, with a .gitignore for state and outputs', async () => {
    workspace = tempWorkspace({ 'pipelines/demo.pipeline.yaml': PIPELINE });
    await start(workspace.root);
    expect(await call('git:status', {})).toEqual({ repository: null, status: null });
    await expect(call('git:branches', {})).rejects.toMatchObject({
      code: 'not-supported',
      message: expect.stringContaining('not in a git repository'),
    });
    const overview = await call('git:init', {});
    expect(overview.repository).toEqual({ root: workspace.root, workspacePrefix: '' });
    expect(overview.status).toMatchObject({ branch: 'main', files: [], merge: null });
    expect(gitCli(workspace.root, 'log', '--format=%s')).toBe('Start versioning the workspace\n');
    expect(gitCli(workspace.root, 'ls-files').split('\n')).toEqual(
      expect.arrayContaining(['.gitignore', 'pipelines/demo.pipeline.yaml', 'pipewright.yaml']),
    );
    expect(workspace.read('.gitignore')).toContain('.pipewright/\n');
    expect(workspace.read('.gitignore')).toContain('/made.txt\n');
    await expect(call('git:init', {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it("works for a workspace inside a bigger repository and shows each experiment's last run", async () => {
    const outer = tempRepository({ 'README.md': 'the team repository\n' });
    const root = join(outer.root, 'teams', 'sales');
    mkdirSync(join(root, 'pipelines'), { recursive: true });
    outer.write('teams/sales/pipewright.yaml', 'version: 1\n');
    outer.write('teams/sales/pipelines/demo.pipeline.yaml', PIPELINE);
    gitCli(outer.root, 'add', '-A');
    gitCli(outer.root, 'commit', '-qm', 'add the sales workspace');
    workspace = outer;
    await start(root);
    const overview = await call('git:status', {});
    expect(overview.repository).toEqual({ root: outer.root, workspacePrefix: 'teams/sales/' });
    expect(overview.status?.files).toEqual([]);

    await call('git:create-branch', { name: 'exp', switch: true });
    const { runId } = await call('run:start', { pipeline: 'demo' });
    await waitFor(
      () => events.some((entry) => entry.event === 'run:event' && (entry.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    expect((await call('run:get', { runId })).gitBranch).toBe('exp');
    const { branches } = await call('git:branches', {});
    expect(branches.find((branch) => branch.name === 'exp')).toMatchObject({
      current: true,
      lastRun: { status: 'succeeded', pipeline: 'demo' },
    });
    expect(branches.find((branch) => branch.name === 'main')).toMatchObject({ current: false, lastRun: null });

    const atCommit = await call('git:show-pipeline', { ref: 'main', name: 'demo' });
    expect(atCommit).toMatchObject({
      name: 'demo',
      file: 'pipelines/demo.pipeline.yaml',
      text: PIPELINE,
      problems: [],
    });
    renameSync(join(root, 'pipelines/demo.pipeline.yaml'), join(root, 'pipelines/renamed.pipeline.yaml'));
    const diffs = await call('git:diff', { from: 'HEAD', to: null });
    expect(diffs.map((diff) => [diff.path, diff.change])).toEqual([
      ['teams/sales/pipelines/demo.pipeline.yaml', 'removed'],
      ['teams/sales/pipelines/renamed.pipeline.yaml', 'added'],
    ]);
  });

  it('refuses paths out of the repository and names git will not take, saying why', async () => {
    workspace = tempRepository({ 'pipelines/demo.pipeline.yaml': PIPELINE });
    await start(workspace.root);
    await expect(call('git:restore', { path: '../outside.txt', ref: 'HEAD' })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('a path inside the repository'),
    });
    await expect(call('git:create-branch', { name: 'two words', switch: false })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('cannot contain spaces'),
    });
    await expect(call('git:switch', { name: 'nowhere', carry: false })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('git:complete-merge', {})).rejects.toMatchObject({
      code: 'conflict',
      message: 'no merge is in progress',
    });
  });
});
