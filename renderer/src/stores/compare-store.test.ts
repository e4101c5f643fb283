import { describe, expect, it } from 'vitest';
import { createCompareStore } from './compare-store.js';

describe('the compare store', () => {
  it('keeps at most two ticked runs: a third replaces the first, ticking again unticks', () => {
    const store = createCompareStore();
    for (const id of ['a', 'b', 'c']) store.getState().toggle(id);
    expect(store.getState().picked).toEqual(['b', 'c']);
    store.getState().toggle('b');
    expect(store.getState().picked).toEqual(['c']);
  });

  it('forgets the ticks and the comparison when cleared', () => {
    const store = createCompareStore();
    store.getState().toggle('a');
    store.getState().setError('run a is gone');
    store.getState().clear();
    expect(store.getState()).toMatchObject({
      picked: [],
      comparison: null,
      error: null,
      loading: false,
      onlyDifferences: true,
    });
  });
});
