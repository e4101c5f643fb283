// The data-test engine against real DuckDB and real files in a temporary workspace: every kind
// passing and failing on CSV, Parquet and JSON with the exact observed value, then the ways a
// test cannot run, timeouts and cancellation.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import type { DataTestOutcome, DataTestRequest } from './data-test-engine.js';
import { DataTestEngine } from './data-test-engine.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const COLUMNS = ['id', 'customer_id', 'amount', 'status', 'email', 'created_at'];
type Cell = string | number | null;

// Every check passes on these rows.
const GOOD: Cell[][] = [
  [1, 10, 5.5, 'paid', 'ann@example.com', '2025-06-01 11:59:00'],
  [2, 11, 20, 'open', 'bob@example.com', '2025-06-01 11:00:00'],
  [3, 10, 0, 'paid', 'cy@example.com', '2025-05-31 12:00:00'],
  [4, 12, 100, 'void', 'di@example.com', '2025-06-01 11:30:00'],
];
// Every check fails on these, by a known number of rows (see CASES), and there is an extra column.
const BAD_COLUMNS = [...COLUMNS, 'note'];
const BAD: Cell[][] = [
  [1, 10, 5.5, 'paid', 'ann@example.com', '2025-06-01 09:00:00', 'ok'],
  [2, 99, -3, 'refunded', 'not-an-email', '2025-06-01 10:00:00', 'x'],
  [2, null, 250, 'paid', null, '2025-05-01 10:00:00', 'y'],
  [4, 12, 100, null, 'di@example.com', '2025-06-01 08:00:00', 'z'],
  [5, 98, 7, 'weird', 'ed@example.com', '2025-06-01 07:00:00', 'w'],
];
const CUSTOMERS: Cell[][] = [[10, 'Ann'], [11, 'Bob'], [12, 'Cy']];

let root: string;
let engine: DataTestEngine;

function csv(columns: string[], rows: Cell[][]): string {
  return [columns.join(','), ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))).join(','))].join('\n') + '\n';
}

function records(columns: string[], rows: Cell[][]): Record<string, Cell>[] {
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] ?? null])));
}

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function copyToParquet(connection: Awaited<ReturnType<DuckDBInstance['connect']>>, from: string, to: string): Promise<void> {
  await connection.run(`COPY (SELECT * FROM read_csv('${join(root, from)}', header = true)) TO '${join(root, to)}' (FORMAT parquet)`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pipewright-data-tests-'));
  write('data/good.csv', csv(COLUMNS, GOOD));
  write('data/bad.csv', csv(BAD_COLUMNS, BAD));
  write('data/customers.csv', csv(['customer_id', 'name'], CUSTOMERS));
  write('data/good.jsonl', records(COLUMNS, GOOD).map((record) => JSON.stringify(record)).join('\n'));
  write('data/bad.jsonl', records(BAD_COLUMNS, BAD).map((record) => JSON.stringify(record)).join('\n'));
  // A JSON array rather than lines: both are JSON files.
  write('data/customers.json', JSON.stringify(records(['customer_id', 'name'], CUSTOMERS)));
  write('data/good.tsv', csv(COLUMNS, GOOD).replaceAll(',', '\t'));
  write('data/good.csv.gz', gzipSync(readFileSync(join(root, 'data/good.csv'))));
  write('data/empty.csv', `${COLUMNS.join(',')}\n`);
  write('data/broken.csv', 'id,amount\n1,2\n3,4,5\n6,7\n');
  write('data/late-broken.csv', `id,amount\n${Array.from({ length: 30_000 }, (_, index) => `${index},${index}.5\n`).join('')}1,2,3\n`);
  write('data/broken.jsonl', '{"id": 1}\n{"id": 2,\n');
  write('data/notes.xlsx', 'not a data file');
  write('data/parts/_SUCCESS', '');
  write('data/parts/.part-0.parquet.crc', 'checksum');

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await copyToParquet(connection, 'data/good.csv', 'data/good.parquet');
  await copyToParquet(connection, 'data/bad.csv', 'data/bad.parquet');
  await copyToParquet(connection, 'data/customers.csv', 'data/customers.parquet');
  await copyToParquet(connection, 'data/good.csv', 'data/parts/part-0.parquet');
  await copyToParquet(connection, 'data/bad.csv', 'data/parts/part-1.parquet');
  await copyToParquet(connection, 'data/good.csv', 'data/truncated.parquet');
  connection.closeSync();
  instance.closeSync();
  const truncated = join(root, 'data/truncated.parquet');
  truncateSync(truncated, Math.floor(readFileSync(truncated).length / 2));

  engine = await DataTestEngine.open();
});

afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function request(test: TestSpec, overrides: Partial<DataTestRequest> = {}): DataTestRequest {
  return { root, test, timeoutMs: null, signal: new AbortController().signal, previousRowCount: () => null, ...overrides };
}

async function run(test: TestSpec, overrides: Partial<DataTestRequest> = {}): Promise<DataTestOutcome> {
  const outcome = await engine.run(request(test, overrides));
  if (outcome === 'cancelled') throw new Error('unexpectedly cancelled');
  return outcome;
}

interface Case {
  kind: string;
  /** The test item for a file of the format; `customers` is the customers file of the same format. */
  test(file: string, customers: string): TestSpec;
  good: number;
  bad: number;
  expected: string;
  /** A part of the failure message ({file} is the bad file). */
  message: string;
}

const CASES: Case[] = [
  { kind: 'row_count', test: (path) => ({ row_count: { path, min: 1, max: 4 } }), good: 4, bad: 5, expected: '1 to 4 rows', message: '{file} has 5 rows; expected 1 to 4 rows' },
  { kind: 'not_null', test: (path) => ({ not_null: { path, columns: ['customer_id', 'email'] } }), good: 0, bad: 1, expected: '0 failing rows', message: 'has a null in "customer_id" or "email"' },
  { kind: 'unique', test: (path) => ({ unique: { path, columns: ['id'] } }), good: 0, bad: 2, expected: '0 failing rows', message: '{file}: 2 rows share a value of "id" with another row (e.g. "2")' },
  {
    kind: 'accepted_values',
    test: (path) => ({ accepted_values: { path, column: 'status', values: ['paid', 'open', 'void'] } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: 2 rows have a value of "status" that is not an accepted value (e.g. "refunded")',
  },
  { kind: 'range', test: (path) => ({ range: { path, column: 'amount', min: 0, max: 200 } }), good: 0, bad: 2, expected: '0 failing rows', message: '{file}: 2 rows have "amount" outside 0 to 200 (from -3.0 to 250.0)' },
  {
    kind: 'pattern',
    test: (path) => ({ pattern: { path, column: 'email', regex: '[a-z]+@[a-z]+\\.[a-z]+' } }),
    good: 0,
    bad: 1,
    expected: '0 failing rows',
    message: '{file}: 1 row has a value of "email" that does not match [a-z]+@[a-z]+\\.[a-z]+ (e.g. "not-an-email")',
  },
  {
    kind: 'schema',
    test: (path) => ({ schema: { path, columns: { id: 'BIGINT', customer_id: 'int8', amount: 'DOUBLE', status: 'text', email: 'STRING', created_at: 'datetime' }, allow_extra: false } }),
    good: 0,
    bad: 1,
    expected: '0 mismatches',
    message: '{file}: 1 mismatch with the schema: extra column "note" (VARCHAR)',
  },
  {
    kind: 'freshness',
    test: (path) => ({ freshness: { path, column: 'created_at', max_age: '1h' } }),
    good: 60,
    bad: 7200,
    expected: 'at most 3600 s old',
    message: '{file}: the newest "created_at" (2025-06-01 10:00:00) is 7200 s old, more than 3600 s',
  },
  {
    kind: 'relationship',
    test: (path, customers) => ({ relationship: { path, column: 'customer_id', to: customers } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '2 rows have a "customer_id" with no match in "customer_id" of {customers} (e.g. "98")',
  },
  {
    kind: 'sql',
    test: (path) => ({ sql: { path, query: "select * from data where amount < 0 or status = 'weird';" } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: the query returned 2 rows; the test passes when it returns none',
  },
  {
    kind: 'row_count_change',
    test: (path) => ({ row_count_change: { path, max_percent: 10 } }),
    good: 0,
    bad: 25,
    expected: 'change at most 10%',
    message: '{file} has 5 rows, 25% more than the 4 at the last successful run; at most 10% is allowed',
  },
];

const FORMATS = [
  { format: 'CSV', good: 'data/good.csv', bad: 'data/bad.csv', customers: 'data/customers.csv' },
  { format: 'Parquet', good: 'data/good.parquet', bad: 'data/bad.parquet', customers: 'data/customers.parquet' },
  { format: 'JSON', good: 'data/good.jsonl', bad: 'data/bad.jsonl', customers: 'data/customers.json' },
];

describe.each(FORMATS)('every data-test kind on $format', ({ good, bad, customers }) => {
  const options = { previousRowCount: () => 4 };

  it.each(CASES)('$kind passes on clean data with the exact observed value', async ({ test, good: observed, expected }) => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    const outcome = await run(test(good, customers), options);
    expect(outcome).toMatchObject({ outcome: 'passed', observed, expected, message: null });
  });

  it.each(CASES)('$kind fails on faulty data with the exact observed value and a message naming the file', async ({ test, bad: observed, expected, message }) => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    const outcome = await run(test(bad, customers), options);
    expect(outcome).toMatchObject({ outcome: 'failed', observed, expected });
    expect(outcome.message).toContain(message.replace('{file}', bad).replace('{customers}', customers));
  });
});

describe('row counts', () => {
  it('row_count and row_count_change always report the rows they counted', async () => {
    expect((await run({ row_count: { path: 'data/bad.parquet', min: 1 } })).rowCount).toBe(5);
    expect((await run({ row_count_change: { path: 'data/bad.jsonl', max_percent: 10 } }, { previousRowCount: () => 5 })).rowCount).toBe(5);
  });

  it('other checks report the rows their scan counted on CSV and JSON, and count none on Parquet, whose statistics let them skip rows', async () => {
    const check = (path: string): TestSpec => ({ accepted_values: { path, column: 'status', values: ['paid'] } });
    expect(await run(check('data/bad.csv'))).toMatchObject({ observed: 2, rowCount: 5 });
    expect(await run(check('data/bad.jsonl'))).toMatchObject({ observed: 2, rowCount: 5 });
    expect(await run(check('data/bad.parquet'))).toMatchObject({ observed: 2, rowCount: null });
  });

  it('row_count_change without an earlier run passes with nothing observed', async () => {
    const outcome = await run({ row_count_change: { path: 'data/good.csv', max_percent: 10 } });
    expect(outcome).toEqual({ outcome: 'passed', observed: null, expected: 'no earlier run to compare with', message: null, rowCount: 4 });
  });

  it('row_count_change asks the previous count for the path of the test', async () => {
    const asked: string[] = [];
    await run({ row_count_change: { path: 'data/good.csv', max_percent: 10 } }, { previousRowCount: (path) => (asked.push(path), 4) });
    expect(asked).toEqual(['data/good.csv']);
  });

  it('row_count_change from 0 rows to 0 rows is no change', async () => {
    const outcome = await run({ row_count_change: { path: 'data/empty.csv', max_percent: 0 } }, { previousRowCount: () => 0 });
    expect(outcome).toMatchObject({ outcome: 'passed', observed: 0, rowCount: 0 });
  });

  it('row_count_change from 0 rows to some fails without a percentage', async () => {
    const outcome = await run({ row_count_change: { path: 'data/good.csv', max_percent: 50 } }, { previousRowCount: () => 0 });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: null, expected: 'change at most 50%', rowCount: 4 });
    expect(outcome.message).toBe('data/good.csv has 4 rows where the last successful run had none: a change from 0 has no percentage');
  });

  it('row_count_change measures a drop as a positive change', async () => {
    const outcome = await run({ row_count_change: { path: 'data/good.csv', max_percent: 10 } }, { previousRowCount: () => 5 });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 20 });
    expect(outcome.message).toContain('20% fewer than the 5');
  });

  it('row_count with only a minimum or only a maximum says so', async () => {
    expect(await run({ row_count: { path: 'data/good.csv', min: 1000 } })).toMatchObject({ outcome: 'failed', observed: 4, expected: 'at least 1000 rows' });
    expect(await run({ row_count: { path: 'data/good.csv', max: 5 } })).toMatchObject({ outcome: 'passed', observed: 4, expected: 'at most 5 rows' });
  });

  it('reads gzipped CSV, TSV, and a folder of Parquet parts (skipping _SUCCESS and hidden files)', async () => {
    expect(await run({ row_count: { path: 'data/good.csv.gz', min: 4, max: 4 } })).toMatchObject({ outcome: 'passed', observed: 4 });
    expect(await run({ row_count: { path: 'data/good.tsv', min: 4, max: 4 } })).toMatchObject({ outcome: 'passed', observed: 4 });
    expect(await run({ row_count: { path: 'data/parts', min: 9, max: 9 } })).toMatchObject({ outcome: 'passed', observed: 9 });
    expect(await run({ unique: { path: 'data/parts/', columns: ['id'] } })).toMatchObject({ outcome: 'failed', observed: 7 });
  });

  it('countRows counts tabular files and answers null for anything else', async () => {
    expect(await engine.countRows(root, 'data/good.csv')).toBe(4);
    expect(await engine.countRows(root, 'data/bad.parquet')).toBe(5);
    expect(await engine.countRows(root, 'data/customers.json')).toBe(3);
    expect(await engine.countRows(root, 'data/notes.xlsx')).toBeNull();
    expect(await engine.countRows(root, 'data/missing.csv')).toBeNull();
    expect(await engine.countRows(root, 'data/truncated.parquet')).toBeNull();
  });
});

