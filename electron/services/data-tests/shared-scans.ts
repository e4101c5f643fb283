// The tests of one batch that count failing rows of the same file share one scan of it: their
// conditions become FILTER aggregates of a single SELECT, so the file is read once however
// many of not_null, accepted_values, range and pattern check it. Each test still gets its own
// count and examples, exactly what its own query would have found. The scan counts the file's
// rows too, which answers row_count and row_count_change: a CSV or JSON file is then read once
// for all of them (a Parquet file's row count comes from its metadata, so a count alone never
// makes one scan out of two there).
//
// Sharing takes two passes over the checks. While planning, countFailingRows records the query
// a check would run and stops the check there (ScanPlanned); the shared queries then run, and
// in the real pass countFailingRows answers from them. A query that is not shared, or a shared
// scan that failed, runs on its own as before, so an error is reported by the test that made it.
import { DataTestError } from './data-test-error.js';
import type { DataFile } from './data-file.js';
import type { FailingRows, FailingRowsQuery } from './failing-rows-types.js';
import type { Parameter, QuerySession } from './query-session.js';
import { countCell, textCell } from './query-session.js';

// The scans a session's test shares with the others of its batch, kept beside the session
// rather than in it, so a query session knows nothing of batches.
const sharedBySession = new WeakMap<QuerySession, SharedScans>();

/** The scans the test run in this session shares, if it is part of a batch. */
export function scansOf(session: QuerySession): SharedScans | null {
  return sharedBySession.get(session) ?? null;
}

export function shareScansIn(session: QuerySession, scans: SharedScans): QuerySession {
  sharedBySession.set(session, scans);
  return session;
}

/** The kinds whose checks count failing rows through countFailingRows. */
export const SHARED_SCAN_KINDS: ReadonlySet<string> = new Set([
  'not_null',
  'accepted_values',
  'range',
  'pattern',
  'row_count',
  'row_count_change',
]);

/** Thrown into a check while planning, at the query it would run. */
export class ScanPlanned extends Error {}

interface Answer {
  failing: number;
  total: number;
  examples: (string | null)[];
}

const keyOf = (query: FailingRowsQuery) =>
  JSON.stringify([query.file.reader, query.predicate, query.params, query.examples]);

export class SharedScans {
  private planning = true;
  private readonly planned = new Map<string, FailingRowsQuery>();
  private readonly answers = new Map<string, Answer>();
  /** The files whose row count a test asked for, by reader. */
  private readonly counted = new Map<string, DataFile>();
  /** Row counts the shared scans found, by reader. */
  private readonly totals = new Map<string, number>();

  /** While planning, records that the file's rows are counted and throws ScanPlanned; afterwards, the count a scan found or null. */
  takeCount(file: DataFile): number | null {
    if (this.planning) {
      this.counted.set(file.reader, file);
      throw new ScanPlanned(`rows of ${file.reader}`);
    }
    return this.totals.get(file.reader) ?? null;
  }

  /** While planning, records the query and throws ScanPlanned; afterwards, its shared answer or null. */
  take(query: FailingRowsQuery): FailingRows | null {
    const key = keyOf(query);
    if (this.planning) {
      this.planned.set(key, query);
      throw new ScanPlanned(key);
    }
    const answer = this.answers.get(key);
    if (answer === undefined) return null;
    // As the test's own query would: Parquet gives the row count only when asked for it.
    const total = query.needsTotal || query.file.format !== 'parquet' ? answer.total : null;
    return { failing: answer.failing, total, examples: answer.examples };
  }

  /**
   * Ends planning: one query per file that two or more tests read rows of (a row count reads
   * no rows of a Parquet file). A failed one answers nothing.
   */
  async answer(session: QuerySession): Promise<void> {
    this.planning = false;
    const byFile = new Map<string, Array<[string, FailingRowsQuery]>>();
    for (const reader of this.counted.keys()) byFile.set(reader, []);
    for (const entry of this.planned) {
      const group = byFile.get(entry[1].file.reader) ?? [];
      group.push(entry);
      byFile.set(entry[1].file.reader, group);
    }
    for (const [reader, group] of byFile) {
      const counted = this.counted.get(reader);
      const scans = group.length + (counted !== undefined && counted.format !== 'parquet' ? 1 : 0);
      if (scans < 2) continue;
      const select = ['count(*) AS total'];
      const params: Parameter[] = [];
      group.forEach(([, query], index) => {
        const filter = ` FILTER (WHERE ${shiftParameters(query.predicate, params.length)})`;
        params.push(...query.params);
        select.push(`count(*)${filter} AS failing_${index}`);
        query.examples.forEach((example, position) =>
          select.push(
            `CAST(${example.aggregate}(${example.expression})${filter} AS VARCHAR) AS example_${index}_${position}`,
          ),
        );
      });
      let row;
      try {
        row = await session.row(`SELECT ${select.join(', ')} FROM ${reader}`, params, {
          failure: (message) => message,
        });
      } catch (error) {
        if (error instanceof DataTestError) continue;
        throw error;
      }
      if (counted !== undefined) this.totals.set(reader, countCell(row.total));
      group.forEach(([key, query], index) => {
        this.answers.set(key, {
          failing: countCell(row[`failing_${index}`]),
          total: countCell(row.total),
          examples: query.examples.map((_, position) => textCell(row[`example_${index}_${position}`])),
        });
      });
    }
  }
}

/**
 * The predicate with its parameters $1, $2... renumbered from `offset` + 1, to join others in
 * one query. Quoted texts and names are left alone: a regex literal may hold "$1".
 */
export function shiftParameters(predicate: string, offset: number): string {
  if (offset === 0) return predicate;
  return predicate.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, number: string | undefined) =>
    number === undefined ? match : `$${Number(number) + offset}`,
  );
}
