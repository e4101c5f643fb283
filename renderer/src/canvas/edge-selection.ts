// Which edges are selected. The edges are derived from the pipeline on every edit, so their
// selection lives beside them (as the steps' lives in the editor store): React Flow reports
// clicks on its edges as changes, and the simple level's own edge layer selects directly.
import type { EdgeChange } from '@xyflow/react';
import type { StepEdge } from './flow-model.js';

export const NO_SELECTED_EDGES: ReadonlySet<string> = new Set();

/** The selection after React Flow's changes; the same set when none of them selects or deselects. */
export function applyEdgeSelection(selected: ReadonlySet<string>, changes: readonly EdgeChange<StepEdge>[]) {
  let next: Set<string> | null = null;
  for (const change of changes) {
    if (change.type !== 'select' && change.type !== 'remove') continue;
    const on = change.type === 'select' && change.selected;
    if (selected.has(change.id) === on) continue;
    next ??= new Set(selected);
    if (on) next.add(change.id);
    else next.delete(change.id);
  }
  return next ?? selected;
}

/** The edges as drawn: a selected one is a new object with `selected`, the others stay as built. */
export function withSelection(edges: StepEdge[], selected: ReadonlySet<string>): StepEdge[] {
  if (selected.size === 0) return edges;
  return edges.map((edge) => (selected.has(edge.id) ? { ...edge, selected: true } : edge));
}

/** The `needs` edges among the selected ones: the ones a user may delete. */
export function deletableSelected(edges: readonly StepEdge[], selected: ReadonlySet<string>): StepEdge[] {
  return edges.filter((edge) => selected.has(edge.id) && edge.data?.explicit === true);
}