describe('options of the kinds', () => {
  it('not_null with mostly tolerates floor(rows x (1 - mostly)) rows', async () => {
    const tolerant = await run({ not_null: { path: 'data/bad.csv', columns: ['email'], mostly: 0.8 } });
    expect(tolerant).toEqual({ outcome: 'passed', observed: 1, expected: 'at most 1 row failing (mostly 0.8)', message: null, rowCount: 5 });
    const strict = await run({ not_null: { path: 'data/bad.parquet', columns: ['email', 'customer_id'], mostly: 0.9 } });
    expect(strict).toMatchObject({ outcome: 'failed', observed: 1, expected: 'at most 0 rows failing (mostly 0.9)', rowCount: 5 });
    expect(strict.message).toBe('data/bad.parquet: 1 of 5 rows has a null in "email" or "customer_id", more than the 0 allowed (mostly 0.9)');
  });

  it('not_null on Parquet counts from the statistics where they tell, by a scan where they do not', async () => {
    expect(await run({ not_null: { path: 'data/bad.parquet', columns: ['email'] } })).toMatchObject({ outcome: 'failed', observed: 1, rowCount: null });
    expect(await run({ not_null: { path: 'data/parts', columns: ['email', 'id'] } })).toMatchObject({ outcome: 'failed', observed: 1 });
    // The part written from good.csv has no "note" at all: its 4 rows are null there, and no statistics say so.
    expect(await run({ not_null: { path: 'data/parts', columns: ['note'] } })).toMatchObject({ outcome: 'failed', observed: 4 });
    expect(await run({ not_null: { path: 'data/parts', columns: ['note'], mostly: 0.5 } })).toMatchObject({ outcome: 'passed', observed: 4, rowCount: 9 });
  });

  it('unique on several columns counts rows of duplicated combinations', async () => {
    const outcome = await run({ unique: { path: 'data/good.csv', columns: ['customer_id', 'status'] } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 2 });
    expect(outcome.message).toBe('data/good.csv: 2 rows share their values of "customer_id" and "status" with another row (e.g. "10, paid")');
  });

  it('accepted_values compares numbers with a numeric column', async () => {
    expect(await run({ accepted_values: { path: 'data/good.parquet', column: 'customer_id', values: [10, 11] } })).toMatchObject({ outcome: 'failed', observed: 1 });
  });

  it('accepted_values leaves out numbers an integer column cannot hold instead of rounding them', async () => {
    expect(await run({ accepted_values: { path: 'data/good.csv', column: 'id', values: [1, 2, 3, 3.6] } })).toMatchObject({ outcome: 'failed', observed: 1, message: 'data/good.csv: 1 row has a value of "id" that is not an accepted value (e.g. "4")' });
    expect(await run({ accepted_values: { path: 'data/good.csv', column: 'id', values: [0.5] } })).toMatchObject({ outcome: 'failed', observed: 4 });
  });

  it('accepted_values that cannot be of the column type are an error naming the column', async () => {
    const outcome = await run({ accepted_values: { path: 'data/good.parquet', column: 'id', values: ['one'] } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null });
    expect(outcome.message).toMatch(/^data\/good\.parquet: the accepted values cannot be compared with "id" \(BIGINT\): Could not convert string 'one'/);
  });

  it('range compares numbers of any size with an integer column', async () => {
    expect(await run({ range: { path: 'data/good.parquet', column: 'id', min: 1.5, max: 1e30 } })).toMatchObject({ outcome: 'failed', observed: 1, message: 'data/good.parquet: 1 row has "id" outside 1.5 to 1e+30 (1)' });
  });

  it('range compares a timestamp column with date texts', async () => {
    const outcome = await run({ range: { path: 'data/bad.jsonl', column: 'created_at', min: '2025-06-01' } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 1 });
    expect(outcome.message).toBe('data/bad.jsonl: 1 row has "created_at" below "2025-06-01" (2025-05-01 10:00:00)');
  });

  it('range with an invalid date text is an error naming the bound', async () => {
    const outcome = await run({ range: { path: 'data/good.csv', column: 'created_at', max: '2025-13-45' } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null, message: 'data/good.csv: range max "2025-13-45" is not a valid TIMESTAMP' });
  });

  it('range with a number on a text column is an error, not a silent cast', async () => {
    const outcome = await run({ range: { path: 'data/good.csv', column: 'status', min: 1 } });
    expect(outcome.outcome).toBe('error');
    expect(outcome.message).toContain('"status" is text (VARCHAR)');
  });

  it('schema lists every mismatch: missing, of another type, extra', async () => {
    const outcome = await run({ schema: { path: 'data/bad.csv', columns: { id: 'INTEGER', amout: 'DOUBLE', status: 'any' }, allow_extra: false } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 7 });
    expect(outcome.message).toBe(
      'data/bad.csv: 7 mismatches with the schema: "id" is BIGINT, not INTEGER; no column "amout" (DOUBLE); did you mean "amount"?; ' +
        'extra column "customer_id" (BIGINT); extra column "amount" (DOUBLE); extra column "email" (VARCHAR); extra column "created_at" (TIMESTAMP); extra column "note" (VARCHAR)',
    );
  });

  it('schema allows extra columns by default', async () => {
    expect(await run({ schema: { path: 'data/bad.csv', columns: { id: 'BIGINT' } } })).toMatchObject({ outcome: 'passed', observed: 0 });
  });

  it('freshness on a column without values fails and says so', async () => {
    const outcome = await run({ freshness: { path: 'data/empty.csv', column: 'created_at', max_age: 60 } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: null, expected: 'at most 60 s old' });
    expect(outcome.message).toContain('data/empty.csv: "created_at" has no values');
  });

  it('freshness on a column that is not a date is an error', async () => {
    expect(await run({ freshness: { path: 'data/good.csv', column: 'amount', max_age: 60 } })).toMatchObject({
      outcome: 'error',
      message: 'data/good.csv: "amount" is DOUBLE, not a date or timestamp',
    });
    const text = await run({ freshness: { path: 'data/good.csv', column: 'email', max_age: 60 } });
    expect(text).toMatchObject({ outcome: 'error', observed: null });
    expect(text.message).toMatch(/^data\/good\.csv: "email" is VARCHAR and does not read as timestamps: /);
  });

  it('sql reads any workspace file by its relative path, with or without a path of its own', async () => {
    const query = "select * from 'data/bad.parquet' b anti join 'data/customers.csv' c using (customer_id) where b.customer_id is not null";
    expect(await run({ sql: { query } })).toMatchObject({ outcome: 'failed', observed: 2, message: 'sql: the query returned 2 rows; the test passes when it returns none' });
    expect(await run({ sql: { path: 'data/good.csv', query: 'select * from data d join data e using (id) where d.amount <> e.amount -- same rows' } })).toMatchObject({ outcome: 'passed', observed: 0 });
  });
});

