// A data file's first rows, schema, row count and column profile, from DuckDB in as few scans
// as the file allows: the schema from DESCRIBE (no scan), the first rows from the head of the
// file, the count and per-column statistics from Parquet's footers (no scan), then one profile
// scan (two for a file without footers: the second bins between the min and max of the first).
// Without the profile, a preview stops before its first scan: what a person sees at once.
import type { DuckDBConnection, Json } from '@duckdb/node-api';
import type { PreviewColumn, TablePreview } from '../../../shared/preview/preview-types.js';
import type { DataFile } from '../data-tests/data-file.js';
import { shortenDuckDBMessage } from '../data-tests/duckdb-messages.js';
import { quoteList } from '../data-tests/sql-text.js';
import { PreviewError } from './preview-files.js';
import { knownStatistics, statisticsQuery } from './parquet-column-statistics.js';
import type { KnownStatistics } from './profile-queries.js';
import { binRanges, histogramQuery, jsonNumber, previewCell, profileQuery, readProfile } from './profile-queries.js';

/** The statements a preview starts with, in order. */
interface TableQueries {
  describe: string;
  head: string;
  /** Rows and row groups from Parquet footers; null when the count comes with the profile (every other format). */
  count: string | null;
}

function tableQueries(file: DataFile, rows: number): TableQueries {
  return {
    describe: `DESCRIBE SELECT * FROM ${file.reader}`,
    head: `SELECT * FROM ${file.reader} LIMIT ${Math.max(0, Math.floor(rows))}`,
    count:
      file.format === 'parquet'
        ? `SELECT sum(num_rows) AS "rows", sum(num_row_groups) AS "groups" FROM parquet_file_metadata(${quoteList(file.files)})`
        : null,
  };
}

type Query = (sql: string) => Promise<{ names: string[]; rows: Json[][] }>;

/** Up to this many rows (or, without a count ahead, this many bytes of text) distinct values are counted exactly. */
const EXACT_DISTINCT_ROWS = 1_000_000;
const EXACT_DISTINCT_BYTES = 64 * 1024 * 1024;

/** Runs a preview's statements through `query`: the service's guarded connection or, in the benchmark, a bare one. */
export async function previewTable(
  file: DataFile,
  rows: number,
  bytes: number,
  query: Query,
  options: { profile: boolean } = { profile: true },
): Promise<TablePreview> {
  const queries = tableQueries(file, rows);
  const described = await query(queries.describe);
  const columns: PreviewColumn[] = described.rows.map((row) => ({
    name: String(row[0] ?? ''),
    type: String(row[1] ?? ''),
  }));
  const head = await query(queries.head);
  const footer = queries.count === null ? null : firstRow(await query(queries.count));
  const counted = footer === null ? null : jsonNumber(footer.rows);
  const exactDistinct = counted === null ? bytes <= EXACT_DISTINCT_BYTES : counted <= EXACT_DISTINCT_ROWS;
  const cells = head.rows.map((row) => row.map((cell, index) => previewCell(cell, columns[index]?.type ?? '')));
  const preview = {
    kind: 'table' as const,
    path: file.path,
    format: file.format,
    distinctApproximate: !exactDistinct,
    columns,
    rows: cells,
  };
  if (!options.profile) return { ...preview, rowCount: counted, profile: null };
  const known = await footerStatistics(file, columns, jsonNumber(footer?.groups), query);
  const aggregate = firstRow(
    await query(profileQuery(file.reader, columns, { countRows: counted === null, exactDistinct, known })),
  );
  const rowCount = counted ?? jsonNumber(aggregate.rows) ?? 0;
  const second = histogramQuery(file.reader, columns, binRanges(columns, aggregate));
  const histograms = second === null ? {} : firstRow(await query(second));
  return { ...preview, rowCount, profile: readProfile(columns, rowCount, aggregate, histograms, known) };
}

/** Parquet only, and only with the row-group count known: what its footers tell of each column. */
async function footerStatistics(
  file: DataFile,
  columns: readonly PreviewColumn[],
  rowGroups: number | null,
  query: Query,
): Promise<Map<number, KnownStatistics>> {
  const sql = file.format === 'parquet' && rowGroups !== null ? statisticsQuery(file.files, columns) : null;
  if (sql === null || rowGroups === null) return new Map();
  const answer = await query(sql);
  return knownStatistics(columns, answer.names, answer.rows, rowGroups);
}

function firstRow(result: { names: string[]; rows: Json[][] }): Record<string, Json> {
  const row = result.rows[0] ?? [];
  return Object.fromEntries(result.names.map((name, index) => [name, row[index] ?? null]));
}

/** A query on a connection, with DuckDB's error shortened to one sentence naming the file. */
export function connectionQuery(connection: DuckDBConnection, file: DataFile, root: string): Query {
  return async (sql) => {
    try {
      const reader = await connection.runAndReadAll(sql);
      return { names: reader.columnNames(), rows: reader.getRowsJson() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new PreviewError(`${file.path}: ${shortenDuckDBMessage(message, { root })}`);
    }
  };
}
