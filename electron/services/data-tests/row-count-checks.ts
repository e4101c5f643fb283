// row_count and row_count_change: the number of rows, against bounds or against the count at
// the last successful run in the same environment.
import type { DataCheck } from './data-check.js';
import { judged } from './data-check.js';
import { openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { countRows } from './failing-rows.js';
import { figure, rowCountRange, rows } from './wording.js';

export const rowCountCheck: DataCheck<'row_count'> = {
  expected: ({ min, max }) => rowCountRange(min, max),

  async run({ session, root }, args) {
    const { min, max } = args;
    if (min !== undefined && max !== undefined && min > max)
      throw new DataTestError(`${args.path}: row_count min (${min}) is greater than max (${max})`);
    const file = await openDataFile(root, args.path);
    const count = await countRows(session, file);
    const expected = rowCountRange(min, max);
    return judged({
      passed: (min === undefined || count >= min) && (max === undefined || count <= max),
      observed: count,
      expected,
      rowCount: count,
      message: () => `${file.path} has ${rows(count)}; expected ${expected}`,
    });
  },
};

const NO_EARLIER_RUN = 'no earlier run to compare with';
const allowedChange = (maxPercent: number) => `change at most ${figure(maxPercent)}%`;

/** The change in percent, or null when it has none (from 0 rows to some). */
export function percentChange(previous: number, count: number): number | null {
  if (previous === 0) return count === 0 ? 0 : null;
  // Multiplied before dividing: 100 x 100 / 1000 is exactly 10, 100 / 1000 x 100 is not.
  return (Math.abs(count - previous) * 100) / previous;
}

export const rowCountChangeCheck: DataCheck<'row_count_change'> = {
  expected: ({ max_percent }) => allowedChange(max_percent),

  async run({ session, root, previousRowCount }, args) {
    const file = await openDataFile(root, args.path);
    const count = await countRows(session, file);
    const previous = previousRowCount(args.path);
    if (previous === null)
      return judged({ passed: true, observed: null, expected: NO_EARLIER_RUN, rowCount: count, message: () => '' });
    const change = percentChange(previous, count);
    const expected = allowedChange(args.max_percent);
    if (change === null) {
      return judged({
        passed: false,
        observed: null,
        expected,
        rowCount: count,
        message: () =>
          `${file.path} has ${rows(count)} where the last successful run had none: a change from 0 has no percentage`,
      });
    }
    return judged({
      passed: change <= args.max_percent,
      observed: change,
      expected,
      rowCount: count,
      message: () =>
        `${file.path} has ${rows(count)}, ${figure(change)}% ${count > previous ? 'more' : 'fewer'} than the ${previous} at the last successful run; at most ${figure(args.max_percent)}% is allowed`,
    });
  },
};
