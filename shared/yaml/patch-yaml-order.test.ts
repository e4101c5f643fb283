import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineKeyOrder } from '../pipeline/key-order.js';
import { patchYaml } from './patch-yaml.js';

const FILE = `# Orders, cleaned and counted
version: 1
name: orders

# the steps, in the order they run
steps:
  ingest:
    run: python steps/ingest.py   # reads the raw export
    outputs: [data/raw.csv]
  clean:
    run: python steps/clean.py
    inputs: [data/raw.csv]
    needs: [ingest]
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML test data is free-form on purpose
function edit(text: string, change: (data: any) => any): string {
  const data = change(parse(text));
  const result = patchYaml(text, data, { keyOrder: pipelineKeyOrder });
  expect(parse(result)).toEqual(data);
  return result;
}

describe('the YAML writer keeps the shape of the file', () => {
  it('puts a new description above steps, under name, though the edit added it last', () => {
    const after = edit(FILE, (d) => ({ ...d, description: 'Cleans the orders export' }));
    expect(after).toBe(FILE.replace('name: orders\n', 'name: orders\ndescription: Cleans the orders export\n'));
  });

  it('puts new params after the description and before steps and their comment', () => {
    const after = edit(FILE, (d) => ({
      ...d,
      params: { region: { type: 'string', default: 'eu' } },
      description: 'x',
    }));
    expect(after).toContain(
      'name: orders\ndescription: x\nparams:\n  region:\n    type: string\n    default: eu\n\n# the steps, in the order they run\nsteps:\n',
    );
  });

  it('puts a new step field in its usual place: needs after outputs, retries after needs', () => {
    const after = edit(FILE, (d) => {
      d.steps.ingest = { retries: 2, ...d.steps.ingest, needs: [] };
      d.steps.ingest.needs = ['clean'];
      return d;
    });
    expect(after).toContain(
      '    run: python steps/ingest.py   # reads the raw export\n    outputs: [data/raw.csv]\n    needs: [clean]\n    retries: 2\n  clean:\n',
    );
  });

  it('keeps an inline needs list inline when a step is added to it', () => {
    const after = edit(FILE, (d) => {
      d.steps.clean.needs.push('ingest_b');
      return d;
    });
    expect(after).toContain('    needs: [ingest, ingest_b]\n');
    expect(after.split('\n').length).toBe(FILE.split('\n').length);
  });

  it('keeps an empty inline list inline when it gets its first item', () => {
    const text = 'version: 1\nname: p\nsteps:\n  a:\n    run: x\n    needs: []\n';
    expect(
      edit(text, (d) => {
        d.steps.a.needs = ['b'];
        return d;
      }),
    ).toBe('version: 1\nname: p\nsteps:\n  a:\n    run: x\n    needs: [b]\n');
  });

  it('writes new lists inline in a file that writes them inline, and as blocks in one that does not', () => {
    const inline = edit(FILE, (d) => {
      d.steps.report = { run: 'echo done', needs: ['clean'], outputs: ['out/report.md'] };
      return d;
    });
    expect(inline.endsWith('  report:\n    run: echo done\n    needs: [clean]\n    outputs: [out/report.md]\n')).toBe(
      true,
    );
    const blocks = 'steps:\n  a:\n    run: x\n    outputs:\n      - a.csv\n';
    expect(
      edit(blocks, (d) => {
        d.steps.a.inputs = ['b.csv'];
        return d;
      }),
    ).toBe('steps:\n  a:\n    run: x\n    inputs:\n      - b.csv\n    outputs:\n      - a.csv\n');
  });

  it('keeps every comment through a round of edits', () => {
    const after = edit(FILE, (d) => {
      d.description = 'd';
      d.steps.clean.run = 'python steps/clean.py --strict';
      d.steps.clean.timeout = '10m';
      return d;
    });
    for (const comment of [
      '# Orders, cleaned and counted',
      '# the steps, in the order they run',
      '# reads the raw export',
    ])
      expect(after).toContain(comment);
  });

  it('places a key before the first later key (and the comments above it) when no earlier key exists', () => {
    const text = '# steps come first here\nsteps:\n  a:\n    run: x\n';
    expect(edit(text, (d) => ({ ...d, version: 1 }))).toBe(
      'version: 1\n# steps come first here\nsteps:\n  a:\n    run: x\n',
    );
  });

  it('leaves keys it does not know in the order of the edit', () => {
    const text = 'a: 1\nb: 2\n';
    expect(edit(text, (d) => ({ x: 0, ...d }))).toBe('x: 0\na: 1\nb: 2\n');
  });
});
