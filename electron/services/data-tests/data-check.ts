// What every kind of data test provides: the words for what passes, and the check itself.
import type { DataTestKind, DataTestSpec } from '../../../shared/pipeline/test-schema.js';
import type { QuerySession } from './query-session.js';
import { NO_FAILING_ROWS } from './wording.js';

export interface DataTestOutcome {
  /** error: the test could not run (missing or malformed file, unknown column, bad SQL, timeout). */
  outcome: 'passed' | 'failed' | 'error';
  /** What was measured (rows failing, rows, age in seconds, percent); null on error. */
  observed: number | null;
  /** What passes, in words: "0 rows", "at least 1000 rows", "at most 3600 s old", "change at most 10%". */
  expected: string;
  /** Null when passed; otherwise one sentence naming the file, the column and the numbers. */
  message: string | null;
  /** Rows of the checked file when the test counted them (always for row_count and row_count_change), else null. */
  rowCount: number | null;
}

export interface CheckContext {
  session: QuerySession;
  /** Absolute workspace root. */
  root: string;
  previousRowCount(path: string): number | null;
}

export interface DataCheck<K extends DataTestKind> {
  /** What passes, known before any data is read, so a result that could not run still says it. */
  expected(args: DataTestSpec<K>): string;
  /** Throws DataTestError when the test cannot run; the engine turns that into an 'error' outcome. */
  run(context: CheckContext, args: DataTestSpec<K>): Promise<DataTestOutcome>;
}

export interface Verdict {
  passed: boolean;
  observed: number | null;
  expected: string;
  rowCount: number | null;
  /** Only asked for when the test failed. */
  message(): string;
}

export function judged(verdict: Verdict): DataTestOutcome {
  return {
    outcome: verdict.passed ? 'passed' : 'failed',
    observed: verdict.observed,
    expected: verdict.expected,
    message: verdict.passed ? null : verdict.message(),
    rowCount: verdict.rowCount,
  };
}

/** The verdict of a check that counts failing rows: it passes when there are none. */
export function noFailingRows(failing: number, rowCount: number | null, message: () => string): DataTestOutcome {
  return judged({ passed: failing === 0, observed: failing, expected: NO_FAILING_ROWS, rowCount, message });
}
