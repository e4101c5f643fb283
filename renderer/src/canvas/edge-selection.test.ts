import { describe, expect, it } from 'vitest';
import { NO_SELECTED_EDGES, applyEdgeSelection, deletableSelected, withSelection } from './edge-selection.js';
import type { StepEdge } from './flow-model.js';

const edge = (id: string, explicit: boolean): StepEdge => ({
  id,
  source: id.split('->')[0] ?? '',
  target: id.split('->')[1] ?? '',
  data: { explicit, via: [] },
});

describe('the selection of edges', () => {
  it('follows select and deselect changes, and keeps the same set when nothing changes', () => {
    const one = applyEdgeSelection(NO_SELECTED_EDGES, [{ type: 'select', id: 'a->b', selected: true }]);
    expect([...one]).toEqual(['a->b']);
    expect(applyEdgeSelection(one, [{ type: 'select', id: 'a->b', selected: true }])).toBe(one);
    const two = applyEdgeSelection(one, [
      { type: 'select', id: 'a->b', selected: false },
      { type: 'select', id: 'b->c', selected: true },
    ]);
    expect([...two]).toEqual(['b->c']);
    expect([...applyEdgeSelection(two, [{ type: 'remove', id: 'b->c' }])]).toEqual([]);
  });

  it('marks only the selected edges, and only needs edges are deletable', () => {
    const edges = [edge('a->b', true), edge('a->c', false)];
    expect(withSelection(edges, NO_SELECTED_EDGES)).toBe(edges);
    const drawn = withSelection(edges, new Set(['a->b', 'a->c']));
    expect(drawn.map((shown) => shown.selected)).toEqual([true, true]);
    expect(drawn[0]).not.toBe(edges[0]);
    expect(deletableSelected(edges, new Set(['a->b', 'a->c'])).map((shown) => shown.id)).toEqual(['a->b']);
  });
});
