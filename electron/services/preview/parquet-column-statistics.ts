// What Parquet footers say of each column, read without a scan: null counts and, for numbers,
// dates and timestamps, the min and max. They are used only when every row group of every file
// carries them, so they are exact; strings are left to the scan (writers may truncate their
// statistics), and so is any column the footers leave out.
import type { Json } from '@duckdb/node-api';
import type { PreviewColumn } from '../../../shared/preview/preview-types.js';
import { quoteList, quoteLiteral } from '../data-tests/sql-text.js';
import type { KnownStatistics } from './profile-queries.js';
import { isNumericType, jsonNumber } from './profile-queries.js';

// DECIMAL statistics come as raw bytes in some writers' files; they go through the scan.
const RANGE_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DATE|TIMESTAMP)$/;

/** Per column (by index): its chunks, those with statistics, and the min and max cast back to its type. */
export function statisticsQuery(files: readonly string[], columns: readonly PreviewColumn[]): string | null {
  if (columns.length === 0) return null;
  const metadata = `parquet_metadata(${quoteList(files)})`;
  return columns
    .map((column, index) => {
      const ranged = RANGE_TYPES.test(column.type);
      const numeric = ranged && isNumericType(column.type);
      const low = ranged ? `min(TRY_CAST(stats_min_value AS ${column.type}))` : 'NULL';
      const high = ranged ? `max(TRY_CAST(stats_max_value AS ${column.type}))` : 'NULL';
      return `SELECT ${index} AS "column", count(*) AS chunks, count(stats_null_count) AS counted, coalesce(sum(stats_null_count), 0) AS nulls,
      count(TRY_CAST(stats_min_value AS ${ranged ? column.type : 'VARCHAR'})) AS with_min, count(TRY_CAST(stats_max_value AS ${ranged ? column.type : 'VARCHAR'})) AS with_max,
      CAST(${low} AS VARCHAR) AS min, CAST(${high} AS VARCHAR) AS max,
      ${numeric ? `CAST(${low} AS DOUBLE)` : 'NULL'} AS low, ${numeric ? `CAST(${high} AS DOUBLE)` : 'NULL'} AS high
      FROM ${metadata} WHERE path_in_schema = ${quoteLiteral(column.name)}`;
    })
    .join('\nUNION ALL\n');
}

/** The statistics that cover all `rowGroups` row groups, by column index. */
export function knownStatistics(
  columns: readonly PreviewColumn[],
  names: readonly string[],
  rows: readonly Json[][],
  rowGroups: number,
): Map<number, KnownStatistics> {
  const known = new Map<number, KnownStatistics>();
  for (const row of rows) {
    const cell = (name: string) => row[names.indexOf(name)] ?? null;
    const index = jsonNumber(cell('column'));
    const column = index === null ? undefined : columns[index];
    if (index === null || column === undefined || jsonNumber(cell('chunks')) !== rowGroups || rowGroups === 0) continue;
    const complete = (name: string) => jsonNumber(cell(name)) === rowGroups;
    const ranged = RANGE_TYPES.test(column.type) && complete('with_min') && complete('with_max');
    const low = jsonNumber(cell('low'));
    const high = jsonNumber(cell('high'));
    known.set(index, {
      nulls: complete('counted') ? jsonNumber(cell('nulls')) : null,
      min: ranged ? textOf(cell('min')) : null,
      max: ranged ? textOf(cell('max')) : null,
      range:
        ranged &&
        isNumericType(column.type) &&
        low !== null &&
        high !== null &&
        Number.isFinite(low) &&
        Number.isFinite(high)
          ? { low, high }
          : null,
    });
  }
  return known;
}

function textOf(value: Json): string | null {
  return typeof value === 'string' ? value : null;
}