describe('tests that cannot run', () => {
  it.each([
    ['a missing file', { row_count: { path: 'data/nothere.csv', min: 1 } }, 'data/nothere.csv: no such file'],
    ['a path leaving the workspace', { row_count: { path: '../outside.csv', min: 1 } }, '../outside.csv: the path leaves the workspace ("..")'],
    ['an absolute path', { row_count: { path: '/etc/passwd.csv', min: 1 } }, '/etc/passwd.csv: a data test reads files in the workspace; give the path relative to it'],
    ['an unknown extension', { row_count: { path: 'data/notes.xlsx', min: 1 } }, 'data/notes.xlsx: not a CSV, TSV, Parquet or JSON file (by its extension)'],
    ['a mistyped column', { not_null: { path: 'data/good.csv', columns: ['amout'] } }, 'data/good.csv has no column "amout"; did you mean "amount"?'],
    ['an unknown column', { unique: { path: 'data/good.parquet', columns: ['zzz'] } }, 'data/good.parquet has no column "zzz"; its columns are "id", "customer_id", "amount", "status", "email", "created_at"'],
    ['a mistyped key column', { relationship: { path: 'data/good.csv', column: 'customer_id', to: 'data/customers.csv', to_column: 'customer' } }, 'data/customers.csv has no column "customer"; did you mean "customer_id"?'],
    ['a folder of several formats', { row_count: { path: 'data', min: 1 } }, 'data: the folder holds files of several formats (CSV, JSON, Parquet, TSV); a data test reads one'],
  ] as [string, TestSpec, string][])('%s', async (_name, test, message) => {
    expect(await run(test)).toMatchObject({ outcome: 'error', observed: null, message, rowCount: null });
  });

  it.each([
    ['a CSV whose rows do not split alike', 'data/broken.csv', /^data\/broken\.csv: Error when sniffing file "data\/broken\.csv": It was not possible to automatically detect the CSV parsing dialect$/],
    ['a CSV row with an extra field past the sniffed sample', 'data/late-broken.csv', /^data\/late-broken\.csv: CSV Error on Line: 30002: Expected Number of Columns: 2 Found: 3$/],
    ['malformed JSON', 'data/broken.jsonl', /^data\/broken\.jsonl: Malformed JSON in file "data\/broken\.jsonl"/],
    ['a truncated Parquet file', 'data/truncated.parquet', /^data\/truncated\.parquet: .*data\/truncated\.parquet/],
  ])('%s: a one-line message naming the file', async (_name, path, message) => {
    const outcome = await run({ not_null: { path, columns: ['id'] } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null, expected: '0 failing rows' });
    expect(outcome.message).toMatch(message);
    expect(outcome.message).not.toContain('\n');
    expect(outcome.message).not.toContain(root);
  });

  it('a bad regular expression names the file and column', async () => {
    const outcome = await run({ pattern: { path: 'data/good.csv', column: 'email', regex: '[a-z' } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null });
    expect(outcome.message).toMatch(/^data\/good\.csv: the pattern for "email" is not a valid regular expression: missing \]/);
  });

  it('bad SQL names the file and keeps the parser message', async () => {
    const outcome = await run({ sql: { path: 'data/good.csv', query: 'selct * form data' } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null, expected: '0 failing rows' });
    expect(outcome.message).toMatch(/^data\/good\.csv: the query failed: Parser Error: syntax error at or near/);
  });

  it('sql without a path explains that there is no table data', async () => {
    const outcome = await run({ sql: { query: 'select * from data' } });
    expect(outcome.outcome).toBe('error');
    expect(outcome.message).toMatch(/^sql: the query failed: Catalog Error: .*; give the test a path to query that file as data$/);
  });

  it('a SQL statement that is not a query cannot run', async () => {
    const outcome = await run({ sql: { query: "copy (select 1) to 'data/written.csv'" } });
    expect(outcome.outcome).toBe('error');
    expect(() => readFileSync(join(root, 'data/written.csv'))).toThrow();
  });

  it('a command test is not a data test', async () => {
    expect(await run({ command: 'true' })).toMatchObject({ outcome: 'error', message: 'not a data test: it names none of the data-test kinds' });
  });
});

