// Each shape of dvc.yaml the importer reads, imported into a real workspace and run with
// `pipewright run`: the commands (sh on the host) write what DVC would have them write.
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process.js';
import { tempWorkspace } from '../testing/temp-workspace.js';

interface Shape {
  name: string;
  files: Record<string, string>;
  outputs: Record<string, string>;
  runArgs?: string[];
}

const SHAPES: Shape[] = [
  {
    name: 'foreach over a list, then a stage that reads every part',
    files: {
      'dvc.yaml':
        'stages:\n  part:\n    foreach: [a, b]\n    do:\n      cmd: mkdir -p parts && echo ${item} > parts/${item}.txt\n      outs:\n        - parts/${item}.txt\n  join:\n    cmd: cat parts/a.txt parts/b.txt > all.txt\n    deps:\n      - parts\n    outs:\n      - all.txt\n',
    },
    outputs: { 'all.txt': 'a\nb\n' },
  },
  {
    name: 'foreach over a mapping with ${key} and ${item.field}',
    files: {
      'dvc.yaml':
        'stages:\n  size:\n    foreach:\n      small: {n: 1}\n      big: {n: 3}\n    do:\n      cmd: seq ${item.n} > ${key}.txt\n      outs:\n        - ${key}.txt\n',
    },
    outputs: { 'small.txt': '1\n', 'big.txt': '1\n2\n3\n' },
  },
  {
    name: 'matrix',
    files: {
      'dvc.yaml':
        'stages:\n  cell:\n    matrix:\n      x: [1, 2]\n      y: [p, q]\n    cmd: echo ${item.x}${item.y} > m-${item.x}-${item.y}.txt\n    outs:\n      - m-${item.x}-${item.y}.txt\n',
    },
    outputs: { 'm-1-p.txt': '1p\n', 'm-2-q.txt': '2q\n' },
  },
  {
    name: 'vars files and params.yaml values in the command, overridden by a run param',
    files: {
      'dvc.yaml':
        'vars:\n  - conf.yaml\n  - word: literal\nstages:\n  say:\n    cmd: echo "${word} ${greeting.text}" \'${count}\' > said.txt\n    outs:\n      - said.txt\n',
      'params.yaml': 'count: 2\n',
      'conf.yaml': 'greeting:\n  text: hello world\n',
    },
    runArgs: ['-p', 'count=5'],
    outputs: { 'said.txt': 'literal hello world 5\n' },
  },
  {
    name: 'wdir and a list cmd, with metrics and plots that DVC keeps out of its cache',
    files: {
      'dvc.yaml':
        'stages:\n  eval:\n    wdir: sub\n    cmd:\n      - "echo \'{\\"auc\\": 0.9}\' > metrics.json"\n      - printf "x,y\\n0,1\\n" > roc.csv; pwd | sed "s#.*/##" > where.txt\n    metrics:\n      - metrics.json:\n          cache: false\n    plots:\n      - roc.csv:\n          cache: false\n    outs:\n      - where.txt\n',
      'sub/.keep': '',
    },
    outputs: { 'sub/metrics.json': '{"auc": 0.9}\n', 'sub/roc.csv': 'x,y\n0,1\n', 'sub/where.txt': 'sub\n' },
  },
];

describe('pipewright import dvc, then run: each shape of dvc.yaml', () => {
  for (const shape of SHAPES) {
    it(shape.name, async () => {
      const workspace = tempWorkspace(shape.files);
      try {
        const imported = await runCli(['import', 'dvc', '--name', 'shape'], workspace.root);
        expect(imported.code, imported.stdout + imported.stderr).toBe(0);
        const run = await runCli(['run', 'shape', '--quiet', ...(shape.runArgs ?? [])], workspace.root);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        for (const [file, content] of Object.entries(shape.outputs)) expect(workspace.read(file), file).toBe(content);
      } finally {
        workspace.remove();
      }
    });
  }
});
