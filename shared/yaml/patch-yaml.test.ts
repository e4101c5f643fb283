import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patchYaml, tryPatchYaml } from './patch-yaml.js';

const PIPELINE = `# The churn pipeline
version: 1
name: churn
description: Train and evaluate the churn model
params:
  sample_fraction: { type: number, default: 1.0, min: 0, max: 1 }
  region: { type: string, default: all, enum: [all, eu, us] }

steps:
  ingest:
    run: python steps/ingest.py          # run by sh -c
    environment: python                  # from pipewright.yaml
    inputs: [data/raw/customers.csv]
    outputs: [data/ingested.parquet]
    retries: 1
    tests:
      - command: test -s data/ingested.parquet
        severity: error                  # stops downstream
  # training comes next
  train:
    run: |
      python steps/train.py \\
        --fraction "$PW_PARAM_SAMPLE_FRACTION"
    needs: [ingest]                      # explicit edge
    metrics:
      - metrics/train.json
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML test data is free-form on purpose
function edit(text: string, change: (data: any) => void): string {
  const data = parse(text);
  change(data);
  const result = patchYaml(text, data);
  expect(parse(result)).toEqual(data);
  return result;
}

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, index) => a[index] !== line);
}

describe('patchYaml', () => {
  it('changes one command and nothing else', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.ingest.run = 'python steps/ingest_v2.py';
    });
    expect(after.split('\n').length).toBe(PIPELINE.split('\n').length);
    expect(changedLines(PIPELINE, after)).toEqual(['    run: python steps/ingest_v2.py          # run by sh -c']);
  });

  it('edits a value inside a flow mapping in place', () => {
    const after = edit(PIPELINE, (d) => {
      d.params.sample_fraction.default = 0.5;
    });
    expect(changedLines(PIPELINE, after)).toEqual([
      '  sample_fraction: { type: number, default: 0.5, min: 0, max: 1 }',
    ]);
  });

  it('rewrites a block scalar keeping its style', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.train.run = 'python steps/train.py\n';
    });
    expect(after).toContain('    run: |\n      python steps/train.py\n    needs: [ingest]');
  });

  it('adds a step after the last one', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.report = { run: 'echo done', needs: ['train'] };
    });
    expect(after.startsWith(PIPELINE)).toBe(true);
    // The file writes its lists of paths inline, so the new step's needs is inline too.
    expect(after.slice(PIPELINE.length)).toBe('  report:\n    run: echo done\n    needs: [train]\n');
  });

  it('removes a step and keeps the comments of others', () => {
    const after = edit(PIPELINE, (d) => {
      delete d.steps.ingest;
      d.steps.train.needs = [];
    });
    expect(after).toContain('# The churn pipeline');
    expect(after).toContain('  # training comes next');
    expect(after).not.toContain('ingest.py');
  });

  it('renames a step in place', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps = Object.fromEntries(Object.entries(d.steps).map(([k, v]) => [k === 'ingest' ? 'load' : k, v]));
      d.steps.train.needs = ['load'];
    });
    expect(changedLines(PIPELINE, after)).toEqual([
      '  load:',
      '    needs: [load]                      # explicit edge',
    ]);
  });

  it('appends to block and flow lists', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.train.metrics.push('metrics/eval.json');
      d.steps.ingest.outputs.push('data/rejected.csv');
    });
    expect(after).toContain('    metrics:\n      - metrics/train.json\n      - metrics/eval.json\n');
    expect(after).toContain('    outputs: [data/ingested.parquet, data/rejected.csv]');
  });

  it('adds a test to a step and a field to a test', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.ingest.tests[0].timeout = '1m';
      d.steps.ingest.tests.push({ command: 'true', severity: 'warn' });
    });
    expect(after).toContain(
      '        severity: error                  # stops downstream\n        timeout: 1m\n      - command: "true"\n        severity: warn\n',
    );
  });

  it('turns an empty flow mapping into a block one', () => {
    const text = 'version: 1\nname: x\nsteps: {}\n';
    const after = edit(text, (d) => {
      d.steps.a = { run: 'echo a' };
    });
    expect(after).toBe('version: 1\nname: x\nsteps:\n  a:\n    run: echo a\n');
  });

  it('empties a block mapping into {}', () => {
    const text = 'version: 1\nsteps:\n  a:\n    run: echo a\n';
    expect(
      edit(text, (d) => {
        d.steps = {};
      }),
    ).toBe('version: 1\nsteps: {}\n');
  });

  it('keeps four-space indentation', () => {
    const text = 'steps:\n    a:\n        run: x\n        needs:\n            - b\n';
    const after = edit(text, (d) => {
      d.steps.c = { run: 'y', needs: ['a'] };
    });
    expect(after).toBe(`${text}    c:\n        run: y\n        needs:\n            - a\n`);
  });

  it('keeps lists flush with their key', () => {
    const text = 'steps:\n  a:\n    run: x\n    needs:\n    - b\n';
    const after = edit(text, (d) => {
      d.steps.c = { run: 'y', needs: ['a'] };
    });
    expect(after).toBe(`${text}  c:\n    run: y\n    needs:\n    - a\n`);
  });

  it('quotes a new value that YAML would misread', () => {
    const after = edit(PIPELINE, (d) => {
      d.steps.ingest.run = 'echo: yes # not a comment';
    });
    expect(parse(after).steps.ingest.run).toBe('echo: yes # not a comment');
  });

  it('handles a file without a final newline', () => {
    const text = 'a: 1\nb: 2';
    expect(
      edit(text, (d) => {
        d.c = 3;
      }),
    ).toBe('a: 1\nb: 2\nc: 3');
  });

  it('writes a document into an empty file', () => {
    expect(patchYaml('', { version: 1 })).toBe('version: 1\n');
  });
});

describe('patchYaml on random edits', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
  const scalar = fc.oneof(
    word,
    fc.integer({ min: -5, max: 99 }),
    fc.boolean(),
    fc.string({ maxLength: 30 }),
    fc.constant('multi\nline\ntext\n'),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(word, scalar, { maxKeys: 3 }));
  const editOf = fc.oneof(
    fc.record({ op: fc.constant('set' as const), step: fc.nat(), field: word, value }),
    fc.record({ op: fc.constant('delete' as const), step: fc.nat(), field: fc.nat() }),
    fc.record({ op: fc.constant('add-step' as const), id: word, value: fc.dictionary(word, scalar, { maxKeys: 3 }) }),
    fc.record({ op: fc.constant('remove-step' as const), step: fc.nat() }),
    fc.record({ op: fc.constant('param' as const), value: scalar }),
  );

  it('always reads back as the intended data and keeps unrelated comments', () => {
    fc.assert(
      fc.property(fc.array(editOf, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = PIPELINE;
        for (const change of edits) {
          const data = parse(text);
          const ids = Object.keys(data.steps ?? {});
          const stepAt = (n: number) => (ids.length ? data.steps[ids[n % ids.length] as string] : undefined);
          if (change.op === 'set') {
            const step = stepAt(change.step);
            if (step) step[change.field] = change.value;
          } else if (change.op === 'delete') {
            const step = stepAt(change.step);
            const keys = Object.keys(step ?? {});
            if (step && keys.length > 1) delete step[keys[change.field % keys.length] as string];
          } else if (change.op === 'add-step') {
            data.steps = { ...(data.steps ?? {}), [change.id]: change.value };
          } else if (change.op === 'remove-step') {
            if (ids.length) delete data.steps[ids[change.step % ids.length] as string];
          } else {
            data.params.region.default = change.value;
          }
          const patched = tryPatchYaml(text, data);
          expect(patched, `no exact patch from:\n${text}\nto:\n${JSON.stringify(data)}`).not.toBeNull();
          text = patched as string;
        }
        expect(text.startsWith('# The churn pipeline\nversion: 1\nname: churn\n')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
