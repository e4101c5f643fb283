// `pipewright run --ref`: a committed revision runs in a checkout of its own inside the
// workspace's state, while the working tree (with uncommitted, even broken, edits), the index
// and untracked files stay byte for byte as they were — checked with the git CLI.
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli, startCli, waitFor } from '../testing/cli-process.js';
import { fsckProblems, gitCli, tempRepository } from '../testing/git-cli.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { worktreeSnapshot } from '../testing/worktree-snapshot.js';

const PIPELINE = `version: 1
name: sales
params:
  region: { type: string, default: all }
steps:
  ingest:
    run: mkdir -p data && printf 'id\\n1\\n2\\n' > data/orders.csv && echo "version=$(cat steps/version.txt) region=$PW_PARAM_REGION"
    inputs: [steps/version.txt]
    outputs: [data/orders.csv]
  count:
    run: wc -l < data/orders.csv > data/count.txt
    inputs: [data/orders.csv]
    outputs: [data/count.txt]
`;

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

function repository(): TempWorkspace {
  return tempRepository({
    '.gitignore': '.pipewright/\ndata/\n',
    'pipelines/sales.pipeline.yaml': PIPELINE,
    'steps/version.txt': 'committed\n',
  });
}

describe('pipewright run --ref', () => {
  it('runs the committed pipeline while the working tree holds a broken edit, and changes nothing of the working tree', async () => {
    workspace = repository();
    workspace.write('pipelines/sales.pipeline.yaml', 'version: 1\nname: sales\nsteps:\n  broken: [\n');
    workspace.write('steps/version.txt', 'uncommitted\n');
    workspace.write('notes/untracked.txt', 'mine\n');
    gitCli(workspace.root, 'add', 'steps/version.txt');
    const head = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    const before = worktreeSnapshot(workspace.root);

    const plain = await runCli(['run', 'sales'], workspace.root);
    expect(plain.code).toBe(2);

    const result = await runCli(['run', 'sales', '--ref', 'main', '--json', '-p', 'region=eu'], workspace.root);
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as RunSummary;
    expect(run.status).toBe('succeeded');
    expect(run.ref).toBe('main');
    expect(run.gitCommit).toBe(head);
    expect(run.gitBranch).toBe('main');
    expect(run.params.region).toEqual({ value: 'eu', source: 'run' });

    const log = await runCli(['runs', 'logs', run.id, 'ingest'], workspace.root);
    expect(log.stdout).toContain('version=committed region=eu');

    expect(worktreeSnapshot(workspace.root)).toEqual(before);
    expect(gitCli(workspace.root, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('reuses its checkout: a second run of the same commit is cached, a new commit re-runs what changed', async () => {
    workspace = repository();
    const first = JSON.parse(
      (await runCli(['run', 'sales', '--ref', 'main', '--json'], workspace.root)).stdout,
    ) as RunSummary;
    expect(first.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    const again = JSON.parse(
      (await runCli(['run', 'sales', '--ref', 'main', '--json'], workspace.root)).stdout,
    ) as RunSummary;
    expect(again.steps.map((step) => step.status)).toEqual(['cached', 'cached']);

    workspace.write('steps/version.txt', 'second\n');
    gitCli(workspace.root, 'commit', '-qam', 'second version');
    const third = JSON.parse(
      (await runCli(['run', 'sales', '--ref', 'main', '--json'], workspace.root)).stdout,
    ) as RunSummary;
    expect(third.steps.find((step) => step.id === 'ingest')?.status).toBe('succeeded');
    expect(third.gitCommit).toBe(gitCli(workspace.root, 'rev-parse', 'main').trim());
    expect((await runCli(['runs', 'logs', third.id, 'ingest'], workspace.root)).stdout).toContain('version=second');
  });

  it('gives two runs of one ref at the same time a checkout folder each, and frees them when they end', async () => {
    workspace = repository();
    workspace.write(
      'pipelines/slow.pipeline.yaml',
      'version: 1\nname: slow\nsteps:\n  wait:\n    run: echo "in $PW_WORKSPACE" && while [ ! -e "$PW_WORKSPACE/../../go" ]; do sleep 0.05; done\n    cache: false\n',
    );
    gitCli(workspace.root, 'add', '-A');
    gitCli(workspace.root, 'commit', '-qm', 'slow');
    const slow = startCli(['run', 'slow', '--ref', 'main'], workspace.root);
    await waitFor(() => slow.output().includes('in /'), 'the slow run to start');
    const quick = JSON.parse(
      (await runCli(['run', 'sales', '--ref', 'main', '--json'], workspace.root)).stdout,
    ) as RunSummary;
    workspace.write('.pipewright/go', '');
    expect((await slow.result).code).toBe(0);
    const slowFolder = /in (\S+)/.exec(slow.output())?.[1] ?? '';
    const quickLog = (await runCli(['runs', 'logs', quick.id, 'ingest'], workspace.root)).stdout;
    expect(quick.status).toBe('succeeded');
    expect(slowFolder).toMatch(/\/\.pipewright\/checkouts\/main-[0-9a-f]{8}$/);
    expect(existsSync(`${slowFolder}-2/pipewright.yaml`)).toBe(true);
    expect(quickLog).toContain('version=committed');
    expect(
      readdirSync(join(workspace.root, '.pipewright', 'checkouts')).filter((name) => name.endsWith('.lease')),
    ).toEqual([]);
  });

  it('says what is wrong with a ref that names nothing, with a commit lacking the workspace, and refuses a link leading out', async () => {
    workspace = repository();
    const missing = await runCli(['run', 'sales', '--ref', 'no-such-branch'], workspace.root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ref no-such-branch: there is no branch, tag or commit "no-such-branch"');

    gitCli(workspace.root, 'checkout', '-q', '-b', 'bare');
    gitCli(workspace.root, 'rm', '-q', 'pipewright.yaml');
    gitCli(workspace.root, 'commit', '-qm', 'no workspace');
    gitCli(workspace.root, 'checkout', '-q', 'main');
    const bare = await runCli(['run', 'sales', '--ref', 'bare'], workspace.root);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--ref bare: commit [0-9a-f]{7} has no pipewright.yaml for this workspace/);

    gitCli(workspace.root, 'checkout', '-q', '-b', 'hostile');
    symlinkSync('/etc', join(workspace.root, 'steps', 'escape'));
    gitCli(workspace.root, 'add', 'steps/escape');
    gitCli(workspace.root, 'commit', '-qm', 'a link out');
    gitCli(workspace.root, 'checkout', '-q', 'main');
    const hostile = await runCli(['run', 'sales', '--ref', 'hostile'], workspace.root);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toContain('"steps/escape" is a link leading out of the checkout (/etc): refused');
  });
});
