import { describe, expect, it } from 'vitest';
import { testFiles, testKind, testStage } from './test-schema.js';

describe('the test catalog', () => {
  it('runs a test of a file the step only reads before the step, whatever way the path is written', () => {
    const step = { inputs: ['./data/raw/', 'lookup.csv'], outputs: ['data/out.csv'] };
    expect(testStage({ row_count: { path: 'data/raw/orders.csv' } }, step)).toBe('input');
    expect(testStage({ not_null: { path: './lookup.csv', columns: ['id'] } }, step)).toBe('input');
    expect(testStage({ row_count: { path: 'data/out.csv' } }, step)).toBe('output');
    expect(testStage({ row_count: { path: 'elsewhere.csv' } }, step)).toBe('output');
    expect(testStage({ command: 'true' }, step)).toBe('output');
    expect(testStage({ row_count: { path: 'data/out.csv' }, stage: 'input' }, step)).toBe('input');
  });

  it('names the kind and the files of a test', () => {
    expect(testKind({ relationship: { path: 'a.csv', column: 'id', to: 'b.csv' } })).toBe('relationship');
    expect(testFiles({ relationship: { path: 'a.csv', column: 'id', to: 'b.csv' } })).toEqual(['a.csv', 'b.csv']);
    expect(testFiles({ sql: { query: 'select 1' } })).toEqual([]);
    expect(testKind({ name: 'nothing' })).toBeNull();
    expect(testKind({ metric: { file: 'metrics/eval.json', key: 'auc', min: 0.8 } })).toBe('metric');
    expect(testFiles({ metric: { file: 'metrics/eval.json', key: 'auc' } })).toEqual(['metrics/eval.json']);
  });

  it('runs a metric test after the step that writes the metrics file', () => {
    const step = { inputs: ['models/model.pkl'], outputs: ['metrics/eval.json'] };
    expect(testStage({ metric: { file: 'metrics/eval.json', key: 'auc', min: 0.8 } }, step)).toBe('output');
  });
});
