import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffPipelines, summarizeDiff } from './pipeline-diff.js';

const BEFORE: unknown = parse(`version: 1
name: churn
params:
  sample_fraction: { type: number, default: 1.0 }
steps:
  ingest:
    run: python steps/ingest.py
    outputs: [data/ingested.parquet]
  clean:
    run: python steps/clean.py
    inputs: [data/ingested.parquet]
    outputs: [data/clean.parquet]
    tests:
      - name: not_empty
        command: test -s data/clean.parquet
      - name: has_rows
        command: python checks/rows.py
      - command: python checks/schema.py
  train:
    run: python steps/train.py
    environment: gpu
    inputs: [data/clean.parquet]
`);

const AFTER: unknown = parse(`version: 1
name: churn
description: Weekly churn model
params:
  sample_fraction: { type: number, default: 0.5 }
  region: { type: string, default: eu }
steps:
  report:
    run: python steps/report.py
    environment: docker
    needs: [clean]
  ingest:
    run: python steps/ingest.py
    outputs: [data/ingested.parquet]
  clean:
    run: python steps/clean.py --strict
    environment: python
    inputs: [data/ingested.parquet]
    outputs: [data/clean.parquet]
    tests:
      - name: fresh
        command: python checks/fresh.py
      - name: not_empty
        command: test -f data/clean.parquet
      - command: python checks/schema.py --strict
`);

