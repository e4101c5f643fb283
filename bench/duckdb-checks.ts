// The anchor of the data-test benchmark: the same catalog of checks written straight in DuckDB,
// as a data engineer would query the files from one Node process with @duckdb/node-api: one
// query per check, no workspace lock-down, no messages, no examples. It observes the same
// numbers as Pipewright's kinds (the bench compares them) and measures what the checks cost in
// DuckDB itself, so the ratio is Pipewright's own overhead.
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DataTestKind, DataTestSpec, TestSpec } from '../shared/pipeline/test-schema.js';
import { testKind } from '../shared/pipeline/test-schema.js';
import { percentChange } from '../electron/services/data-tests/row-count-checks.js';
import { fullMatch } from '../electron/services/data-tests/full-match.js';
import { quoteIdentifier, quoteLiteral } from '../electron/services/data-tests/sql-text.js';

export interface AnchorCheck {
  kind: string;
  ms: number;
  observed: number | null;
}

type Checks = { [K in DataTestKind]?: (args: DataTestSpec<K>) => Promise<number | null> };

async function single(connection: DuckDBConnection, sql: string): Promise<number | null> {
  const [row] = (await connection.runAndReadAll(sql)).getRows();
  const value = row?.[0];
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : null;
}

function checksOn(connection: DuckDBConnection, root: string, previousRowCount: number): Checks {
  const file = (path: string) => `read_parquet(${quoteLiteral(join(root, path))})`;
  const count = (path: string, where: string) =>
    single(connection, `SELECT count(*) FROM ${file(path)} WHERE ${where}`);
  return {
    row_count: ({ path }) => single(connection, `SELECT count(*) FROM ${file(path)}`),
    not_null: ({ path, columns }) =>
      count(path, columns.map((column) => `${quoteIdentifier(column)} IS NULL`).join(' OR ')),
    // The fastest plain form of the check: DuckDB sorts 10M keys faster than it groups them.
    unique: ({ path, columns }) => {
      const keys = columns.map(quoteIdentifier).join(', ');
      const key = columns.length === 1 ? keys : `row(${keys})`;
      const present = columns.map((column) => `${quoteIdentifier(column)} IS NOT NULL`).join(' AND ');
      return single(
        connection,
        `SELECT count(*) FROM (SELECT lag(${key}) OVER w = ${key} OR lead(${key}) OVER w = ${key} AS repeated
        FROM ${file(path)} WHERE ${present} WINDOW w AS (ORDER BY ${keys})) WHERE repeated`,
      );
    },
    accepted_values: ({ path, column, values }) =>
      count(
        path,
        `${quoteIdentifier(column)} NOT IN (${values.map((value) => quoteLiteral(String(value))).join(', ')})`,
      ),
    range: ({ path, column, min, max }) =>
      count(
        path,
        [
          min === undefined ? null : `${quoteIdentifier(column)} < ${String(min)}`,
          max === undefined ? null : `${quoteIdentifier(column)} > ${String(max)}`,
        ]
          .filter((part) => part !== null)
          .join(' OR '),
      ),
    pattern: ({ path, column, regex }) =>
      // The fastest form RE2 offers in DuckDB, as Pipewright's check uses.
      count(path, `NOT ${fullMatch(quoteIdentifier(column), regex)}`),
    schema: async ({ path, columns, allow_extra }) => {
      const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${file(path)}`)).getRowObjectsJS();
      const found = new Map(described.map((row) => [String(row.column_name), String(row.column_type)]));
      const wrong = Object.entries(columns).filter(([name, type]) => found.get(name) !== type.toUpperCase()).length;
      return (
        wrong + (allow_extra === false ? [...found.keys()].filter((name) => !Object.hasOwn(columns, name)).length : 0)
      );
    },
    freshness: async ({ path, column }) => {
      const newest = await single(connection, `SELECT epoch_ms(max(${quoteIdentifier(column)})) FROM ${file(path)}`);
      return newest === null ? null : Math.round(Date.now() - newest) / 1000;
    },
    relationship: ({ path, column, to, to_column }) =>
      single(
        connection,
        `SELECT count(*) FROM ${file(path)} AS a ANTI JOIN ${file(to)} AS b ON a.${quoteIdentifier(column)} = b.${quoteIdentifier(to_column ?? column)} WHERE a.${quoteIdentifier(column)} IS NOT NULL`,
      ),
    sql: ({ path, query }) =>
      single(connection, `WITH data AS (SELECT * FROM ${file(path ?? '')}) SELECT count(*) FROM (${query})`),
    row_count_change: async ({ path }) =>
      percentChange(previousRowCount, (await single(connection, `SELECT count(*) FROM ${file(path)}`)) ?? 0),
  };
}

/**
 * Runs `catalog` on the files under `root` in a DuckDB of this process; each check's time and
 * observed value, the total, and the CPU time of the process's threads (DuckDB's among them).
 */
export async function runDuckDBChecks(
  root: string,
  catalog: readonly TestSpec[],
  previousRowCount: number,
): Promise<{ ms: number; cpuMs: number; checks: AnchorCheck[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const checks = checksOn(connection, root, previousRowCount) as Record<
      string,
      (args: unknown) => Promise<number | null>
    >;
    const results: AnchorCheck[] = [];
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const test of catalog) {
      const kind = testKind(test) ?? 'test';
      const check = checks[kind];
      if (check === undefined) throw new Error(`the DuckDB anchor has no ${kind} check`);
      const checkStarted = performance.now();
      const observed = await check((test as Record<string, unknown>)[kind]);
      results.push({ kind, ms: performance.now() - checkStarted, observed });
    }
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, checks: results };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
