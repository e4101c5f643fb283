import { describe, expect, it } from 'vitest';
import { dateTimeTypeName, hasDate, sameType, typeFamily } from './column-types.js';

describe('sameType', () => {
  it.each([
    ['INT', 'INTEGER'],
    ['int4', 'INTEGER'],
    ['INTEGER', 'INTEGER'],
    ['BIGINT', 'BIGINT'],
    ['int8', 'BIGINT'],
    ['long', 'BIGINT'],
    ['double', 'DOUBLE'],
    ['FLOAT8', 'DOUBLE'],
    ['VARCHAR', 'VARCHAR'],
    ['text', 'VARCHAR'],
    ['String', 'VARCHAR'],
    ['VARCHAR(255)', 'VARCHAR'],
    ['BOOL', 'BOOLEAN'],
    ['datetime', 'TIMESTAMP'],
    ['timestamptz', 'TIMESTAMP WITH TIME ZONE'],
    ['DECIMAL', 'DECIMAL(18,3)'],
    ['decimal(18, 3)', 'DECIMAL(18,3)'],
    ['numeric(18,3)', 'DECIMAL(18,3)'],
    ['int[]', 'INTEGER[]'],
    ['any', 'STRUCT(a INTEGER)'],
    ['ANY', 'BLOB'],
  ])('%s matches %s', (expected, actual) => {
    expect(sameType(expected, actual)).toBe(true);
  });

  it.each([
    ['INTEGER', 'BIGINT'],
    ['FLOAT', 'DOUBLE'],
    ['DATE', 'TIMESTAMP'],
    ['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE'],
    ['DECIMAL(10,2)', 'DECIMAL(18,3)'],
    ['VARCHAR', 'BIGINT'],
    ['INTEGER[]', 'BIGINT[]'],
  ])('%s does not match %s', (expected, actual) => {
    expect(sameType(expected, actual)).toBe(false);
  });
});

describe('type families', () => {
  it('sorts DuckDB types into what range and freshness can compare', () => {
    expect(['BIGINT', 'DOUBLE', 'DECIMAL(18,3)', 'UTINYINT'].map(typeFamily)).toEqual([
      'number',
      'number',
      'number',
      'number',
    ]);
    expect(['DATE', 'TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE', 'TIME'].map(typeFamily)).toEqual([
      'time',
      'time',
      'time',
      'time',
      'time',
    ]);
    expect(['VARCHAR', 'BOOLEAN', 'BLOB', 'INTEGER[]'].map(typeFamily)).toEqual(['text', 'boolean', 'other', 'other']);
    expect(hasDate('TIME')).toBe(false);
    expect(hasDate('DATE')).toBe(true);
  });

  it('gives a type name for CAST only from the fixed date/time names', () => {
    expect(dateTimeTypeName('TIMESTAMP WITH TIME ZONE')).toBe('TIMESTAMP WITH TIME ZONE');
    expect(dateTimeTypeName('datetime')).toBe('TIMESTAMP');
    expect(dateTimeTypeName('STRUCT("a\'); DROP" INTEGER)')).toBeNull();
  });
});
