// sql: the user's query returns the failing rows. It runs as they wrote it once checked to be
// one read-only SELECT (user-query.ts), wrapped in a count: the test's file is the table
// `data`, and any workspace file can be read by its relative path (never one outside).
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import { openDataFile } from './data-file.js';
import { countCell } from './query-session.js';
import { bareQuery } from './sql-text.js';
import { checkedQuery } from './user-query.js';
import { NO_FAILING_ROWS, rows } from './wording.js';

export const sqlCheck: DataCheck<'sql'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = args.path === undefined ? null : await openDataFile(root, args.path);
    const where = file?.path ?? 'sql';
    const query = await checkedQuery(session, bareQuery(args.query), where);
    // NOT MATERIALIZED keeps `data` a view, so the query's filters reach the reader instead of
    // DuckDB first copying the whole file when `data` is used twice.
    const data = file === null ? '' : `WITH data AS NOT MATERIALIZED (SELECT * FROM ${file.reader}) `;
    // The query goes on lines of its own so a trailing -- comment cannot swallow the parenthesis.
    const row = await session.row(`${data}SELECT count(*) AS failing FROM (\n${query}\n) AS failing_rows`, [], {
      keepCategory: true,
      failure: (message) => {
        const hint =
          file === null && /with name data does not exist/i.test(message)
            ? '; give the test a path to query that file as data'
            : '';
        return `${where}: the query failed: ${message}${hint}`;
      },
    });
    const failing = countCell(row.failing);
    return noFailingRows(
      failing,
      null,
      () => `${where}: the query returned ${rows(failing)}; the test passes when it returns none`,
    );
  },
};
