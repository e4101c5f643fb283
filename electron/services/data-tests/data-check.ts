// What every kind of data test provides: the words for what passes, and the check itself.
import type { DataTestKind, DataTestSpec } from '../../../shared/pipeline/test-schema.js';
import type { DataTestOutcome } from './data-test-engine.js';
import type { QuerySession } from './query-session.js';
import { NO_FAILING_ROWS } from './wording.js';

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
