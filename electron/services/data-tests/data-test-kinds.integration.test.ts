// The data-test engine against real DuckDB and real files: every kind passing and failing on
// CSV, Parquet and JSON with the exact observed value, and the options of each kind. (The row
// counts it reports are in data-test-row-counts.integration.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import { NOW, run, useDataTestWorkspace } from '../../testing/data-test-workspace.js';

useDataTestWorkspace();

interface Case {
  kind: string;
  /** The test item for a file of the format; `customers` is the customers file of the same format. */
  test(file: string, customers: string): TestSpec;
  good: number;
  bad: number;
  expected: string;
  /** A part of the failure message ({file} is the bad file). */
  message: string;
}

const CASES: Case[] = [
  {
    kind: 'row_count',
    test: (path) => ({ row_count: { path, min: 1, max: 4 } }),
    good: 4,
    bad: 5,
    expected: '1 to 4 rows',
    message: '{file} has 5 rows; expected 1 to 4 rows',
  },
  {
    kind: 'not_null',
    test: (path) => ({ not_null: { path, columns: ['customer_id', 'email'] } }),
    good: 0,
    bad: 1,
    expected: '0 failing rows',
    message: 'has a null in "customer_id" or "email"',
  },
  {
    kind: 'unique',
    test: (path) => ({ unique: { path, columns: ['id'] } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: 2 rows share a value of "id" with another row (e.g. "2")',
  },
  {
    kind: 'accepted_values',
    test: (path) => ({ accepted_values: { path, column: 'status', values: ['paid', 'open', 'void'] } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: 2 rows have a value of "status" that is not an accepted value (e.g. "refunded")',
  },
  {
    kind: 'range',
    test: (path) => ({ range: { path, column: 'amount', min: 0, max: 200 } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: 2 rows have "amount" outside 0 to 200 (from -3.0 to 250.0)',
  },
  {
    kind: 'pattern',
    test: (path) => ({ pattern: { path, column: 'email', regex: '[a-z]+@[a-z]+\\.[a-z]+' } }),
    good: 0,
    bad: 1,
    expected: '0 failing rows',
    message: '{file}: 1 row has a value of "email" that does not match [a-z]+@[a-z]+\\.[a-z]+ (e.g. "not-an-email")',
  },
  {
    kind: 'schema',
    test: (path) => ({
      schema: {
        path,
        columns: {
          id: 'BIGINT',
          customer_id: 'int8',
          amount: 'DOUBLE',
          status: 'text',
          email: 'STRING',
          created_at: 'datetime',
        },
        allow_extra: false,
      },
    }),
    good: 0,
    bad: 1,
    expected: '0 mismatches',
    message: '{file}: 1 mismatch with the schema: extra column "note" (VARCHAR)',
  },
  {
    kind: 'freshness',
    test: (path) => ({ freshness: { path, column: 'created_at', max_age: '1h' } }),
    good: 60,
    bad: 7200,
    expected: 'at most 3600 s old',
    message: '{file}: the newest "created_at" (2025-06-01 10:00:00) is 7200 s old, more than 3600 s',
  },
  {
    kind: 'relationship',
    test: (path, customers) => ({ relationship: { path, column: 'customer_id', to: customers } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '2 rows have a "customer_id" with no match in "customer_id" of {customers} (e.g. "98")',
  },
  {
    kind: 'sql',
    test: (path) => ({ sql: { path, query: "select * from data where amount < 0 or status = 'weird';" } }),
    good: 0,
    bad: 2,
    expected: '0 failing rows',
    message: '{file}: the query returned 2 rows; the test passes when it returns none',
  },
  {
    kind: 'row_count_change',
    test: (path) => ({ row_count_change: { path, max_percent: 10 } }),
    good: 0,
    bad: 25,
    expected: 'change at most 10%',
    message: '{file} has 5 rows, 25% more than the 4 at the last successful run; at most 10% is allowed',
  },
];

const FORMATS = [
  { format: 'CSV', good: 'data/good.csv', bad: 'data/bad.csv', customers: 'data/customers.csv' },
  { format: 'Parquet', good: 'data/good.parquet', bad: 'data/bad.parquet', customers: 'data/customers.parquet' },
  { format: 'JSON', good: 'data/good.jsonl', bad: 'data/bad.jsonl', customers: 'data/customers.json' },
];

describe.each(FORMATS)('every data-test kind on $format', ({ good, bad, customers }) => {
  const options = { previousRowCount: () => 4 };

  it.each(CASES)(
    '$kind passes on clean data with the exact observed value',
    async ({ test, good: observed, expected }) => {
      vi.spyOn(Date, 'now').mockReturnValue(NOW);
      const outcome = await run(test(good, customers), options);
      expect(outcome).toMatchObject({ outcome: 'passed', observed, expected, message: null });
    },
  );

  it.each(CASES)(
    '$kind fails on faulty data with the exact observed value and a message naming the file',
    async ({ test, bad: observed, expected, message }) => {
      vi.spyOn(Date, 'now').mockReturnValue(NOW);
      const outcome = await run(test(bad, customers), options);
      expect(outcome).toMatchObject({ outcome: 'failed', observed, expected });
      expect(outcome.message).toContain(message.replace('{file}', bad).replace('{customers}', customers));
    },
  );
});

describe('options of the kinds', () => {
  it('not_null with mostly tolerates floor(rows x (1 - mostly)) rows', async () => {
    const tolerant = await run({ not_null: { path: 'data/bad.csv', columns: ['email'], mostly: 0.8 } });
    expect(tolerant).toEqual({
      outcome: 'passed',
      observed: 1,
      expected: 'at most 1 row failing (mostly 0.8)',
      message: null,
      rowCount: 5,
    });
    const strict = await run({
      not_null: { path: 'data/bad.parquet', columns: ['email', 'customer_id'], mostly: 0.9 },
    });
    expect(strict).toMatchObject({
      outcome: 'failed',
      observed: 1,
      expected: 'at most 0 rows failing (mostly 0.9)',
      rowCount: 5,
    });
    expect(strict.message).toBe(
      'data/bad.parquet: 1 of 5 rows has a null in "email" or "customer_id", more than the 0 allowed (mostly 0.9)',
    );
  });

  it('not_null on Parquet counts from the statistics where they tell, by a scan where they do not', async () => {
    expect(await run({ not_null: { path: 'data/bad.parquet', columns: ['email'] } })).toMatchObject({
      outcome: 'failed',
      observed: 1,
      rowCount: null,
    });
    expect(await run({ not_null: { path: 'data/parts', columns: ['email', 'id'] } })).toMatchObject({
      outcome: 'failed',
      observed: 1,
    });
    // The part written from good.csv has no "note" at all: its 4 rows are null there, and no statistics say so.
    expect(await run({ not_null: { path: 'data/parts', columns: ['note'] } })).toMatchObject({
      outcome: 'failed',
      observed: 4,
    });
    expect(await run({ not_null: { path: 'data/parts', columns: ['note'], mostly: 0.5 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
      rowCount: 9,
    });
  });

  it('unique on several columns counts rows of duplicated combinations', async () => {
    const outcome = await run({ unique: { path: 'data/good.csv', columns: ['customer_id', 'status'] } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 2 });
    expect(outcome.message).toBe(
      'data/good.csv: 2 rows share their values of "customer_id" and "status" with another row (e.g. "10, paid")',
    );
  });

  it('unique passes keys in increasing order by one pass and still counts duplicates in any order', async () => {
    expect(await run({ unique: { path: 'data/good.parquet', columns: ['id'] } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
    expect(await run({ unique: { path: 'data/good.csv', columns: ['amount'] } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
    expect(await run({ unique: { path: 'data/good.csv', columns: ['customer_id'] } })).toMatchObject({
      outcome: 'failed',
      observed: 2,
    });
    expect(await run({ unique: { path: 'data/bad.parquet', columns: ['id', 'status'] } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
    expect(await run({ unique: { path: 'data/bad.parquet', columns: ['id'] } })).toMatchObject({
      outcome: 'failed',
      observed: 2,
    });
  });

  it('accepted_values compares numbers with a numeric column', async () => {
    expect(
      await run({ accepted_values: { path: 'data/good.parquet', column: 'customer_id', values: [10, 11] } }),
    ).toMatchObject({ outcome: 'failed', observed: 1 });
  });

  it('accepted_values leaves out numbers an integer column cannot hold instead of rounding them', async () => {
    expect(
      await run({ accepted_values: { path: 'data/good.csv', column: 'id', values: [1, 2, 3, 3.6] } }),
    ).toMatchObject({
      outcome: 'failed',
      observed: 1,
      message: 'data/good.csv: 1 row has a value of "id" that is not an accepted value (e.g. "4")',
    });
    expect(await run({ accepted_values: { path: 'data/good.csv', column: 'id', values: [0.5] } })).toMatchObject({
      outcome: 'failed',
      observed: 4,
    });
  });

  it('accepted_values that cannot be of the column type are an error naming the column', async () => {
    const outcome = await run({ accepted_values: { path: 'data/good.parquet', column: 'id', values: ['one'] } });
    expect(outcome).toMatchObject({ outcome: 'error', observed: null });
    expect(outcome.message).toMatch(
      /^data\/good\.parquet: the accepted values cannot be compared with "id" \(BIGINT\): Could not convert string 'one'/,
    );
  });

  it('range compares numbers of any size with an integer column', async () => {
    expect(await run({ range: { path: 'data/good.parquet', column: 'id', min: 1.5, max: 1e30 } })).toMatchObject({
      outcome: 'failed',
      observed: 1,
      message: 'data/good.parquet: 1 row has "id" outside 1.5 to 1e+30 (1)',
    });
  });

  it('range compares a timestamp column with date texts', async () => {
    const outcome = await run({ range: { path: 'data/bad.jsonl', column: 'created_at', min: '2025-06-01' } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 1 });
    expect(outcome.message).toBe('data/bad.jsonl: 1 row has "created_at" below "2025-06-01" (2025-05-01 10:00:00)');
  });

  it('range with an invalid date text is an error naming the bound', async () => {
    const outcome = await run({ range: { path: 'data/good.csv', column: 'created_at', max: '2025-13-45' } });
    expect(outcome).toMatchObject({
      outcome: 'error',
      observed: null,
      message: 'data/good.csv: range max "2025-13-45" is not a valid TIMESTAMP',
    });
  });

  it('range with a number on a text column is an error, not a silent cast', async () => {
    const outcome = await run({ range: { path: 'data/good.csv', column: 'status', min: 1 } });
    expect(outcome.outcome).toBe('error');
    expect(outcome.message).toContain('"status" is text (VARCHAR)');
  });

  it('schema lists every mismatch: missing, of another type, extra', async () => {
    const outcome = await run({
      schema: { path: 'data/bad.csv', columns: { id: 'INTEGER', amout: 'DOUBLE', status: 'any' }, allow_extra: false },
    });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: 7 });
    expect(outcome.message).toBe(
      'data/bad.csv: 7 mismatches with the schema: "id" is BIGINT, not INTEGER; no column "amout" (DOUBLE); did you mean "amount"?; ' +
        'extra column "customer_id" (BIGINT); extra column "amount" (DOUBLE); extra column "email" (VARCHAR); extra column "created_at" (TIMESTAMP); extra column "note" (VARCHAR)',
    );
  });

  it('schema allows extra columns by default', async () => {
    expect(await run({ schema: { path: 'data/bad.csv', columns: { id: 'BIGINT' } } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
  });

  it('freshness on a column without values fails and says so', async () => {
    const outcome = await run({ freshness: { path: 'data/empty.csv', column: 'created_at', max_age: 60 } });
    expect(outcome).toMatchObject({ outcome: 'failed', observed: null, expected: 'at most 60 s old' });
    expect(outcome.message).toContain('data/empty.csv: "created_at" has no values');
  });

  it('freshness on a column that is not a date is an error', async () => {
    expect(await run({ freshness: { path: 'data/good.csv', column: 'amount', max_age: 60 } })).toMatchObject({
      outcome: 'error',
      message: 'data/good.csv: "amount" is DOUBLE, not a date or timestamp',
    });
    const text = await run({ freshness: { path: 'data/good.csv', column: 'email', max_age: 60 } });
    expect(text).toMatchObject({ outcome: 'error', observed: null });
    expect(text.message).toMatch(/^data\/good\.csv: "email" is VARCHAR and does not read as timestamps: /);
  });

  it('sql reads any workspace file by its relative path, with or without a path of its own', async () => {
    const query =
      "select * from 'data/bad.parquet' b anti join 'data/customers.csv' c using (customer_id) where b.customer_id is not null";
    expect(await run({ sql: { query } })).toMatchObject({
      outcome: 'failed',
      observed: 2,
      message: 'sql: the query returned 2 rows; the test passes when it returns none',
    });
    expect(
      await run({
        sql: {
          path: 'data/good.csv',
          query: 'select * from data d join data e using (id) where d.amount <> e.amount -- same rows',
        },
      }),
    ).toMatchObject({ outcome: 'passed', observed: 0 });
  });
});
