// The files the studio writes for new pipelines, on a real git repository checked with the git
// CLI: outputs added to .gitignore (asked once, the answer kept in pipewright.yaml, existing
// rules kept, never through a link) and starter scripts (never over a file, never outside).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { callStudio } from '../../testing/studio-calls.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { StudioBackend } from './studio-backend.js';

let workspace: TempWorkspace;
let backend: StudioBackend;
const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace.root, encoding: 'utf8' });
/** Whether git ignores the path, as `git check-ignore` says (exit 0 ignored, 1 not). */
const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: workspace.root }).status === 0;

const STEPS =
  '  make:\n    run: echo a > out/a.csv\n    outputs: [out/a.csv, "data/b [v2].csv"]\n  keep:\n    run: echo k\n    outputs: [reports/summary.md]\n';

beforeEach(async () => {
  workspace = tempWorkspace({
    '.gitignore': '# mine\nnode_modules/\n/reports/\n',
    'pipelines/fresh.pipeline.yaml': pipelineYaml('fresh', STEPS),
  });
  git('init', '-q');
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

describe('outputs of a new pipeline and .gitignore', () => {
  it("asks first, then adds the outputs git does not ignore yet and keeps the file's own rules", async () => {
    expect(ignored('out/a.csv')).toBe(false);
    const first = await call('pipeline:ignore-outputs', { name: 'fresh' });
    expect(first).toEqual({ decision: 'ask', missing: ['out/a.csv', 'data/b [v2].csv'], added: [] });
    expect(readFileSync(workspace.path('.gitignore'), 'utf8')).toBe('# mine\nnode_modules/\n/reports/\n');

    const answered = await call('pipeline:ignore-outputs', { name: 'fresh', answer: true });
    expect(answered.decision).toBe('yes');
    expect(answered.added).toEqual(['/out/a.csv', '/data/b \\[v2\\].csv']);
    expect(ignored('out/a.csv')).toBe(true);
    expect(ignored('data/b [v2].csv')).toBe(true);
    expect(ignored('data/b v.csv')).toBe(false);
    expect(ignored('node_modules/x.js')).toBe(true);
    expect(workspace.read('.gitignore').startsWith('# mine\nnode_modules/\n/reports/\n')).toBe(true);
    expect(workspace.read('pipewright.yaml')).toBe('version: 1\ngitignore_outputs: true\n');
  });

  it('does not ask again: a yes adds new outputs by itself, a no leaves .gitignore alone', async () => {
    await call('pipeline:ignore-outputs', { name: 'fresh', answer: true });
    workspace.write(
      'pipelines/fresh.pipeline.yaml',
      pipelineYaml('fresh', `${STEPS}  more:\n    run: echo m\n    outputs: [out/more.json]\n`),
    );
    const again = await call('pipeline:ignore-outputs', { name: 'fresh' });
    expect(again).toEqual({ decision: 'yes', missing: ['out/more.json'], added: ['/out/more.json'] });
    expect(workspace.read('.gitignore').match(/# What the pipelines produce/g)).toHaveLength(1);
    expect(ignored('out/more.json')).toBe(true);

    await call('pipeline:ignore-outputs', { name: 'fresh', answer: false });
    workspace.write(
      'pipelines/fresh.pipeline.yaml',
      pipelineYaml('fresh', '  other:\n    run: echo o\n    outputs: [elsewhere/o.txt]\n'),
    );
    const before = workspace.read('.gitignore');
    expect(await call('pipeline:ignore-outputs', { name: 'fresh' })).toEqual({
      decision: 'no',
      missing: ['elsewhere/o.txt'],
      added: [],
    });
    expect(workspace.read('.gitignore')).toBe(before);
    expect(ignored('elsewhere/o.txt')).toBe(false);
  });

  it('never writes through a .gitignore that is a link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
    try {
      writeFileSync(join(outside, 'shared-ignore'), 'secret\n');
      rmSync(workspace.path('.gitignore'));
      symlinkSync(join(outside, 'shared-ignore'), workspace.path('.gitignore'));
      await expect(call('pipeline:ignore-outputs', { name: 'fresh', answer: true })).rejects.toThrow(
        /\.gitignore is a link/,
      );
      expect(readFileSync(join(outside, 'shared-ignore'), 'utf8')).toBe('secret\n');
      expect(lstatSync(workspace.path('.gitignore')).isSymbolicLink()).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('creates .gitignore when there is none, and says nothing outside a git repository', async () => {
    rmSync(workspace.path('.gitignore'));
    await call('pipeline:ignore-outputs', { name: 'fresh', answer: true });
    expect(workspace.read('.gitignore')).toBe(
      '# What the pipelines produce: regenerated by running them.\n/out/a.csv\n/data/b \\[v2\\].csv\n/reports/summary.md\n',
    );
    expect(git('check-ignore', 'reports/summary.md').trim()).toBe('reports/summary.md');
    rmSync(workspace.path('.git'), { recursive: true });
    expect(await call('pipeline:ignore-outputs', { name: 'fresh' })).toEqual({
      decision: 'none',
      missing: [],
      added: [],
    });
  });
});

describe('starter scripts for a dropped step', () => {
  it('says whether the script exists, then writes a starter in its language that runs', async () => {
    expect(await call('script:create', { path: 'steps/clean.py', create: false })).toEqual({
      path: 'steps/clean.py',
      exists: false,
      created: false,
    });
    expect(existsSync(workspace.path('steps/clean.py'))).toBe(false);
    expect(await call('script:create', { path: 'steps/clean.py', create: true })).toEqual({
      path: 'steps/clean.py',
      exists: true,
      created: true,
    });
    writeFileSync(workspace.path('params.json'), '{"region": "eu"}');
    const ran = execFileSync('python3', ['steps/clean.py'], {
      cwd: workspace.root,
      encoding: 'utf8',
      env: { ...process.env, PW_PARAMS_FILE: 'params.json', PW_STEP_ID: 'clean' },
    });
    expect(ran).toBe("clean ran with params {'region': 'eu'}\n");
    await call('script:create', { path: 'steps/report.mjs', create: true });
    const node = execFileSync(process.execPath, ['steps/report.mjs'], {
      cwd: workspace.root,
      encoding: 'utf8',
      env: { ...process.env, PW_PARAMS_FILE: 'params.json', PW_STEP_ID: 'report' },
    });
    expect(node).toBe('report ran with params {"region":"eu"}\n');
    expect(readFileSync(workspace.path('steps/report.mjs'), 'utf8')).not.toContain('.new');
  });

  it('never overwrites a script and refuses places outside the workspace or reserved ones', async () => {
    workspace.write('steps/mine.py', 'print("mine")\n');
    expect(await call('script:create', { path: 'steps/mine.py', create: true })).toEqual({
      path: 'steps/mine.py',
      exists: true,
      created: false,
    });
    expect(workspace.read('steps/mine.py')).toBe('print("mine")\n');
    await expect(call('script:create', { path: '../escape.py', create: true })).rejects.toThrow(
      /inside the repository|leaves the workspace/,
    );
    await expect(call('script:create', { path: 'pipelines/x.py', create: true })).rejects.toThrow(/pipelines/);
    const outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
    try {
      symlinkSync(outside, workspace.path('linked'));
      await expect(call('script:create', { path: 'linked/run.py', create: true })).rejects.toThrow(/refused/);
      expect(existsSync(join(outside, 'run.py'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('pipelines git already has', () => {
  it('are not asked about: the question comes with a new pipeline', async () => {
    git('add', '-A');
    git('-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', 'commit', '-qm', 'fresh');
    expect(await call('pipeline:ignore-outputs', { name: 'fresh' })).toEqual({
      decision: 'none',
      missing: ['out/a.csv', 'data/b [v2].csv'],
      added: [],
    });
    workspace.write(
      'pipelines/newer.pipeline.yaml',
      pipelineYaml('newer', '  n:\n    run: echo n\n    outputs: [out/n.txt]\n'),
    );
    expect((await call('pipeline:ignore-outputs', { name: 'newer' })).decision).toBe('ask');
  });
});
