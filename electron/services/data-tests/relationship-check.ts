// relationship: rows whose non-null value has no match in the key column of another file
// (orders.customer_id in customers.id). An anti join in DuckDB: the keys are hashed once.
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import { openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { typeFamily } from './column-types.js';
import { fileColumns, findColumn } from './file-columns.js';
import { countCell, textCell } from './query-session.js';
import { quoteIdentifier } from './sql-text.js';
import { NO_FAILING_ROWS, example, quoted, rows } from './wording.js';

export const relationshipCheck: DataCheck<'relationship'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const target = await openDataFile(root, args.to);
    const column = findColumn(file, await fileColumns(session, file), args.column);
    const key = findColumn(target, await fileColumns(session, target), args.to_column ?? args.column);
    const families = [typeFamily(column.type), typeFamily(key.type)];
    if (families[0] !== families[1] && !families.includes('other')) {
      throw new DataTestError(
        `${file.path}: ${quoted(column.name)} is ${column.type} but ${quoted(key.name)} in ${target.path} is ${key.type}; they cannot be compared`,
      );
    }
    const value = quoteIdentifier(column.name);
    const row = await session.row(
      `SELECT count(*) AS failing, CAST(min(a.v) AS VARCHAR) AS example
       FROM (SELECT ${value} AS v FROM ${file.reader} WHERE ${value} IS NOT NULL) AS a
       ANTI JOIN (SELECT ${quoteIdentifier(key.name)} AS k FROM ${target.reader}) AS b ON a.v = b.k`,
      [],
      { failure: (message) => `${file.path}: ${message}` },
    );
    const failing = countCell(row.failing);
    return noFailingRows(
      failing,
      null,
      () =>
        `${file.path}: ${rows(failing)} ${failing === 1 ? 'has' : 'have'} a ${quoted(column.name)} with no match in ${quoted(key.name)} of ${target.path}${example(textCell(row.example))}`,
    );
  },
};
