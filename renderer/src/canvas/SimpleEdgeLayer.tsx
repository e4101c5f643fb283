// The edges of the simple level of detail, drawn by the canvas instead of React Flow: the plain
// ones as paths of one <svg> under the steps, a cycle's in a second one above them (issue 14).
// Each edge keeps React Flow's edge classes, so it looks and answers as React Flow's own: the
// same stroke, dash, flow animation, pointer cursor and focused look, and a click clears the
// selected steps (as React Flow does) and tells the canvas which edge it was.
import { ViewportPortal, useStore, useStoreApi } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useMemo } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import type { StepEdge, StepNode } from './flow-model.js';
import { CYCLE_EDGE_Z } from './flow-model.js';
import { edgesInWindow, windowKey, windowOfKey } from './simple-edges.js';
import type { DrawnEdge } from './simple-edges.js';

const windowOf = (state: ReactFlowState) => windowKey(state);

interface LayerProps {
  nodes: readonly StepNode[];
  edges: readonly StepEdge[];
  onSelectEdge: (id: string) => void;
  onEdgeClick: (event: MouseEvent, edge: StepEdge) => void;
}

export function SimpleEdgeLayer({ nodes, edges, onSelectEdge, onEdgeClick }: LayerProps) {
  const key = useStore(windowOf);
  const store = useStoreApi();
  const positions = useMemo(
    () => new Map<string, NodePosition>(nodes.map((node) => [node.id, node.position])),
    [nodes],
  );
  const drawn = useMemo(() => edgesInWindow(edges, positions, windowOfKey(key)), [edges, positions, key]);
  const [plain, cycle] = useMemo(() => {
    const onCycle = drawn.filter(({ edge }) => edge.zIndex === CYCLE_EDGE_Z);
    return [drawn.filter(({ edge }) => edge.zIndex !== CYCLE_EDGE_Z), onCycle];
  }, [drawn]);
  // As React Flow's edge click: steps selected before are not selected with an edge.
  const select = useCallback(
    (edge: StepEdge, event?: MouseEvent) => {
      store.setState({ nodesSelectionActive: false });
      store.getState().addSelectedEdges([edge.id]);
      onSelectEdge(edge.id);
      if (event) onEdgeClick(event, edge);
    },
    [store, onSelectEdge, onEdgeClick],
  );
  return (
    <ViewportPortal>
      <EdgePaths className="simple-edges" edges={plain} onSelect={select} />
      {cycle.length > 0 ? (
        <EdgePaths className="simple-edges simple-edges-cycle" edges={cycle} onSelect={select} z={CYCLE_EDGE_Z} />
      ) : null}
    </ViewportPortal>
  );
}

interface PathsProps {
  className: string;
  /** Above the steps (a cycle's edges), else under them. */
  z?: number;
  edges: readonly DrawnEdge<StepEdge>[];
  /** A click passes its event; Enter or Space, as on React Flow's edges, selects without one. */
  onSelect: (edge: StepEdge, event?: MouseEvent) => void;
}

const SELECTION_KEYS = new Set(['Enter', ' ']);

const EdgePaths = memo(function EdgePaths({ className, z = -1, edges, onSelect }: PathsProps) {
  return (
    <svg className={className} style={{ zIndex: z }}>
      {edges.map(({ edge, path }) => (
        <EdgePath key={edge.id} edge={edge} path={path} onSelect={onSelect} />
      ))}
    </svg>
  );
});

interface PathProps {
  edge: StepEdge;
  path: string;
  onSelect: PathsProps['onSelect'];
}

/** One edge; unchanged when the window moves, so a pan or zoom that brings edges in redraws only those. */
const EdgePath = memo(function EdgePath({ edge, path, onSelect }: PathProps) {
  return (
    <g
      // `nopan`, as on React Flow's edges: pressing an edge must not start a pan, which would
      // take the pointer from the edges (.canvas.moving) before the click lands.
      className={`react-flow__edge react-flow__edge-default nopan selectable ${edge.className ?? ''}${edge.animated ? ' animated' : ''}${edge.selected ? ' selected' : ''}`}
      data-id={edge.id}
      // The test id React Flow gives an edge, so a test finds an edge at every level of detail.
      data-testid={`rf__edge-${edge.id}`}
      tabIndex={0}
      role="group"
      aria-roledescription="edge"
      aria-label={edge.ariaLabel ?? `Edge from ${edge.source} to ${edge.target}`}
      onClick={(event) => onSelect(edge, event)}
      onKeyDown={(event: KeyboardEvent<SVGGElement>) => {
        if (event.key === 'Escape') event.currentTarget.blur();
        else if (SELECTION_KEYS.has(event.key)) onSelect(edge);
      }}
    >
      <path className="react-flow__edge-path" d={path} fill="none" />
      <path className="react-flow__edge-interaction" d={path} fill="none" strokeOpacity={0} strokeWidth={20} />
    </g>
  );
});
