// fullMatch against real DuckDB: for every text and regex of a corpus chosen to find where a
// wrapped regex could differ (alternation, flags, anchors inside, which DuckDB's optimizer drops
// from regexes it turns into LIKE, newlines, \Q quotes, empty texts and regexes, nulls), it
// answers exactly what regexp_full_match answers, on a table's column as a check reads one (the
// optimizer's rewrites apply to columns, not to constants). A regex that would break out of the
// wrapping does not compile.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullMatch } from './full-match.js';
import { quoteLiteral } from './sql-text.js';

const TEXTS = [
  '',
  'a',
  'abc',
  'abc\ndef',
  'abc\n',
  '\nabc',
  'ABC',
  'a.b',
  'a\\b',
  'user7@example.com',
  'broken-email',
  'é',
  'a)b',
  '%',
  'a_c',
  'abcabc',
  'a b',
  '\t',
  'a$',
  '^a',
  'a|b',
  'ab',
  'US$100',
  'STRASSE',
  'straße',
  'ẞ',
  '\u212a',
  'É',
  'A%B',
];

const REGEXES = [
  '',
  'a',
  'abc',
  'abc.*',
  '.*',
  'a.c',
  'a|abc',
  'abc|',
  '|abc',
  '(a)|(b)',
  '(?i)abc',
  '(?s)abc.*',
  '(?m)abc$',
  '(?m)^abc',
  'abc$',
  '^abc',
  '\\Aabc\\z',
  'a\\.b',
  'a\\)b',
  '[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+',
  '\\w+',
  '\\pL+',
  '[[:alpha:]]+',
  '(?U)a+',
  'a{0}',
  '\\ba',
  '\\Qa.b\\E',
  '\\Qa)b',
  '\\Qabc',
  'a\\Q$\\E',
  'a$b',
  'a^b',
  'a\\Ab',
  'a\\zb',
  '$a',
  'a^',
  '(?s)$.*',
  'US$100',
  'US\\$100',
  '(?i)straße',
  '(?i)ß',
  '(?i)k',
  '(?i)é',
  '(?i)a%b',
];

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE texts (text VARCHAR)');
  await connection.run(
    `INSERT INTO texts VALUES ${[...TEXTS.map((text) => `(${quoteLiteral(text)})`), '(NULL)'].join(', ')}`,
  );
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('a whole-text match as SQL', () => {
  it.each(REGEXES)('answers what regexp_full_match answers for every text, regex %j', async (regex) => {
    const reader = await connection.runAndReadAll(
      `SELECT text, regexp_full_match(text, ${quoteLiteral(regex)}) AS plain, ${fullMatch('text', regex)} AS fast FROM texts`,
    );
    const rows = reader.getRowObjectsJS();
    expect(rows).toHaveLength(TEXTS.length + 1);
    expect(rows.filter((row) => row.plain !== row.fast)).toEqual([]);
    // The corpus is of use only where some text matches and some does not.
    if (!['a{0}', '', 'a$b', 'a^b', 'a\\Ab', 'a\\zb', '$a', 'a^', '(?s)$.*', 'US$100'].includes(regex))
      expect(rows.some((row) => row.plain === true)).toBe(true);
  });

  it('takes the faster partial match unless a \\Q quote or an anchor could make it answer otherwise', () => {
    expect(fullMatch('"email"', '[a-z]+')).toBe(`regexp_matches("email", '^(?:[a-z]+)$')`);
    expect(fullMatch('"email"', '\\Qa.b')).toBe(`regexp_full_match("email", '\\Qa.b')`);
    expect(fullMatch('"email"', 'a$b')).toBe(`regexp_full_match("email", 'a$b')`);
  });

  it.each(['a)|(.*', ')', 'a)(?:b', '.*)|(?:'])(
    'never lets %j close the group: it does not compile on its own',
    async (regex) => {
      await expect(connection.runAndReadAll(`SELECT regexp_full_match('', ${quoteLiteral(regex)})`)).rejects.toThrow(
        /Invalid Input Error|missing|unexpected/i,
      );
    },
  );
});
