// The canvas's selected edges, kept beside the edges the pipeline gives (see edge-selection.ts).
import type { EdgeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { NO_SELECTED_EDGES, applyEdgeSelection, deletableSelected, withSelection } from './edge-selection.js';
import type { StepEdge } from './flow-model.js';

export interface EdgeSelection {
  /** The edges as drawn, the selected ones marked. */
  edges: StepEdge[];
  /** React Flow's changes to its edges: their selection. */
  onEdgesChange(changes: EdgeChange<StepEdge>[]): void;
  /** Selects one edge alone (the simple level's edge layer, which React Flow does not know). */
  select(id: string): void;
  clear(): void;
  /** The selected `needs` edges, which Delete removes. */
  deletable(): StepEdge[];
}

export function useEdgeSelection(built: StepEdge[]): EdgeSelection {
  const [selected, setSelected] = useState(NO_SELECTED_EDGES);
  const edges = useMemo(() => withSelection(built, selected), [built, selected]);
  const onEdgesChange = useCallback(
    (changes: EdgeChange<StepEdge>[]) => setSelected((current) => applyEdgeSelection(current, changes)),
    [],
  );
  const select = useCallback((id: string) => setSelected(new Set([id])), []);
  const clear = useCallback(() => setSelected(NO_SELECTED_EDGES), []);
  const deletable = useCallback(() => deletableSelected(built, selected), [built, selected]);
  return { edges, onEdgesChange, select, clear, deletable };
}
