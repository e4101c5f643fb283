// Parquet files carry a null count per column and row group. When they cover every row group,
// not_null needs no scan at all: DuckDB itself trusts them to skip row groups.
import type { DataFile } from './data-file.js';
import type { QuerySession } from './query-session.js';
import { countCell } from './query-session.js';
import { quoteList } from './sql-text.js';

/**
 * Rows with a null in any of the columns, from the statistics alone; null when they cannot
 * tell: not Parquet, a column missing from some file or nested, a row group without a null
 * count, or nulls in two columns (which may or may not be on the same rows).
 */
export async function nullRowsFromStatistics(
  session: QuerySession,
  file: DataFile,
  columns: readonly string[],
): Promise<number | null> {
  if (file.format !== 'parquet') return null;
  const files = quoteList(file.files);
  const failure = (message: string) => `${file.path}: ${message}`;
  const { row_groups: rowGroups } = await session.row(
    `SELECT sum(num_row_groups) AS row_groups FROM parquet_file_metadata(${files})`,
    [],
    { failure },
  );
  const chunks = await session.rows(
    `SELECT path_in_schema AS name, count(*) AS chunks, count(stats_null_count) AS counted, coalesce(sum(stats_null_count), 0) AS null_rows
     FROM parquet_metadata(${files}) WHERE path_in_schema IN (${columns.map((_, index) => `$${index + 1}`).join(', ')}) GROUP BY path_in_schema`,
    [...columns],
    { failure },
  );
  const expected = countCell(rowGroups);
  const complete =
    chunks.length === columns.length &&
    chunks.every((chunk) => countCell(chunk.chunks) === expected && countCell(chunk.counted) === expected);
  if (!complete) return null;
  const withNulls = chunks.filter((chunk) => countCell(chunk.null_rows) > 0);
  if (withNulls.length > 1) return null;
  return withNulls[0] === undefined ? 0 : countCell(withNulls[0].null_rows);
}
