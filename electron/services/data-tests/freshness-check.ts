// freshness: the age of the newest value of a date/time column. A timestamp without a time
// zone is read as UTC, as Parquet writers and DuckDB store them. For Parquet DuckDB takes the
// newest value from the column statistics, without reading the rows.
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import type { DataCheck } from './data-check.js';
import { judged } from './data-check.js';
import { openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { hasDate, typeFamily } from './column-types.js';
import { fileColumns, findColumn } from './file-columns.js';
import { numberCell, textCell } from './query-session.js';
import { quoteIdentifier } from './sql-text.js';
import { figure, quoted } from './wording.js';

const maxAgeSeconds = (maxAge: string | number) => parseDurationMs(maxAge) / 1000;

export const freshnessCheck: DataCheck<'freshness'> = {
  expected: ({ max_age }) => `at most ${figure(maxAgeSeconds(max_age))} s old`,

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const column = findColumn(file, await fileColumns(session, file), args.column);
    const name = quoteIdentifier(column.name);
    // A text column is read as timestamps: a CSV with no rows, or a JSON file whose dates
    // DuckDB did not recognise, has its date column typed VARCHAR.
    const text = typeFamily(column.type) === 'text';
    if (!text && !hasDate(column.type))
      throw new DataTestError(`${file.path}: ${quoted(column.name)} is ${column.type}, not a date or timestamp`);
    const value = text ? `CAST(${name} AS TIMESTAMP)` : name;
    const row = await session.row(
      `SELECT epoch_ms(max(${value})) AS newest_ms, CAST(max(${value}) AS VARCHAR) AS newest FROM ${file.reader}`,
      [],
      {
        failure: (message) =>
          text
            ? `${file.path}: ${quoted(column.name)} is ${column.type} and does not read as timestamps: ${message}`
            : `${file.path}: ${message}`,
      },
    );
    const limit = maxAgeSeconds(args.max_age);
    const expected = `at most ${figure(limit)} s old`;
    const newest = numberCell(row.newest_ms);
    if (newest === null) {
      return judged({
        passed: false,
        observed: null,
        expected,
        rowCount: null,
        message: () =>
          `${file.path}: ${quoted(column.name)} has no values (the file is empty or the column is all null)`,
      });
    }
    const age = Math.round(Date.now() - newest) / 1000;
    return judged({
      passed: age <= limit,
      observed: age,
      expected,
      rowCount: null,
      message: () =>
        `${file.path}: the newest ${quoted(column.name)} (${textCell(row.newest) ?? ''}) is ${figure(age)} s old, more than ${figure(limit)} s`,
    });
  },
};
