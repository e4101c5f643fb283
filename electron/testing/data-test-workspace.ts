// A temporary workspace of data files for the data-test engine's integration tests: the same
// rows as CSV, TSV, gzipped CSV, JSON lines, a JSON array and Parquet (written by DuckDB), the
// broken files users meet, and an engine to run tests on them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { TestSpec } from '../../shared/pipeline/test-schema.js';
import type { DataTestOutcome, DataTestRequest } from '../services/data-tests/data-test-engine.js';
import { DataTestEngine } from '../services/data-tests/data-test-engine.js';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
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
const CUSTOMERS: Cell[][] = [
  [10, 'Ann'],
  [11, 'Bob'],
  [12, 'Cy'],
];

let root = '';
let engine: DataTestEngine;

function csv(columns: string[], rows: Cell[][]): string {
  return (
    [columns.join(','), ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))).join(','))].join(
      '\n',
    ) + '\n'
  );
}

function records(columns: string[], rows: Cell[][]): Record<string, Cell>[] {
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] ?? null])));
}

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function copyToParquet(
  connection: Awaited<ReturnType<DuckDBInstance['connect']>>,
  from: string,
  to: string,
): Promise<void> {
  await connection.run(
    `COPY (SELECT * FROM read_csv('${join(root, from)}', header = true)) TO '${join(root, to)}' (FORMAT parquet)`,
  );
}

/** Sets the workspace and the engine up for the calling test file. */
export function useDataTestWorkspace(): void {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pipewright-data-tests-'));
    write('data/good.csv', csv(COLUMNS, GOOD));
    write('data/bad.csv', csv(BAD_COLUMNS, BAD));
    write('data/customers.csv', csv(['customer_id', 'name'], CUSTOMERS));
    write(
      'data/good.jsonl',
      records(COLUMNS, GOOD)
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    write(
      'data/bad.jsonl',
      records(BAD_COLUMNS, BAD)
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    // A JSON array rather than lines: both are JSON files.
    write('data/customers.json', JSON.stringify(records(['customer_id', 'name'], CUSTOMERS)));
    write('data/good.tsv', csv(COLUMNS, GOOD).replaceAll(',', '\t'));
    write('data/good.csv.gz', gzipSync(readFileSync(join(root, 'data/good.csv'))));
    write('data/empty.csv', `${COLUMNS.join(',')}\n`);
    write('data/broken.csv', 'id,amount\n1,2\n3,4,5\n6,7\n');
    write(
      'data/late-broken.csv',
      `id,amount\n${Array.from({ length: 30_000 }, (_, index) => `${index},${index}.5\n`).join('')}1,2,3\n`,
    );
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
}

export function request(test: TestSpec, overrides: Partial<DataTestRequest> = {}): DataTestRequest {
  return {
    root,
    test,
    timeoutMs: null,
    signal: new AbortController().signal,
    previousRowCount: () => null,
    ...overrides,
  };
}

export async function run(test: TestSpec, overrides: Partial<DataTestRequest> = {}): Promise<DataTestOutcome> {
  const outcome = await engine.run(request(test, overrides));
  if (outcome === 'cancelled') throw new Error('unexpectedly cancelled');
  return outcome;
}

/** The workspace root (set once the file's tests start). */
export function workspaceRoot(): string {
  return root;
}

export function dataTestEngine(): DataTestEngine {
  return engine;
}
