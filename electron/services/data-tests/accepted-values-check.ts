// accepted_values: rows whose value is not in the list. The values are parameters that DuckDB
// casts to the column's type, so 1 matches an INTEGER 1 and "1" a VARCHAR "1".
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import { openDataFile } from './data-file.js';
import { isIntegerType } from './column-types.js';
import { fileColumns, findColumn } from './file-columns.js';
import { countFailingRows } from './failing-rows.js';
import { quoteIdentifier } from './sql-text.js';
import { NO_FAILING_ROWS, example, quoted, rows } from './wording.js';

export const acceptedValuesCheck: DataCheck<'accepted_values'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const column = findColumn(file, await fileColumns(session, file), args.column);
    const name = quoteIdentifier(column.name);
    // Cast to an integer column's type, 2.5 would become 3 and accept the 3s: such a value can
    // match no row, so it is left out.
    const values = isIntegerType(column.type)
      ? args.values.filter((value) => typeof value !== 'number' || Number.isInteger(value))
      : args.values;
    const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
    const { failing, total, examples } = await countFailingRows(session, {
      file,
      // NOT IN on a null value is null: nulls are left to not_null.
      predicate: values.length === 0 ? `${name} IS NOT NULL` : `${name} NOT IN (${placeholders})`,
      params: values,
      examples: [{ aggregate: 'min', expression: name }],
      needsTotal: false,
      failure: (message) =>
        `${file.path}: the accepted values cannot be compared with ${quoted(column.name)} (${column.type}): ${message}`,
    });
    return noFailingRows(
      failing,
      total,
      () =>
        `${file.path}: ${rows(failing)} ${failing === 1 ? 'has' : 'have'} a value of ${quoted(column.name)} that is not an accepted value${example(examples[0] ?? null)}`,
    );
  },
};
