// The pure parts of the data-test engine: paths, quoting, DuckDB's messages, the arithmetic of
// mostly and row_count_change.
import { describe, expect, it } from 'vitest';
import { formatOf, workspaceFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { shortenDuckDBMessage } from './duckdb-messages.js';
import { allowedNullRows } from './not-null-check.js';
import { percentChange } from './row-count-checks.js';
import { bareQuery, quoteIdentifier, quoteLiteral, quoteList } from './sql-text.js';
import { rowCountRange } from './wording.js';

describe('data files', () => {
  it.each([
    ['data/x.csv', 'csv'],
    ['data/x.CSV.gz', 'csv'],
    ['x.tsv', 'tsv'],
    ['x.tsv.zst', 'tsv'],
    ['out/part-0.parquet', 'parquet'],
    ['x.json', 'json'],
    ['x.jsonl.gz', 'json'],
    ['x.ndjson', 'json'],
    ['x.xlsx', null],
    ['README', null],
    ['x.gz', null],
  ])('%s is %s', (name, format) => {
    expect(formatOf(name)).toBe(format);
  });

  it('keeps paths inside the workspace', () => {
    expect(workspaceFile('/ws', 'data/x.csv')).toBe('/ws/data/x.csv');
    expect(() => workspaceFile('/ws', 'data/../../x.csv')).toThrow(DataTestError);
    expect(() => workspaceFile('/ws', '..\\x.csv')).toThrow('the path leaves the workspace');
    expect(() => workspaceFile('/ws', '/etc/x.csv')).toThrow('give the path relative to it');
    expect(() => workspaceFile('/ws', 'C:/x.csv')).toThrow('give the path relative to it');
  });
});

describe('SQL text', () => {
  it('quotes identifiers and literals by doubling the quote', () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(quoteLiteral("it's \\ fine")).toBe("'it''s \\ fine'");
    expect(quoteList(['/a/b.csv', "/a/o'c.csv"])).toBe("['/a/b.csv', '/a/o''c.csv']");
  });

  it('drops trailing semicolons from a user query', () => {
    expect(bareQuery('  select 1 ;; \n')).toBe('select 1');
    expect(bareQuery("select ';' as x")).toBe("select ';' as x");
  });
});

describe("DuckDB's messages", () => {
  const root = '/home/me/ws';

  it('keep the first line, without the category or the workspace root', () => {
    const message = `Invalid Input Error: File '${root}/data/x.parquet' too small to be a Parquet file\n\nLINE 1: select ...\n  ^`;
    expect(shortenDuckDBMessage(message, { root })).toBe("File 'data/x.parquet' too small to be a Parquet file");
    expect(
      shortenDuckDBMessage('Parser Error: syntax error at or near "form"\n\nLINE 1: ...', { root, keepCategory: true }),
    ).toBe('Parser Error: syntax error at or near "form"');
  });

  it('keep what is wrong with a CSV line', () => {
    const message =
      'Invalid Input Error: CSV Error on Line: 7\nOriginal Line: 1,2,3\nExpected Number of Columns: 2 Found: 3\nPossible fixes:\n* ...';
    expect(shortenDuckDBMessage(message, { root })).toBe(
      'CSV Error on Line: 7: Expected Number of Columns: 2 Found: 3',
    );
  });
});

describe('arithmetic', () => {
  it('mostly allows floor(rows x (1 - mostly)) rows, despite binary fractions', () => {
    expect(allowedNullRows(100, 0.9)).toBe(10);
    expect(allowedNullRows(100, 0.95)).toBe(5);
    expect(allowedNullRows(99, 0.9)).toBe(9);
    expect(allowedNullRows(10_000_000, 0.999)).toBe(10_000);
    expect(allowedNullRows(5, 1)).toBe(0);
  });

  it('row_count_change is an absolute percentage, none from 0 rows', () => {
    expect(percentChange(1000, 1100)).toBe(10);
    expect(percentChange(1000, 900)).toBe(10);
    expect(percentChange(3, 4)).toBeCloseTo(33.333, 3);
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 5)).toBeNull();
  });

  it('row_count bounds read as a sentence', () => {
    expect(rowCountRange(1000, 5000)).toBe('1000 to 5000 rows');
    expect(rowCountRange(1000, undefined)).toBe('at least 1000 rows');
    expect(rowCountRange(undefined, 1)).toBe('at most 1 row');
    expect(rowCountRange(0, 0)).toBe('0 rows');
    expect(rowCountRange(undefined, undefined)).toBe('any number of rows');
  });
});