const SLOW_QUERY = 'select * from range(200000) a, range(200000) b where a.range + b.range = -1';

describe('timeouts and cancellation', () => {
  it('a query over its time is interrupted as an error, and the engine keeps working', async () => {
    const started = performance.now();
    const outcome = await run({ sql: { path: 'data/good.csv', query: SLOW_QUERY } }, { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(outcome).toEqual({ outcome: 'error', observed: null, expected: '0 failing rows', message: 'data/good.csv: timed out after 300ms', rowCount: null });
    expect(await run({ row_count: { path: 'data/good.csv', min: 4 } })).toMatchObject({ outcome: 'passed', observed: 4 });
  });

  it('an abort interrupts the query and resolves cancelled', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = engine.run(request({ sql: { query: SLOW_QUERY } }, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    expect(await pending).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await run({ unique: { path: 'data/good.parquet', columns: ['id'] } })).toMatchObject({ outcome: 'passed', observed: 0 });
  });

  it('an already aborted signal cancels without running', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await engine.run(request({ row_count: { path: 'data/good.csv' } }, { signal: controller.signal }))).toBe('cancelled');
  });

  it('closing the engine while a test runs ends that test as an error, without crashing', async () => {
    const other = await DataTestEngine.open();
    const pending = other.run(request({ sql: { query: SLOW_QUERY } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    other.close();
    expect(await pending).toMatchObject({ outcome: 'error', message: 'sql: the data-test engine was closed while the test ran' });
    expect(await other.run(request({ row_count: { path: 'data/good.csv' } }))).toMatchObject({ outcome: 'error', message: 'the data-test engine is closed' });
    expect(await other.countRows(root, 'data/good.csv')).toBeNull();
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
