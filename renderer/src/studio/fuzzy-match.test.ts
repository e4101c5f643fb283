import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy-match.js';

describe('the command palette filter', () => {
  it('finds a name by letters typed in order, and not out of order', () => {
    expect(fuzzyScore('fv', 'Fit view')).not.toBeNull();
    expect(fuzzyScore('vf', 'Fit view')).toBeNull();
    expect(fuzzyScore('', 'Fit view')).toBe(0);
  });

  it('puts names where the letters sit together or begin words first', () => {
    const names = ['Show Environments', 'Save pipeline', 'Select all steps'];
    expect(fuzzyFilter(names, 'save', (name) => name)).toEqual(['Save pipeline']);
    expect(fuzzyFilter(names, 'se', (name) => name)[0]).toBe('Select all steps');
    expect(fuzzyFilter(names, ' ', (name) => name)).toEqual(names);
  });
});
