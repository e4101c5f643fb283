import { describe, expect, it } from 'vitest';
import { cellText, formatCount, formatMean, sparkline } from './preview-format.js';

describe('preview numbers', () => {
  it('groups counts and rounds means', () => {
    expect(formatCount(10_000_000)).toBe('10,000,000');
    expect(formatCount(999)).toBe('999');
    expect(formatMean(null)).toBe('–');
    expect(formatMean(2.345678)).toBe('2.346');
    expect(formatMean(1234)).toBe('1,234');
    expect(formatMean(12345678.9)).toBe('1.235e+7');
  });

  it('draws a histogram as bars, the tallest bin full, empty bins blank', () => {
    expect(sparkline([1, 0, 4])).toBe('▂ █');
    expect(sparkline([0, 0])).toBe('');
    expect(sparkline([])).toBe('');
  });

  it('cuts long cells and names null', () => {
    expect(cellText(null)).toBe('null');
    expect(cellText('abcdef', 4)).toBe('abc…');
    expect(cellText(3)).toBe('3');
  });
});
