import { describe, expect, it } from 'vitest';
import { formatNumber } from './number-format.js';

describe('numbers for people', () => {
  it('never uses scientific notation and groups thousands', () => {
    expect(formatNumber(95140)).toBe('95,140');
    expect(formatNumber(95140.32)).toBe('95,140.3');
    expect(formatNumber(12_345_678.9)).toBe('12,345,678.9');
    expect(formatNumber(1e21)).not.toContain('e');
  });

  it('keeps four significant digits of small and fractional values', () => {
    expect(formatNumber(0.93124)).toBe('0.9312');
    expect(formatNumber(0.000123456)).toBe('0.0001235');
    expect(formatNumber(-3.14159)).toBe('-3.142');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});
