// unique: rows whose key (the columns together) another row shares. As with a SQL UNIQUE
// constraint, a key with a null in it equals nothing: nulls are left to not_null.
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import type { DataFile } from './data-file.js';
import { openDataFile } from './data-file.js';
import { fileColumns, findColumn } from './file-columns.js';
import type { QuerySession } from './query-session.js';
import { countCell, textCell } from './query-session.js';
import { quoteIdentifier } from './sql-text.js';
import { NO_FAILING_ROWS, columnList, example, rows } from './wording.js';

export const uniqueCheck: DataCheck<'unique'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const columns = await fileColumns(session, file);
    const names = args.columns.map((name) => findColumn(file, columns, name).name);
    const keys = names.map(quoteIdentifier);
    const key = keys.length === 1 ? (keys[0] ?? '') : `row(${keys.join(', ')})`;
    const keyText =
      keys.length === 1
        ? `CAST(${key} AS VARCHAR)`
        : `concat_ws(', ', ${keys.map((each) => `CAST(${each} AS VARCHAR)`).join(', ')})`;
    const present = keys.map((each) => `${each} IS NOT NULL`).join(' AND ');
    if (await strictlyIncreasing(session, file, key, present)) return noFailingRows(0, null, () => '');
    // Sorted, a row is duplicated when its neighbour has the same key. DuckDB sorts faster than
    // it builds a hash table of millions of distinct keys (twice as fast on a file already in
    // key order, as ids usually are), and lag and lead over one window share the sort. The
    // example text is built outside, so only for duplicated rows.
    const row = await session.row(
      `SELECT count(*) AS failing, min(${keyText}) AS example FROM (
         SELECT ${keys.join(', ')}, (lag(${key}) OVER w = ${key} OR lead(${key}) OVER w = ${key}) AS pipewright_duplicated
         FROM ${file.reader}
         WHERE ${present}
         WINDOW w AS (ORDER BY ${keys.join(', ')}))
       WHERE pipewright_duplicated`,
      [],
      { failure: (message) => `${file.path}: ${message}` },
    );
    const failing = countCell(row.failing);
    return noFailingRows(failing, null, () => {
      const what =
        names.length === 1 ? `a value of ${columnList(names)}` : `their values of ${columnList(names, 'and')}`;
      return `${file.path}: ${rows(failing)} share ${what} with another row${example(textCell(row.example))}`;
    });
  },
};

/**
 * Whether the keys, in the order DuckDB reads them, only ever increase: then none repeats, in
 * whatever order that is. Keys already in order (as ids usually are) are proven unique by one
 * streaming pass, several times cheaper than the sort that finds the duplicated rows.
 */
async function strictlyIncreasing(
  session: QuerySession,
  file: DataFile,
  key: string,
  present: string,
): Promise<boolean> {
  const row = await session.row(
    `SELECT count(*) FILTER (WHERE NOT (pipewright_key > pipewright_previous)) AS out_of_order FROM (
       SELECT pipewright_key, lag(pipewright_key) OVER () AS pipewright_previous
       FROM (SELECT ${key} AS pipewright_key FROM ${file.reader} WHERE ${present}))`,
    [],
    { failure: (message) => `${file.path}: ${message}` },
  );
  return countCell(row.out_of_order) === 0;
}
