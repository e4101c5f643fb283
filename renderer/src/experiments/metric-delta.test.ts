import { describe, expect, it } from 'vitest';
import { signedValue } from './metric-delta.js';

describe('signedValue', () => {
  it('signs a difference and formats it as its metric', () => {
    expect(signedValue('metrics/eval.json:auc', 0.0234)).toBe('+0.0234');
    expect(signedValue('rows:data/out.csv', -3)).toBe('−3');
    expect(signedValue('rows:data/out.csv', 0)).toBe('±0');
    expect(signedValue('duration_ms', -1500)).toBe('−1.50s');
  });
});
