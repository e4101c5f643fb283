// Most checks count the rows that fail a condition. The counting is pushed into one DuckDB
// query per test; no row ever reaches JavaScript, only the count and an example for the message.
import type { DataFile } from './data-file.js';
import type { FailingRows, FailingRowsQuery } from './failing-rows-types.js';
import type { QuerySession } from './query-session.js';
import { countCell, textCell } from './query-session.js';
import { scansOf } from './shared-scans.js';

export type { Example, FailingRows, FailingRowsQuery } from './failing-rows-types.js';

export async function countFailingRows(session: QuerySession, query: FailingRowsQuery): Promise<FailingRows> {
  const shared = scansOf(session)?.take(query);
  if (shared) return shared;
  const { file, predicate, params, examples, failure } = query;
  const exampleColumns = (filter: string) =>
    examples.map(
      (example, index) => `CAST(${example.aggregate}(${example.expression})${filter} AS VARCHAR) AS example_${index}`,
    );
  if (file.format === 'parquet') {
    // As a WHERE clause the predicate reaches the Parquet reader, which skips every row group
    // whose min/max/null-count statistics show that none of its rows can fail: a passing check
    // on a clean column reads next to nothing. The row count then comes from the metadata.
    const select = ['count(*) AS failing', ...exampleColumns('')].join(', ');
    const row = await session.row(`SELECT ${select} FROM ${file.reader} WHERE ${predicate}`, params, { failure });
    const total = query.needsTotal ? await countRows(session, file) : null;
    return {
      failing: countCell(row.failing),
      total,
      examples: examples.map((_, index) => textCell(row[`example_${index}`])),
    };
  }
  // CSV and JSON have no statistics to skip by: one pass counts failing rows and all rows.
  const filter = ` FILTER (WHERE ${predicate})`;
  const select = [`count(*)${filter} AS failing`, ...exampleColumns(filter), 'count(*) AS total'].join(', ');
  const row = await session.row(`SELECT ${select} FROM ${file.reader}`, params, { failure });
  return {
    failing: countCell(row.failing),
    total: countCell(row.total),
    examples: examples.map((_, index) => textCell(row[`example_${index}`])),
  };
}

/** Rows of a data file; for Parquet DuckDB answers from the metadata without reading rows. */
export async function countRows(session: QuerySession, file: DataFile): Promise<number> {
  const shared = scansOf(session)?.takeCount(file);
  if (shared !== undefined && shared !== null) return shared;
  const row = await session.row(`SELECT count(*) AS n FROM ${file.reader}`, [], {
    failure: (message) => `${file.path}: ${message}`,
  });
  return countCell(row.n);
}
