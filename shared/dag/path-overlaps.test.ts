import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathOverlaps } from './path-overlaps.js';
import { pathsOverlap } from '../pipeline/workspace-paths.js';

describe('path overlaps', () => {
  it('finds the same path, the folders holding it and the paths inside it, in the order added', () => {
    const index = new PathOverlaps<string>();
    for (const path of ['data/raw/a.csv', 'data', 'data/raw', 'database.csv', 'out/b.csv', 'data/raw/a.csv/part'])
      index.add(path, path);
    expect(index.overlapping('data/raw/a.csv')).toEqual(['data/raw/a.csv', 'data', 'data/raw', 'data/raw/a.csv/part']);
    expect(index.overlapping('data')).toEqual(['data/raw/a.csv', 'data', 'data/raw', 'data/raw/a.csv/part']);
    expect(index.overlapping('dat')).toEqual([]);
    expect(index.overlapping('out')).toEqual(['out/b.csv']);
  });

  it('agrees with comparing every pair', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', 'c.csv');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(fc.array(path, { maxLength: 30 }), path, (paths, query) => {
        const index = new PathOverlaps<number>();
        paths.forEach((added, position) => index.add(added, position));
        const expected = paths.flatMap((added, position) => (pathsOverlap(added, query) ? [position] : []));
        expect(index.overlapping(query)).toEqual(expected);
      }),
    );
  });
});
