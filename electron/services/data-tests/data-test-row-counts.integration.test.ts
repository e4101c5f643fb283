// The row counts the data-test engine reports, against real DuckDB and real files: what each
// kind counted on CSV, JSON and Parquet, row_count_change against the previous run, and the
// compressed and partitioned files it reads. (Each kind's verdict is in
// data-test-kinds.integration.test.ts.)
import { describe, expect, it } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import { dataTestEngine, run, useDataTestWorkspace, workspaceRoot } from '../../testing/data-test-workspace.js';

useDataTestWorkspace();

describe('row counts', () => {
  it('row_count and row_count_change always report the rows they counted', async () => {
    expect((await run({ row_count: { path: 'data/bad.parquet', min: 1 } })).rowCount).toBe(5);
    expect(
      (await run({ row_count_change: { path: 'data/bad.jsonl', max_percent: 10 } }, { previousRowCount: () => 5 }))
        .rowCount,
    ).toBe(5);
  });

  it('other checks report the rows their scan counted on CSV and JSON, and count none on Parquet, whose statistics let them skip rows', async () => {
    const check = (path: string): TestSpec => ({ accepted_values: { path, column: 'status', values: ['paid'] } });
    expect(await run(check('data/bad.csv'))).toMatchObject({ observed: 2, rowCount: 5 });
    expect(await run(check('data/bad.jsonl'))).toMatchObject({ observed: 2, rowCount: 5 });
    expect(await run(check('data/bad.parquet'))).toMatchObject({ observed: 2, rowCount: null });
  });

  it('row_count_change without an earlier run passes with nothing observed', async () => {
    const outcome = await run({ row_count_change: { path: 'data/good.csv', max_percent: 10 } });
    expect(outcome).toEqual({
      outcome: 'passed',
      observed: null,
      expected: 'no earlier run to compare with',
      message: null,
      rowCount: 4,
    });
  });

  it('row_count_change asks the previous count for the path of the test', async () => {
    const asked: string[] = [];
    await run(
      { row_count_change: { path: 'data/good.csv', max_percent: 10 } },
      { previousRowCount: (path) => (asked.push(path), 4) },
    );
    expect(asked).toEqual(['data/good.csv']);
  });

  it('row_count_change from 0 rows to 0 rows is no change', async () => {
    const outcome = await run(
      { row_count_change: { path: 'data/empty.csv', max_percent: 0 } },
      { previousRowCount: () => 0 },
    );
    expect(outcome).toMatchObject({ outcome: 'passed', observed: 0, rowCount: 0 });
  });

  it('row_count_change from 0 rows to some fails without a percentage', async () => {
    const outcome = await run(
      { row_count_change: { path: 'data/good.csv', max_percent: 50 } },
      { previousRowCount: () => 0 },
    );
    expect(outcome).toMatchObject({ outcome: 'failed', observed: null, expected: 'change at most 50%', rowCount: 4 });
    expect(outcome.message).toBe(
      'data/good.csv has 4 rows where the last successful run had none: a change from 0 has no percentage',
    );
  });

  it('row_count_change measures a drop as a positive change', async () => {
    const outcome = await run(
      { row_count_change: { path: 'data/good.csv', max_percent: 10 } },
      { previousRowCount: () => 5 },
    );
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 20 });
    expect(outcome.message).toContain('20% fewer than the 5');
  });

  it('row_count with only a minimum or only a maximum says so', async () => {
    expect(await run({ row_count: { path: 'data/good.csv', min: 1000 } })).toMatchObject({
      outcome: 'failed',
      observed: 4,
      expected: 'at least 1000 rows',
    });
    expect(await run({ row_count: { path: 'data/good.csv', max: 5 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
      expected: 'at most 5 rows',
    });
  });

  it('reads gzipped CSV, TSV, and a folder of Parquet parts (skipping _SUCCESS and hidden files)', async () => {
    expect(await run({ row_count: { path: 'data/good.csv.gz', min: 4, max: 4 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
    });
    expect(await run({ row_count: { path: 'data/good.tsv', min: 4, max: 4 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
    });
    expect(await run({ row_count: { path: 'data/parts', min: 9, max: 9 } })).toMatchObject({
      outcome: 'passed',
      observed: 9,
    });
    expect(await run({ unique: { path: 'data/parts/', columns: ['id'] } })).toMatchObject({
      outcome: 'failed',
      observed: 7,
    });
  });

  it('countRows counts tabular files and answers null for anything else', async () => {
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/good.csv')).toBe(4);
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/bad.parquet')).toBe(5);
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/customers.json')).toBe(3);
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/notes.xlsx')).toBeNull();
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/missing.csv')).toBeNull();
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/truncated.parquet')).toBeNull();
  });
});
