// The data-test engine against real DuckDB: the ways a test cannot run (each an error result
// naming the file and field, never a crash), timeouts and cancellation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import { DataTestEngine } from './data-test-engine.js';
import {
  dataTestEngine,
  request,
  run,
  useDataTestWorkspace,
  workspaceRoot,
} from '../../testing/data-test-workspace.js';

useDataTestWorkspace();

describe('tests that cannot run', () => {
  it.each([
    ['a missing file', { row_count: { path: 'data/nothere.csv', min: 1 } }, 'data/nothere.csv: no such file'],
    [
      'a path leaving the workspace',
      { row_count: { path: '../outside.csv', min: 1 } },
      '../outside.csv: the path leaves the workspace ("..")',
    ],
    [
      'an absolute path',
      { row_count: { path: '/etc/passwd.csv', min: 1 } },
      '/etc/passwd.csv: a data test reads files in the workspace; give the path relative to it',
    ],
    [
      'an unknown extension',
      { row_count: { path: 'data/notes.xlsx', min: 1 } },
      'data/notes.xlsx: not a CSV, TSV, Parquet or JSON file (by its extension)',
    ],
    [
      'a mistyped column',
      { not_null: { path: 'data/good.csv', columns: ['amout'] } },
      'data/good.csv has no column "amout"; did you mean "amount"?',
    ],
    [
      'an unknown column',
      { unique: { path: 'data/good.parquet', columns: ['zzz'] } },
      'data/good.parquet has no column "zzz"; its columns are "id", "customer_id", "amount", "status", "email", "created_at"',
    ],
    [
      'a mistyped key column',
      {
        relationship: { path: 'data/good.csv', column: 'customer_id', to: 'data/customers.csv', to_column: 'customer' },
      },
      'data/customers.csv has no column "customer"; did you mean "customer_id"?',
    ],
    [
      'a folder of several formats',
      { row_count: { path: 'data', min: 1 } },
      'data: the folder holds files of several formats (CSV, JSON, Parquet, TSV); a data test reads one',
    ],
  ] as [string, TestSpec, string][])('%s', async (_name, test, message) => {
    expect(await run(test)).toMatchObject({ outcome: 'error', observed: null, message, rowCount: null });
  });

  it.each([
    [
      'a CSV whose rows do not split alike',
      'data/broken.csv',
      /^data\/broken\.csv: Error when sniffing file "data\/broken\.csv": It was not possible to automatically detect the CSV parsing dialect$/,
    ],
    [
      'a CSV row with an extra field past the sniffed sample',
      'data/late-broken.csv',
      /^data\/late-broken\.csv: CSV Error on Line: 30002: Expected Number of Columns: 2 Found: 3$/,
    ],
    ['malformed JSON', 'data/broken.jsonl', /^data\/broken\.jsonl: Malformed JSON in file "data\/broken\.jsonl"/],
    ['a truncated Parquet file', 'data/truncated.parquet', /^data\/truncated\.parquet: .*data\/truncated\.parquet/],
  ])('%s: a one-line message naming the file', async (_name, path, message) => {
    const outcome = await run({ not_null: { path, columns: ['id'] } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null, expected: '0 failing rows' });
    expect(outcome.message).toMatch(message);
    expect(outcome.message).not.toContain('\n');
    expect(outcome.message).not.toContain(workspaceRoot());
  });

  it('a bad regular expression names the file and column', async () => {
    const outcome = await run({ pattern: { path: 'data/good.csv', column: 'email', regex: '[a-z' } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null });
    expect(outcome.message).toMatch(
      /^data\/good\.csv: the pattern for "email" is not a valid regular expression: missing \]/,
    );
  });

  it('bad SQL names the file and keeps the parser message', async () => {
    const outcome = await run({ sql: { path: 'data/good.csv', query: 'selct * form data' } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null, expected: '0 failing rows' });
    expect(outcome.message).toMatch(/^data\/good\.csv: the query failed: Parser Error: syntax error at or near/);
  });

  it('sql without a path explains that there is no table data', async () => {
    const outcome = await run({ sql: { query: 'select * from data' } });
    expect(outcome.outcome).toBe('error');
    expect(outcome.message).toMatch(
      /^sql: the query failed: Catalog Error: .*; give the test a path to query that file as data$/,
    );
  });

  it('a SQL statement that is not a query cannot run', async () => {
    const outcome = await run({ sql: { query: "copy (select 1) to 'data/written.csv'" } });
    expect(outcome.outcome).toBe('error');
    expect(() => readFileSync(join(workspaceRoot(), 'data/written.csv'))).toThrow();
  });

  it('a command test is not a data test', async () => {
    expect(await run({ command: 'true' })).toMatchObject({
      outcome: 'error',
      message: 'not a data test: it names none of the data-test kinds',
    });
  });
});

const SLOW_QUERY = 'select * from range(200000) a, range(200000) b where a.range + b.range = -1';

describe('timeouts and cancellation', () => {
  it('a query over its time is interrupted as an error, and the engine keeps working', async () => {
    const started = performance.now();
    const outcome = await run({ sql: { path: 'data/good.csv', query: SLOW_QUERY } }, { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(outcome).toEqual({
      outcome: 'error',
      observed: null,
      expected: '0 failing rows',
      message: 'data/good.csv: timed out after 300ms',
      rowCount: null,
    });
    expect(await run({ row_count: { path: 'data/good.csv', min: 4 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
    });
  });

  it('an abort interrupts the query and resolves cancelled', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = dataTestEngine().run(request({ sql: { query: SLOW_QUERY } }, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    expect(await pending).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await run({ unique: { path: 'data/good.parquet', columns: ['id'] } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
  });

  it('an already aborted signal cancels without running', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      await dataTestEngine().run(request({ row_count: { path: 'data/good.csv' } }, { signal: controller.signal })),
    ).toBe('cancelled');
  });

  it('closing the engine while a test runs ends that test as an error, without crashing', async () => {
    const other = await DataTestEngine.open();
    const pending = other.run(request({ sql: { query: SLOW_QUERY } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    other.close();
    expect(await pending).toMatchObject({
      outcome: 'error',
      message: 'sql: the data-test engine was closed while the test ran',
    });
    expect(await other.run(request({ row_count: { path: 'data/good.csv' } }))).toMatchObject({
      outcome: 'error',
      message: 'the data-test engine is closed',
    });
    expect(await other.countRows(workspaceRoot(), 'data/good.csv')).toBeNull();
  });

  it('interrupting one test leaves a test running beside it alone', async () => {
    const [slow, quick] = await Promise.all([
      run({ sql: { query: SLOW_QUERY } }, { timeoutMs: 500 }),
      run({ accepted_values: { path: 'data/bad.csv', column: 'status', values: ['paid'] } }),
    ]);
    expect(slow).toMatchObject({ outcome: 'error', message: 'sql: timed out after 500ms' });
    expect(quick).toMatchObject({ outcome: 'failed', observed: 2 });
  });
});