describe('diffPipelines', () => {
  const diff = diffPipelines(BEFORE, AFTER);

  it('lists changed steps with the fields that differ, in after order then removed ones', () => {
    expect(diff.steps.map(({ id, change }) => [id, change])).toEqual([
      ['report', 'added'],
      ['clean', 'changed'],
      ['train', 'removed'],
    ]);
    expect(diff.steps[0]?.fields).toEqual([
      { field: 'run', before: undefined, after: 'python steps/report.py' },
      { field: 'environment', before: undefined, after: 'docker' },
      { field: 'needs', before: undefined, after: ['clean'] },
    ]);
    expect(diff.steps[1]?.fields.map((field) => field.field)).toEqual(['run', 'environment', 'tests']);
    expect(diff.steps[1]?.fields[0]).toEqual({
      field: 'run',
      before: 'python steps/clean.py',
      after: 'python steps/clean.py --strict',
    });
    expect(diff.steps[2]?.fields).toEqual([
      { field: 'run', before: 'python steps/train.py', after: undefined },
      { field: 'environment', before: 'gpu', after: undefined },
      { field: 'inputs', before: ['data/clean.parquet'], after: undefined },
    ]);
  });

  it('lists params and top-level fields', () => {
    expect(diff.params).toEqual([
      { name: 'sample_fraction', change: 'changed', fields: [{ field: 'default', before: 1, after: 0.5 }] },
      {
        name: 'region',
        change: 'added',
        fields: [
          { field: 'type', before: undefined, after: 'string' },
          { field: 'default', before: undefined, after: 'eu' },
        ],
      },
    ]);
    expect(diff.pipeline).toEqual([{ field: 'description', before: undefined, after: 'Weekly churn model' }]);
  });

  it('matches tests by name, and unnamed ones by position', () => {
    expect(diff.tests).toEqual([
      {
        step: 'clean',
        name: 'fresh',
        change: 'added',
        fields: [
          { field: 'name', before: undefined, after: 'fresh' },
          { field: 'command', before: undefined, after: 'python checks/fresh.py' },
        ],
      },
      {
        step: 'clean',
        name: 'not_empty',
        change: 'changed',
        fields: [{ field: 'command', before: 'test -s data/clean.parquet', after: 'test -f data/clean.parquet' }],
      },
      {
        step: 'clean',
        name: '#3',
        change: 'changed',
        fields: [{ field: 'command', before: 'python checks/schema.py', after: 'python checks/schema.py --strict' }],
      },
      {
        step: 'clean',
        name: 'has_rows',
        change: 'removed',
        fields: [
          { field: 'name', before: 'has_rows', after: undefined },
          { field: 'command', before: 'python checks/rows.py', after: undefined },
        ],
      },
    ]);
  });

  it('lists environment changes, added and removed steps included', () => {
    expect(diff.environments).toEqual([
      { step: 'report', before: null, after: 'docker' },
      { step: 'clean', before: null, after: 'python' },
      { step: 'train', before: 'gpu', after: null },
    ]);
  });

  it('lists explicit and inferred edges gained and lost', () => {
    expect(diff.edges).toEqual({ added: [{ from: 'clean', to: 'report' }], removed: [{ from: 'clean', to: 'train' }] });
    const rewired = diffPipelines(
      BEFORE,
      parse(JSON.stringify(BEFORE).replace('"data/clean.parquet"]}', '"data/other.parquet"]}')),
    );
    expect(rewired.edges).toEqual({ added: [], removed: [{ from: 'clean', to: 'train' }] });
    expect(rewired.steps.map(({ id, fields }) => [id, fields.map((field) => field.field)])).toEqual([
      ['train', ['inputs']],
    ]);
  });

  it('summarizes', () => {
    expect(diff.unchanged).toBe(false);
    expect(summarizeDiff(diff)).toBe('1 step changed, 1 added, 1 removed, 1 param changed, 1 added, description added');
    const twoChanged = diffPipelines(
      BEFORE,
      parse(JSON.stringify(BEFORE).replaceAll('python steps/', 'python3 steps/').replace('"default":1', '"default":2')),
    );
    expect(summarizeDiff(twoChanged)).toBe('3 steps changed, 1 param changed');
  });

  it('treats a missing file as empty on either side', () => {
    expect(diffPipelines(null, undefined)).toEqual({
      pipeline: [],
      steps: [],
      params: [],
      tests: [],
      environments: [],
      edges: { added: [], removed: [] },
      unchanged: true,
    });
    expect(summarizeDiff(diffPipelines(BEFORE, BEFORE))).toBe('no changes');

    const added = diffPipelines(undefined, BEFORE);
    expect(added.steps.map(({ id, change }) => [id, change])).toEqual([
      ['ingest', 'added'],
      ['clean', 'added'],
      ['train', 'added'],
    ]);
    expect(added.edges.added).toEqual([
      { from: 'ingest', to: 'clean' },
      { from: 'clean', to: 'train' },
    ]);
    expect(added.environments).toEqual([{ step: 'train', before: null, after: 'gpu' }]);
    expect(summarizeDiff(added)).toBe('3 steps added, 1 param added, version, name added');

    const removed = diffPipelines(BEFORE, null);
    expect(removed.steps.map(({ change }) => change)).toEqual(['removed', 'removed', 'removed']);
    expect(removed.tests.map(({ name, change }) => [name, change])).toEqual([
      ['not_empty', 'removed'],
      ['has_rows', 'removed'],
      ['#3', 'removed'],
    ]);
    expect(removed.edges.removed).toHaveLength(2);
  });

  it('compares odd shapes as values without throwing', () => {
    const odd = diffPipelines(
      { version: 1, steps: { a: 'echo a', b: { run: 'x', needs: [1, 'a'], tests: 'none', environment: 3 } } },
      { version: 1, steps: { a: { run: 'echo a' }, b: { run: 'x', needs: 'a', tests: [null, 'weird'] } } },
    );
    expect(odd.steps).toEqual([
      { id: 'a', change: 'changed', fields: [{ field: '', before: 'echo a', after: { run: 'echo a' } }] },
      {
        id: 'b',
        change: 'changed',
        fields: [
          { field: 'needs', before: [1, 'a'], after: 'a' },
          { field: 'tests', before: 'none', after: [null, 'weird'] },
          { field: 'environment', before: 3, after: undefined },
        ],
      },
    ]);
    expect(odd.tests.map(({ name, change, fields }) => [name, change, fields])).toEqual([
      ['#1', 'added', [{ field: '', before: undefined, after: null }]],
      ['#2', 'added', [{ field: '', before: undefined, after: 'weird' }]],
    ]);
    expect(odd.environments).toEqual([{ step: 'b', before: '3', after: null }]);
    expect(odd.edges).toEqual({ added: [], removed: [{ from: 'a', to: 'b' }] });

    expect(diffPipelines({ version: 1, steps: ['a'] }, { version: 1, steps: { a: { run: 'x' } } }).pipeline).toEqual([
      { field: 'steps', before: ['a'], after: { a: { run: 'x' } } },
    ]);
    expect(diffPipelines(['not', 'a', 'pipeline'], 'text').pipeline).toEqual([
      { field: '', before: ['not', 'a', 'pipeline'], after: 'text' },
    ]);
    expect(summarizeDiff(diffPipelines(42, null))).toBe('whole file removed');
  });
});
