// `pipewright import dvc` on real git workspaces, then `pipewright run` on what it wrote: the
// DVC commands (sh and python3 on the host) produce their outputs, params overrides reach
// them, frozen stages keep their outputs, and nothing outside the workspace is read or written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePipelineText } from '../../shared/validation/validate.js';
import { runCli } from '../testing/cli-process.js';
import { tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

let workspace: TempWorkspace | undefined;
const outsideFolders: string[] = [];
afterEach(() => {
  workspace?.remove();
  workspace = undefined;
  for (const folder of outsideFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const DVC_YAML = `vars:
  - suffix: csv
stages:
  prepare:
    foreach:
      - us
      - eu
    do:
      cmd: mkdir -p data/parts && grep "^\${item}," data/raw.csv > data/parts/\${item}.\${suffix}
      deps:
        - data/raw.csv
      outs:
        - data/parts/\${item}.\${suffix}
  train:
    wdir: ml
    cmd:
      - mkdir -p out
      - python3 train.py --lr \${train.lr} --rounds \${train.rounds}
    deps:
      - train.py
      - ../data/parts
    params:
      - ../params.yaml:
          - train.seed
    outs:
      - out/model.txt:
          persist: true
    metrics:
      - out/metrics.json:
          cache: false
  download:
    cmd: echo downloaded > data/external.txt
    outs:
      - data/external.txt
    frozen: true
`;

const TRAIN_PY = `import argparse, json, os
parser = argparse.ArgumentParser()
parser.add_argument('--lr', type=float)
parser.add_argument('--rounds', type=int)
args = parser.parse_args()
rows = sum(len(open(os.path.join('../data/parts', name)).read().splitlines()) for name in sorted(os.listdir('../data/parts')))
open('out/model.txt', 'w').write(f'lr={args.lr} rounds={args.rounds} rows={rows}\\n')
json.dump({'rows': rows, 'score': args.lr * args.rounds}, open('out/metrics.json', 'w'))
`;

function gitWorkspace(files: Record<string, string>): TempWorkspace {
  const created = tempWorkspace(files);
  git(created.root, 'init', '-q', '-b', 'main');
  git(created.root, 'add', '-A');
  git(created.root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'DVC project');
  return created;
}

describe('pipewright import dvc', () => {
  it('imports a DVC project into a git workspace, and the pipeline runs with its params and frozen stage', async () => {
    workspace = gitWorkspace({
      'dvc.yaml': DVC_YAML,
      'params.yaml': 'train:\n  lr: 0.5\n  rounds: 4\n  seed: 7\n',
      'data/raw.csv': 'us,1\neu,2\nus,3\nasia,4\n',
      'data/external.txt': 'kept\n',
      'ml/train.py': TRAIN_PY,
    });
    const root = workspace.root;
    const imported = await runCli(['import', 'dvc'], root);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      '✓ wrote pipelines/dvc.pipeline.yaml: 4 step(s), 4 param(s), 4 thing(s) not carried over',
    );
    expect(imported.stdout).toContain(
      'dvc.yaml:27:11: warning: stages.train.outs[0].out/model.txt.persist: out/model.txt: persist: true is not carried over',
    );
    expect(imported.stdout).toContain(
      'dvc.yaml:30:11: warning: stages.train.metrics[0].out/metrics.json.cache: out/metrics.json: cache: false',
    );
    expect(imported.stdout).toContain('dvc.yaml:35:5: warning: stages.download.frozen: download is frozen');

    // Only the pipeline file is new: params.yaml and dvc.yaml are untouched.
    expect(git(root, 'status', '--porcelain')).toBe('?? pipelines/\n');
    const text = workspace.read('pipelines/dvc.pipeline.yaml');
    expect(validatePipelineText('pipelines/dvc.pipeline.yaml', text).problems).toEqual([]);
    expect(text).toContain(
      'run: cd ml && mkdir -p out && python3 train.py --lr "${PW_PARAM_TRAIN_LR}" --rounds "${PW_PARAM_TRAIN_ROUNDS}"',
    );

    const run = await runCli(['run', 'dvc', '--quiet'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(workspace.read('data/parts/us.csv')).toBe('us,1\nus,3\n');
    expect(workspace.read('data/parts/eu.csv')).toBe('eu,2\n');
    expect(workspace.read('ml/out/model.txt')).toBe('lr=0.5 rounds=4 rows=3\n');
    expect(JSON.parse(workspace.read('ml/out/metrics.json'))).toEqual({ rows: 3, score: 2 });
    expect(workspace.read('data/external.txt')).toBe('kept\n');

    const overridden = await runCli(
      ['run', 'dvc', '--quiet', '-p', 'train_lr=0.25', '-p', 'unfreeze_download=true'],
      root,
    );
    expect(overridden.code, overridden.stdout + overridden.stderr).toBe(0);
    expect(workspace.read('ml/out/model.txt')).toBe('lr=0.25 rounds=4 rows=3\n');
    expect(workspace.read('data/external.txt')).toBe('downloaded\n');
    expect(workspace.read('params.yaml')).toBe('train:\n  lr: 0.5\n  rounds: 4\n  seed: 7\n');
    git(root, 'fsck', '--strict');
  });

  it('a dvc.yaml in a subfolder, named by --name; never over an existing file without --force', async () => {
    workspace = gitWorkspace({
      'proj/dvc.yaml': 'stages:\n  hello:\n    cmd: echo ${greeting} > hello.txt\n    outs: [hello.txt]\n',
      'proj/params.yaml': 'greeting: hi\n',
    });
    const first = await runCli(['import', 'dvc', 'proj', '--name', 'hello'], workspace.root);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(['import', 'dvc', 'proj', '--name', 'hello'], workspace.root);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'pipelines/hello.pipeline.yaml exists already: choose another --name, or --force to replace it',
    );
    workspace.write('proj/params.yaml', 'greeting: hello\n');
    const forced = await runCli(['import', 'dvc', 'proj', '--name', 'hello', '--force', '--json'], workspace.root);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({
      file: 'pipelines/hello.pipeline.yaml',
      pipeline: 'hello',
      steps: ['hello'],
      params: ['greeting'],
      warnings: [],
    });
    expect((await runCli(['run', 'hello', '--quiet'], workspace.root)).code).toBe(0);
    expect(workspace.read('proj/hello.txt')).toBe('hello\n');
  });

  it('says there is no workspace, and how to make one', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'pipewright-dvc-'));
    outsideFolders.push(bare);
    writeFileSync(join(bare, 'dvc.yaml'), 'stages:\n  a:\n    cmd: echo\n');
    const result = await runCli(['import', 'dvc'], bare);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no pipewright.yaml found');
    expect(result.stderr).toContain('run "pipewright init" to create a workspace');
  });
});

describe('pipewright import dvc: hostile input', () => {
  it('refuses outs and deps that leave the workspace, at their lines, and writes nothing', async () => {
    workspace = gitWorkspace({
      'dvc.yaml':
        'stages:\n  reads:\n    cmd: cat /etc/passwd\n    deps:\n      - /etc/passwd\n  writes:\n    cmd: echo x > ../escaped.txt\n    outs:\n      - ../escaped.txt\n',
    });
    const result = await runCli(['import', 'dvc'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'dvc.yaml:5:9: error: stages.reads.deps[0]: "/etc/passwd" is an absolute path: refused',
    );
    expect(result.stderr).toContain(
      'dvc.yaml:9:9: error: stages.writes.outs[0]: "../escaped.txt" leaves the workspace: refused',
    );
    expect(existsSync(workspace.path('pipelines'))).toBe(false);
  });

  it('never reads a params file through a link out of the workspace, nor writes the pipeline through a link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
    outsideFolders.push(outside);
    writeFileSync(join(outside, 'secret.yaml'), 'token: s3cr3t\n');
    writeFileSync(join(outside, 'target.yaml'), 'untouched\n');
    workspace = gitWorkspace({ 'dvc.yaml': 'stages:\n  a:\n    cmd: echo ${token}\n' });
    symlinkSync(join(outside, 'secret.yaml'), workspace.path('params.yaml'));
    const leaked = await runCli(['import', 'dvc'], workspace.root);
    expect(leaked.code).toBe(2);
    expect(leaked.stderr).toContain('"params.yaml" is a symbolic link leading out of the workspace');
    expect(leaked.stdout + leaked.stderr).not.toContain('s3cr3t');

    rmSync(workspace.path('params.yaml'));
    workspace.write('params.yaml', 'token: fine\n');
    workspace.write('pipelines/.keep', '');
    symlinkSync(join(outside, 'target.yaml'), workspace.path('pipelines/dvc.pipeline.yaml'));
    const through = await runCli(['import', 'dvc', '--force'], workspace.root);
    expect(through.code).toBe(2);
    expect(through.stderr).toContain('"pipelines/dvc.pipeline.yaml" is a symbolic link leading out of the workspace');
    expect(readFileSync(join(outside, 'target.yaml'), 'utf8')).toBe('untouched\n');

    // A link that stays inside the workspace is not written through either: it would replace another file.
    rmSync(workspace.path('pipelines/dvc.pipeline.yaml'));
    workspace.write('notes.yaml', 'mine\n');
    symlinkSync('../notes.yaml', workspace.path('pipelines/dvc.pipeline.yaml'));
    const inside = await runCli(['import', 'dvc', '--force'], workspace.root);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain(
      'pipelines/dvc.pipeline.yaml is a symbolic link: refused (an import never writes through a link)',
    );
    expect(workspace.read('notes.yaml')).toBe('mine\n');
  });
});
