// pattern: non-null rows whose value, as text, does not match the regular expression in full
// (RE2 syntax, as DuckDB's regexp_full_match).
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import { openDataFile } from './data-file.js';
import { typeFamily } from './column-types.js';
import { fileColumns, findColumn } from './file-columns.js';
import { countFailingRows } from './failing-rows.js';
import { fullMatch } from './full-match.js';
import { quoteIdentifier, quoteLiteral } from './sql-text.js';
import { NO_FAILING_ROWS, example, quoted, rows } from './wording.js';

export const patternCheck: DataCheck<'pattern'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const column = findColumn(file, await fileColumns(session, file), args.column);
    // A literal, not a parameter: DuckDB compiles a constant regex once instead of per row.
    await session.rows(`SELECT regexp_full_match('', ${quoteLiteral(args.regex)})`, [], {
      failure: (message) =>
        `${file.path}: the pattern for ${quoted(column.name)} is not a valid regular expression: ${message}`,
    });
    const name = quoteIdentifier(column.name);
    const text = typeFamily(column.type) === 'text' ? name : `CAST(${name} AS VARCHAR)`;
    const { failing, total, examples } = await countFailingRows(session, {
      file,
      predicate: `NOT ${fullMatch(text, args.regex)}`,
      params: [],
      examples: [{ aggregate: 'min', expression: text }],
      needsTotal: false,
      failure: (message) => `${file.path}: ${message}`,
    });
    return noFailingRows(
      failing,
      total,
      () =>
        `${file.path}: ${rows(failing)} ${failing === 1 ? 'has' : 'have'} a value of ${quoted(column.name)} that does not match ${args.regex}${example(examples[0] ?? null)}`,
    );
  },
};
