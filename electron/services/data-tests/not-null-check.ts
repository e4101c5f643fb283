// not_null: rows with a null in any of the columns. With `mostly`, a share of such rows is
// tolerated: at most floor(rows x (1 - mostly)).
import type { DataCheck } from './data-check.js';
import { judged } from './data-check.js';
import { openDataFile } from './data-file.js';
import { fileColumns, findColumn } from './file-columns.js';
import { countFailingRows, countRows } from './failing-rows.js';
import { nullRowsFromStatistics } from './parquet-statistics.js';
import { quoteIdentifier } from './sql-text.js';
import { NO_FAILING_ROWS, columnList, rows } from './wording.js';

/** Rows allowed to have a null. The epsilon absorbs binary fractions: 100 x (1 - 0.9) is 9.999999999999998. */
export function allowedNullRows(total: number, mostly: number): number {
  return Math.floor(total * (1 - mostly) + 1e-6);
}

export const notNullCheck: DataCheck<'not_null'> = {
  expected: ({ mostly }) =>
    mostly === undefined || mostly === 1
      ? NO_FAILING_ROWS
      : `at most ${Math.round((1 - mostly) * 1e6) / 1e4}% of rows failing (mostly ${mostly})`,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const columns = await fileColumns(session, file);
    const names = args.columns.map((name) => findColumn(file, columns, name).name);
    const mostly = args.mostly ?? 1;
    // Parquet statistics answer without a scan when they can; the row count then comes from the metadata too.
    const fromStatistics = await nullRowsFromStatistics(session, file, names);
    const counted =
      fromStatistics !== null
        ? { failing: fromStatistics, total: mostly < 1 ? await countRows(session, file) : null }
        : await countFailingRows(session, {
            file,
            predicate: names.map((name) => `${quoteIdentifier(name)} IS NULL`).join(' OR '),
            params: [],
            examples: [],
            needsTotal: mostly < 1,
            failure: (message) => `${file.path}: ${message}`,
          });
    const { failing, total } = counted;
    const allowed = mostly < 1 && total !== null ? allowedNullRows(total, mostly) : 0;
    return judged({
      passed: failing <= allowed,
      observed: failing,
      expected: mostly < 1 ? `at most ${rows(allowed)} failing (mostly ${mostly})` : NO_FAILING_ROWS,
      rowCount: total,
      message: () => {
        const counted = total === null ? rows(failing) : `${failing} of ${rows(total)}`;
        const verb = failing === 1 ? 'has' : 'have';
        const tolerance = mostly < 1 ? `, more than the ${allowed} allowed (mostly ${mostly})` : '';
        return `${file.path}: ${counted} ${verb} a null in ${columnList(names)}${tolerance}`;
      },
    });
  },
};
