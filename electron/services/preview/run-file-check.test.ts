import { describe, expect, it } from 'vitest';
import { fileState } from './run-file-check.js';

describe('a file against the run that wrote it', () => {
  it('is current, changed, gone, or has no recorded fingerprint', () => {
    expect(fileState('abc', 'abc')).toBe('current');
    expect(fileState('abc', 'def')).toBe('changed');
    expect(fileState('abc', null)).toBe('gone');
    expect(fileState(null, null)).toBe('gone');
    expect(fileState(null, 'abc')).toBe('unrecorded');
  });
});
