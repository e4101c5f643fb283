// A batch of data tests against real DuckDB and real files: the tests counting failing rows
// of one file share one scan, and every test's outcome (count, row count, message with its
// example) is the one it gets when run alone; a test whose condition DuckDB rejects still
// reports its own error, and the others of the file still pass or fail as alone.
import { describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import {
  dataTestEngine,
  request,
  run,
  useDataTestWorkspace,
  workspaceRoot,
} from '../../testing/data-test-workspace.js';
import { QuerySession } from './query-session.js';
import { shiftParameters } from './shared-scans.js';

useDataTestWorkspace();

const batchOf = (tests: TestSpec[]) => ({
  root: workspaceRoot(),
  tests: tests.map((test) => ({ test, timeoutMs: null })),
  signal: new AbortController().signal,
  previousRowCount: () => 4,
});

function catalog(path: string): TestSpec[] {
  return [
    { row_count: { path, min: 1 } },
    { not_null: { path, columns: ['email', 'status'] } },
    { not_null: { path, columns: ['email'], mostly: 0.5 } },
    { accepted_values: { path, column: 'status', values: ['paid', 'open', 'void'] } },
    { range: { path, column: 'amount', min: 0, max: 100 } },
    { pattern: { path, column: 'email', regex: '[a-z]+@example\\.com' } },
    { unique: { path, columns: ['id'] } },
    { relationship: { path, column: 'customer_id', to: 'data/customers.csv' } },
    { row_count_change: { path, max_percent: 10 } },
  ];
}

describe('a batch of data tests', () => {
  it.each(['data/bad.csv', 'data/bad.parquet', 'data/bad.jsonl', 'data/parts'])(
    'gives every test of %s the outcome it gets alone, reading the file once for the row counts',
    async (path) => {
      const tests = catalog(path);
      const alone = [];
      for (const test of tests) alone.push(await run(test, { previousRowCount: () => 4 }));
      const queries = vi.spyOn(QuerySession.prototype, 'row');
      const together = await dataTestEngine().runAll(batchOf(tests));
      expect(together).toEqual(alone);
      const scans = queries.mock.calls
        .map(([sql]) => sql)
        .filter((sql) => sql.includes('FILTER (WHERE') && sql.includes('failing_1'));
      expect(scans).toHaveLength(1);
      // row_count, row_count_change and not_null's mostly take the count of that scan: none of
      // them runs a count of its own.
      const counts = queries.mock.calls.map(([sql]) => sql).filter((sql) => sql.startsWith('SELECT count(*) AS n '));
      expect(counts).toHaveLength(0);
      expect(
        together.filter((outcome) => outcome !== 'cancelled' && outcome.outcome === 'failed').length,
      ).toBeGreaterThan(4);
    },
  );

  it('reports the error of a test DuckDB rejects and the right outcome of the others sharing its file', async () => {
    const tests: TestSpec[] = [
      { range: { path: 'data/bad.csv', column: 'created_at', min: '2025-06-01' } },
      { accepted_values: { path: 'data/bad.csv', column: 'created_at', values: ['not a time'] } },
      { accepted_values: { path: 'data/bad.csv', column: 'status', values: ['paid'] } },
    ];
    const alone = [];
    for (const test of tests) alone.push(await run(test));
    expect(alone[1]).toMatchObject({ outcome: 'error' });
    expect(await dataTestEngine().runAll(batchOf(tests))).toEqual(alone);
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcomes = await dataTestEngine().runAll({ ...batchOf(catalog('data/bad.csv')), signal: controller.signal });
    expect(outcomes.every((outcome) => outcome === 'cancelled')).toBe(true);
    expect(await dataTestEngine().run(request({ row_count: { path: 'data/bad.csv' } }))).toMatchObject({
      outcome: 'passed',
    });
  });
});

describe('parameters of shared conditions', () => {
  it('are renumbered outside quoted texts and names only', () => {
    expect(shiftParameters(`"a$1" NOT IN ($1, $2) OR regexp_full_match(b, '^x$1''$2$')`, 3)).toBe(
      `"a$1" NOT IN ($4, $5) OR regexp_full_match(b, '^x$1''$2$')`,
    );
    expect(shiftParameters('x < CAST($1 AS DOUBLE)', 0)).toBe('x < CAST($1 AS DOUBLE)');
  });
});
