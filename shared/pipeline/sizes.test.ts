import { describe, expect, it } from 'vitest';
import { formatSize, parseSizeBytes } from './sizes.js';

describe('sizes', () => {
  it('reads Docker-style sizes in binary units', () => {
    expect(parseSizeBytes('512m')).toBe(512 * 1024 ** 2);
    expect(parseSizeBytes('2G')).toBe(2 * 1024 ** 3);
    expect(parseSizeBytes('1.5kb')).toBe(1536);
    expect(parseSizeBytes('100')).toBe(100);
    expect(parseSizeBytes('lots')).toBeNaN();
  });

  it('writes byte counts with the unit that reads best', () => {
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(14_540)).toBe('14.2 KB');
    expect(formatSize(3.1 * 1024 ** 2)).toBe('3.1 MB');
    expect(formatSize(1.25 * 1024 ** 3)).toBe('1.3 GB');
  });
});
