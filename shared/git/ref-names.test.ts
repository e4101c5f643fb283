import { describe, expect, it } from 'vitest';
import { refNameProblem } from './ref-names.js';

describe('refNameProblem', () => {
  it('accepts the names people give experiments', () => {
    for (const name of ['main', 'try-smaller-sample', 'ana/feature_x', 'v1.2.0', 'exp.2026-11'])
      expect(refNameProblem(name)).toBeNull();
  });

  it('names what is wrong with names git refuses', () => {
    expect(refNameProblem('')).toBe('a name is needed');
    expect(refNameProblem('my experiment')).toBe('a name cannot contain spaces');
    expect(refNameProblem('a..b')).toBe('a name cannot contain ".."');
    expect(refNameProblem('what?')).toContain('cannot contain ~ ^ : ? *');
    expect(refNameProblem('x.lock')).toContain('.lock');
    expect(refNameProblem('a/.hidden')).toContain('start with "."');
    expect(refNameProblem('/lead')).toContain('"/"');
    expect(refNameProblem('-f')).toContain('"-"');
    expect(refNameProblem('@')).toContain('"@"');
  });
});
