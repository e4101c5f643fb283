import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS } from '../../../shared/preview/preview-types.js';
import {
  binCounts,
  binRanges,
  histogramQuery,
  isNumericType,
  previewCell,
  profileQuery,
  readProfile,
} from './profile-queries.js';

const COLUMNS = [
  { name: 'id', type: 'BIGINT' },
  { name: 'na"me', type: 'VARCHAR' },
  { name: 'tags', type: 'VARCHAR[]' },
];

describe('profile queries', () => {
  it('profiles every column in one aggregate, quoting names, with no min or distinct for nested columns', () => {
    const sql = profileQuery("read_csv(['x.csv'])", COLUMNS, { countRows: true, exactDistinct: false });
    expect(sql.match(/FROM/g)).toHaveLength(1);
    expect(sql).toContain('count(*) AS "rows"');
    expect(sql).toContain('approx_count_distinct("na""me") AS "c1_distinct"');
    expect(sql).toContain('avg("id") AS "c0_mean"');
    expect(sql).not.toContain('avg("na""me")');
    expect(sql).toContain('count("tags") AS "c2_values"');
    expect(sql).not.toContain('min("tags")');
    expect(profileQuery('t', COLUMNS, { countRows: false, exactDistinct: false })).not.toContain('count(*)');
    expect(profileQuery('t', COLUMNS, { countRows: false, exactDistinct: true })).toContain(
      'count(DISTINCT "na""me") AS "c1_distinct"',
    );
  });

  it('leaves out what the footers tell and bins a known range in the same scan', () => {
    const known = new Map([[0, { nulls: 0, min: '1', max: '4', range: { low: 1, high: 4 } }]]);
    const sql = profileQuery('t', COLUMNS, { countRows: false, exactDistinct: false, known });
    expect(sql).not.toContain('count("id")');
    expect(sql).not.toContain('min("id")');
    expect(sql).toContain('AS "h0"');
    expect(binRanges(COLUMNS, { h0: [], c0_low: 1, c0_high: 4 })).toEqual([]);
    const [id] = readProfile(
      COLUMNS.slice(0, 1),
      10,
      { c0_distinct: 4, c0_mean: 2, h0: [{ key: '0', value: '10' }] },
      {},
      new Map([[0, { nulls: 3, min: '1', max: '4', range: null }]]),
    );
    expect(id).toMatchObject({ nulls: 3, distinct: 4, min: '1', max: '4' });
    expect(id?.histogram[0]).toBe(10);
  });

  it('bins only numeric columns with finite bounds, in one second pass', () => {
    const ranges = binRanges(COLUMNS, { c0_low: 1, c0_high: '4', c1_low: 'a' });
    expect(ranges).toEqual([{ index: 0, low: 1, high: 4 }]);
    const sql = histogramQuery('t', COLUMNS, ranges) ?? '';
    expect(sql).toContain('histogram(CASE WHEN isfinite(CAST("id" AS DOUBLE))');
    expect(sql).toContain(`, ${HISTOGRAM_BINS - 1}) END) AS "h0"`);
    expect(histogramQuery('t', COLUMNS, [])).toBeNull();
    expect(binRanges([{ name: 'x', type: 'DOUBLE' }], { c0_low: null, c0_high: null })).toEqual([]);
  });

  it('reads the answers into a profile: nulls from the row count, distinct never above the values', () => {
    const profile = readProfile(
      COLUMNS.slice(0, 2),
      10,
      {
        c0_values: '8',
        c0_distinct: '9',
        c0_min: '1',
        c0_max: '4',
        c0_mean: 2.5,
        c1_values: 10,
        c1_distinct: 3,
        c1_min: 'a',
        c1_max: 'z',
      },
      {
        h0: [
          { key: '0', value: '5' },
          { key: '11', value: '3' },
        ],
      },
    );
    expect(profile[0]).toMatchObject({ nulls: 2, distinct: 8, min: '1', max: '4', mean: 2.5 });
    expect(profile[0]?.histogram[0]).toBe(5);
    expect(profile[0]?.histogram[11]).toBe(3);
    expect(profile[1]).toMatchObject({ nulls: 0, distinct: 3, mean: null, histogram: [] });
  });

  it('reads histogram maps defensively and types cells', () => {
    expect(binCounts(null)).toEqual([]);
    expect(binCounts([{ key: '99', value: '1' }, 'junk']).every((count) => count === 0)).toBe(true);
    expect(isNumericType('DECIMAL(18,3)')).toBe(true);
    expect(isNumericType('VARCHAR')).toBe(false);
    expect(previewCell('12', 'BIGINT')).toBe(12);
    expect(previewCell('123456789012345678901', 'HUGEINT')).toBe('123456789012345678901');
    expect(previewCell('1.50', 'DECIMAL(10,2)')).toBe(1.5);
    expect(previewCell('12', 'VARCHAR')).toBe('12');
    expect(previewCell([1, 2], 'INTEGER[]')).toBe('[1,2]');
  });
});
