import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../pipeline/problem.js';
import { importDvcPipeline } from './import-dvc.js';

function problemsOf(text: string, files: Record<string, string> = {}): string[] {
  const result = importDvcPipeline({
    dvcFile: 'dvc.yaml',
    text,
    pipelineName: 'imported',
    readFile: (path) => files[path] ?? null,
  });
  if (result.problems.some((problem) => problem.severity === 'error')) expect(result.pipeline).toBeNull();
  return result.problems.map(formatProblem);
}

describe('importDvcPipeline: input it refuses, with the line and field', () => {
  it('a stage without cmd, an unknown field and a bad foreach, each at its line', () => {
    expect(
      problemsOf(`stages:
  a:
    deps: [x]
  b:
    cmd: echo b
    command: typo
  c:
    foreach: 3
    do:
      cmd: echo
`),
    ).toEqual([
      'dvc.yaml:3:5: error: stages.a: stage a has no cmd [dvc-import]',
      'dvc.yaml:6:14: error: stages.b.command: "command" is not a field of a DVC stage (cmd, wdir, deps, params, outs, metrics, plots, frozen, always_changed, desc, meta, vars) [dvc-import]',
      'dvc.yaml:8:14: error: stages.c.foreach: foreach takes a list, a mapping, or a ${reference} to one [dvc-import]',
    ]);
  });

  it('a reference to nothing names what is missing', () => {
    expect(
      problemsOf(
        `stages:
  train:
    cmd: python3 train.py --lr \${train.rate}
`,
        { 'params.yaml': 'train:\n  lr: 1\n' },
      ),
    ).toEqual([
      'dvc.yaml:3:10: error: stages.train.cmd: "${train.rate}": train has no "rate" (params.yaml, vars, item and key are what a stage can name) [dvc-import]',
    ]);
  });

  it('a params key or params file that does not exist', () => {
    expect(
      problemsOf(
        `stages:
  train:
    cmd: python3 train.py
    params:
      - epochs
      - other.yaml:
          - x
`,
        { 'params.yaml': 'lr: 1\n' },
      ),
    ).toEqual(['dvc.yaml:5:9: error: stages.train.params[0]: params.yaml has no "epochs" [dvc-import]']);
    expect(
      problemsOf(`stages:
  train:
    cmd: python3 train.py
    params:
      - other.yaml:
          - x
`),
    ).toEqual([
      'dvc.yaml:6:11: error: stages.train.params[0].other.yaml: the params file other.yaml does not exist [dvc-import]',
    ]);
  });

  it('YAML that does not parse, and a file without stages', () => {
    expect(problemsOf('stages:\n  a: [\n')[0]).toMatch(/^dvc\.yaml:3:1: error: YAML syntax/);
    expect(problemsOf('vars: []\n')).toEqual([
      'dvc.yaml:1:1: error: dvc.yaml needs a "stages" mapping with at least one stage [dvc-import]',
    ]);
  });

  it('a TOML params file is named as one it cannot read', () => {
    expect(
      problemsOf(
        `stages:
  a:
    cmd: echo
    params:
      - conf.toml:
`,
        { 'conf.toml': 'x = 1\n' },
      ),
    ).toEqual([
      'dvc.yaml:5:19: error: stages.a.params[0].conf.toml: conf.toml: only YAML and JSON params files can be imported (TOML and Python ones cannot) [dvc-import]',
    ]);
  });
});

describe('importDvcPipeline: paths that leave the workspace', () => {
  it('refuses ../ outs, absolute deps and a wdir out of the workspace, each at its line', () => {
    expect(
      problemsOf(`stages:
  a:
    cmd: echo
    outs:
      - ../../etc/cron.d/job
  b:
    cmd: cat /etc/passwd
    deps:
      - /etc/passwd
  c:
    wdir: ../..
    cmd: echo
  d:
    foreach: ['..', ok]
    do:
      cmd: echo
      outs:
        - \${item}/x
`),
    ).toEqual([
      'dvc.yaml:5:9: error: stages.a.outs[0]: "../../etc/cron.d/job" leaves the workspace: refused (a pipeline reads and writes only inside its workspace) [dvc-import]',
      'dvc.yaml:9:9: error: stages.b.deps[0]: "/etc/passwd" is an absolute path: refused (a pipeline reads and writes only inside its workspace; give it relative to dvc.yaml) [dvc-import]',
      'dvc.yaml:11:11: error: stages.c.wdir: wdir "../.." leaves the workspace: refused [dvc-import]',
      'dvc.yaml:18:11: error: stages.d.do.outs[0]: "../x" leaves the workspace: refused (a pipeline reads and writes only inside its workspace) [dvc-import]',
    ]);
  });

  it('a dvc.yaml in a subfolder may reach the workspace root with ../, not above it', () => {
    const inside = importDvcPipeline({
      dvcFile: 'proj/dvc.yaml',
      text: 'stages:\n  a:\n    cmd: echo\n    deps: [../data.csv]\n',
      pipelineName: 'p',
      readFile: () => null,
    });
    expect(inside.pipeline?.steps.a?.inputs).toEqual(['data.csv']);
    const outside = importDvcPipeline({
      dvcFile: 'proj/dvc.yaml',
      text: 'stages:\n  a:\n    cmd: echo\n    vars: []\n    outs: [../../x]\n',
      pipelineName: 'p',
      readFile: () => null,
    });
    expect(outside.problems.map(formatProblem)).toContain(
      'proj/dvc.yaml:5:12: error: stages.a.outs[0]: "../../x" leaves the workspace: refused (a pipeline reads and writes only inside its workspace) [dvc-import]',
    );
  });

  it('a params file or vars file out of the workspace is refused, not read', () => {
    const read: string[] = [];
    const result = importDvcPipeline({
      dvcFile: 'dvc.yaml',
      text: 'vars:\n  - ../secrets.yaml\nstages:\n  a:\n    cmd: echo\n',
      pipelineName: 'p',
      readFile: (path) => {
        read.push(path);
        return null;
      },
    });
    expect(result.problems.map(formatProblem)).toEqual([
      'dvc.yaml:2:5: error: vars[0]: "../secrets.yaml" leaves the workspace: refused (a pipeline reads and writes only inside its workspace) [dvc-import]',
    ]);
    expect(read).toEqual(['params.yaml']);
  });
});
