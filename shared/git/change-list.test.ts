import { describe, expect, it } from 'vitest';
import { changePlace, formatChangeValue, listChanges } from './change-list.js';
import { diffPipelines } from './pipeline-diff.js';

const before = {
  version: 1,
  name: 'churn',
  params: { region: { type: 'string', default: 'eu' }, old: { type: 'number' } },
  steps: {
    ingest: {
      run: 'python ingest.py',
      outputs: ['data/a.csv'],
      tests: [{ name: 'rows', row_count: { path: 'data/a.csv', min: 1 } }],
    },
    train: { run: 'python train.py', needs: ['ingest'] },
    gone: { run: 'echo bye' },
  },
};
const after = {
  version: 1,
  name: 'churn',
  description: 'Churn model',
  params: { region: { type: 'string', default: 'us' } },
  steps: {
    ingest: {
      run: 'python ingest.py --all',
      outputs: ['data/a.csv'],
      tests: [
        { name: 'rows', row_count: { path: 'data/a.csv', min: 10 } },
        { name: 'ids', not_null: { path: 'data/a.csv', columns: ['id'] } },
      ],
    },
    train: { run: 'python train.py', needs: ['ingest'], retries: 2 },
    report: { run: 'echo done' },
  },
};

describe('listChanges', () => {
  it('lists each change with its place, field and both values, not counts', () => {
    const lines = listChanges(diffPipelines(before, after)).map((line) => [
      changePlace(line),
      line.field,
      formatChangeValue(line.before),
      formatChangeValue(line.after),
    ]);
    expect(lines).toEqual([
      ['pipeline', 'description', '(none)', 'Churn model'],
      ['step ingest', 'run', 'python ingest.py', 'python ingest.py --all'],
      ['test rows of ingest', 'row_count', '{ path: data/a.csv, min: 1 }', '{ path: data/a.csv, min: 10 }'],
      ['test ids of ingest', '', '(none)', '{ name: ids, not_null: { path: data/a.csv, columns: [id] } }'],
      ['step train', 'retries', '(none)', '2'],
      ['step report', '', '(none)', '{ run: echo done }'],
      ['step gone', '', '{ run: echo bye }', '(none)'],
      ['param region', 'default', 'eu', 'us'],
      ['param old', '', '{ type: number }', '(none)'],
    ]);
  });

  it('says what kind of change each line is', () => {
    const kinds = listChanges(diffPipelines(before, after)).map((line) => line.change);
    expect(kinds).toEqual(['added', 'changed', 'changed', 'added', 'added', 'added', 'removed', 'changed', 'removed']);
  });

  it('lists nothing for equal pipelines', () => {
    expect(listChanges(diffPipelines(before, structuredClone(before)))).toEqual([]);
  });

  it('keeps a tests field that is not a list as one line', () => {
    const lines = listChanges(
      diffPipelines({ steps: { a: { run: 'x', tests: 'none' } } }, { steps: { a: { run: 'x', tests: [] } } }),
    );
    expect(lines.map((line) => [line.field, formatChangeValue(line.before), formatChangeValue(line.after)])).toEqual([
      ['tests', 'none', '[]'],
    ]);
  });
});

describe('formatChangeValue', () => {
  it('quotes strings that would read wrongly and shortens long values', () => {
    expect(formatChangeValue('')).toBe('""');
    expect(formatChangeValue('a\nb')).toBe('"a\\nb"');
    expect(formatChangeValue('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(formatChangeValue(false)).toBe('false');
  });
});
