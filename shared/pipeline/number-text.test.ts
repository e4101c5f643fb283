import { describe, expect, it } from 'vitest';
import { readNumberText } from './number-text.js';

const value = (text: string, kind: 'number' | 'integer' = 'number') => {
  const reading = readNumberText(text, kind);
  return reading.ok ? reading.value : reading.partial ? 'partial' : 'invalid';
};

describe('reading numbers people type', () => {
  it('reads decimals, negatives and exponents as written', () => {
    expect(
      ['0.05', '.5', '5.', '-3', '+3', '-0.25', '1e3', '1E-3', '2.5e+2', ' 7 ', '-0', '007'].map((text) => value(text)),
    ).toEqual([0.05, 0.5, 5, -3, 3, -0.25, 1000, 0.001, 250, 7, 0, 7]);
  });

  it('tells input on its way to a number from a mistake', () => {
    expect(['', '-', '+', '.', '-.', '1e', '1e-', '.5e+', '0.'].map((text) => value(text))).toEqual([
      'partial',
      'partial',
      'partial',
      'partial',
      'partial',
      'partial',
      'partial',
      'partial',
      0,
    ]);
    expect(
      ['e', 'e5', '1e5e', '--1', '1-', '0x10', '0b11', '1_000', 'Infinity', 'NaN', '1,5', '1 000', 'abc', '1e999'].map(
        (text) => value(text),
      ),
    ).toEqual(Array.from({ length: 14 }, () => 'invalid'));
  });

  it('reads whole numbers for integer fields, exponents included', () => {
    expect(['3', '-3', '1e3', '2.0'].map((text) => value(text, 'integer'))).toEqual([3, -3, 1000, 2]);
    expect(['2.5', '1e-1', '1e20'].map((text) => value(text, 'integer'))).toEqual(['invalid', 'invalid', 'invalid']);
  });

  it('says what is wrong, and how to write a decimal', () => {
    expect(readNumberText('1,5')).toEqual({
      ok: false,
      partial: false,
      error: '"1,5" is not a number (use "." for decimals)',
    });
    expect(readNumberText('1e')).toEqual({
      ok: false,
      partial: true,
      error: '"1e" is not a number yet: finish it or clear it',
    });
    expect(readNumberText('2.5', 'integer')).toEqual({
      ok: false,
      partial: false,
      error: '"2.5" is not a whole number',
    });
  });
});
