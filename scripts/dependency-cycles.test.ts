// `npm run lint` must fail on an import cycle, between files or between rooms (folders), type
// imports and lazy imports included; and pass when dependencies point one way.
import { describe, expect, it } from 'vitest';
import { dependencyCycles } from './dependency-cycles.mjs';
import { temporarySourceTrees } from './source-tree.js';

const tree = temporarySourceTrees('pw-cycles-');

const cycles = (files: Record<string, string>): string[] => dependencyCycles(tree(files), ['shared', 'electron']);

describe('dependency cycles', () => {
  it('passes when rooms and files depend one way', () => {
    expect(
      cycles({
        'shared/model/step.ts': 'export interface Step { id: string }\n',
        'shared/graph/order.ts':
          "import type { Step } from '../model/step.js';\nexport const order = (steps: Step[]) => steps;\n",
        'electron/engine/run.ts': "import { order } from '../../shared/graph/order.js';\nexport const run = order;\n",
      }),
    ).toEqual([]);
  });

  it('fails on two files that import each other, even through type imports', () => {
    const found = cycles({
      'shared/model/a.ts': "import type { B } from './b.js';\nexport interface A { b: B }\n",
      'shared/model/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
    });
    expect(found).toEqual(['files depend on each other: shared/model/a.ts → shared/model/b.ts → shared/model/a.ts']);
  });

  it('fails on two rooms that depend on each other, a lazy import included, and names the imports', () => {
    const found = cycles({
      'electron/engine/run.ts':
        "export async function run() { return (await import('../docker/runner.js')).start(); }\n",
      'electron/engine/step.ts': 'export interface Step { id: string }\n',
      'electron/docker/runner.ts':
        "import type { Step } from '../engine/step.js';\nexport const start = (step?: Step) => step;\n",
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('rooms depend on each other: electron/docker → electron/engine → electron/docker');
    expect(found[0]).toContain('electron/docker/runner.ts imports electron/engine/step.ts');
    expect(found[0]).toContain('electron/engine/run.ts imports electron/docker/runner.ts');
  });

  it('lets tests reach into any room', () => {
    expect(
      cycles({
        'electron/engine/run.ts': 'export const run = 1;\n',
        'electron/engine/run.test.ts': "import { start } from '../docker/runner.js';\nexport const used = start;\n",
        'electron/docker/runner.ts': "import { run } from '../engine/run.js';\nexport const start = run;\n",
      }),
    ).toEqual([]);
  });
});
