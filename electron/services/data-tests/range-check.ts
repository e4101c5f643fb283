// range: non-null rows outside [min, max]. Bounds are numbers for a numeric column and
// date/time texts for a date/time column; a text column compares alphabetically with text
// bounds. Mixing them is an error rather than a silent cast that would count every row.
import type { DataCheck } from './data-check.js';
import { noFailingRows } from './data-check.js';
import type { DataFile } from './data-file.js';
import { openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { dateTimeTypeName, typeFamily } from './column-types.js';
import type { FileColumn } from './file-columns.js';
import { fileColumns, findColumn } from './file-columns.js';
import { countFailingRows } from './failing-rows.js';
import type { Parameter, QuerySession } from './query-session.js';
import { quoteIdentifier } from './sql-text.js';
import { NO_FAILING_ROWS, quoted, rows, shownValue } from './wording.js';

type Bound = number | string;
type Side = 'min' | 'max';

export const rangeCheck: DataCheck<'range'> = {
  expected: () => NO_FAILING_ROWS,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const column = findColumn(file, await fileColumns(session, file), args.column);
    const bounds = (
      [
        ['min', args.min],
        ['max', args.max],
      ] as const
    ).filter((entry): entry is readonly [Side, Bound] => entry[1] !== undefined);
    if (bounds.length === 0) return noFailingRows(0, null, () => '');
    const params: Parameter[] = [];
    for (const [side, bound] of bounds) params.push(await boundValue(session, file, column, side, bound));
    const name = quoteIdentifier(column.name);
    // Numbers are compared as DOUBLE: bound to the column's type instead, 1e30 would not fit a
    // BIGINT and 0.5 would be rounded for an INTEGER.
    const numeric = typeFamily(column.type) === 'number';
    const parameter = (index: number) => (numeric ? `CAST($${index + 1} AS DOUBLE)` : `$${index + 1}`);
    const predicate = bounds
      .map(([side], index) => `${name} ${side === 'min' ? '<' : '>'} ${parameter(index)}`)
      .join(' OR ');
    const { failing, total, examples } = await countFailingRows(session, {
      file,
      predicate,
      params,
      examples: [
        { aggregate: 'min', expression: name },
        { aggregate: 'max', expression: name },
      ],
      needsTotal: false,
      failure: (message) => `${file.path}: ${message}`,
    });
    return noFailingRows(failing, total, () => {
      const [lowest, highest] = examples;
      const found = lowest === highest ? ` (${lowest ?? ''})` : ` (from ${lowest ?? ''} to ${highest ?? ''})`;
      return `${file.path}: ${rows(failing)} ${failing === 1 ? 'has' : 'have'} ${quoted(column.name)} ${allowedRange(args.min, args.max)}${found}`;
    });
  },
};

function allowedRange(min: Bound | undefined, max: Bound | undefined): string {
  if (min !== undefined && max !== undefined) return `outside ${shownValue(min)} to ${shownValue(max)}`;
  if (min !== undefined) return `below ${shownValue(min)}`;
  return `above ${shownValue(max ?? '')}`;
}

/** The bound as a parameter DuckDB compares with the column, or an error saying why it cannot be. */
async function boundValue(
  session: QuerySession,
  file: DataFile,
  column: FileColumn,
  side: Side,
  bound: Bound,
): Promise<Parameter> {
  const where = `${file.path}: range ${side} ${shownValue(bound)}`;
  switch (typeFamily(column.type)) {
    case 'number': {
      const value = typeof bound === 'number' ? bound : Number(bound.trim());
      if (bound === '' || !Number.isFinite(value))
        throw new DataTestError(`${where} is not a number, and ${quoted(column.name)} is ${column.type}`);
      return value;
    }
    case 'time': {
      const type = dateTimeTypeName(column.type);
      if (typeof bound !== 'string' || type === null) {
        throw new DataTestError(
          `${where} is a number, but ${quoted(column.name)} is ${column.type}: give it as a date/time text such as "2024-01-31"`,
        );
      }
      // Checked on its own so that a typo in a date is reported as such, not as a failed scan.
      const row = await session.row(`SELECT TRY_CAST($1 AS ${type}) IS NULL AS invalid`, [bound], {
        failure: (message) => `${where}: ${message}`,
      });
      if (row.invalid === true) throw new DataTestError(`${where} is not a valid ${type}`);
      return bound;
    }
    case 'text':
      if (typeof bound !== 'string') {
        throw new DataTestError(
          `${where} is a number, but ${quoted(column.name)} is text (${column.type}); give text bounds to compare it alphabetically`,
        );
      }
      return bound;
    default:
      throw new DataTestError(
        `${file.path}: range needs a number, date/time or text column; ${quoted(column.name)} is ${column.type}`,
      );
  }
}
