// Turns the pipeline (plus the run shown, if any) into React Flow nodes and edges.
import { Position } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { cycleEdgeIds } from '../../../shared/dag/cycle-edges.js';
import { buildPipelineGraph } from '../../../shared/dag/pipeline-graph.js';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { StepMark } from '../git/step-marks.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import { SIMPLE_HANDLES } from './simple-edges.js';

export interface StepNodeData extends Record<string, unknown> {
  id: string;
  step: StepSpec;
  /** Where the step runs: its own environment, or the run's. */
  environment: string | null;
  run: StepRunSummary | null;
  errors: number;
  /** Diff mode or a merge: added, changed, removed (a ghost of the compared version), conflict. */
  mark: StepMark | null;
}

export type StepNode = Node<StepNodeData, 'step'>;

/** What an edge between two steps carries: the files that flow along it, and whether `needs` names it. */
export interface StepEdgeData extends Record<string, unknown> {
  via: string[];
  explicit: boolean;
}

export type StepEdge = Edge<StepEdgeData>;

/**
 * Where a step's handles are before React Flow has measured it: those of the simple box. React
 * Flow draws every node it knows no handles of, on screen or not, to measure it; told where they
 * are, it draws only the steps on screen, which matters when a pipeline of thousands opens.
 */
export const UNMEASURED_HANDLES: NonNullable<StepNode['handles']> = [
  { type: 'target', position: Position.Left, ...SIMPLE_HANDLES.target },
  { type: 'source', position: Position.Right, ...SIMPLE_HANDLES.source },
];

/**
 * Builds nodes, reusing the previous object for every step whose inputs did not change, so a
 * selection or one step's status update re-renders one node, not the whole pipeline. Hidden
 * nodes (the zoomed-out canvas draws them itself) keep their place and size for fitting.
 */
export function createNodeBuilder() {
  let previous = new Map<string, StepNode>();
  return (
    draft: PipelineDraft,
    positions: Record<string, NodePosition>,
    selection: readonly string[],
    runSteps: ReadonlyMap<string, StepRunSummary>,
    problems: readonly Problem[],
    runEnvironment: string | null,
    marks: ReadonlyMap<string, StepMark>,
    hidden: boolean,
  ): StepNode[] => {
    const errors = new Map<string, number>();
    for (const problem of problems) {
      if (problem.severity === 'error' && problem.path[0] === 'steps' && typeof problem.path[1] === 'string') {
        errors.set(problem.path[1], (errors.get(problem.path[1]) ?? 0) + 1);
      }
    }
    const selected = new Set(selection);
    const next = new Map<string, StepNode>();
    const nodes = Object.entries(draft.steps ?? {}).map(([id, step], index) => {
      const position = positions[id] ?? { x: 40 + (index % 6) * 260, y: 40 + Math.floor(index / 6) * 110 };
      const environment = step.environment ?? runEnvironment;
      const run = runSteps.get(id) ?? null;
      const errorCount = errors.get(id) ?? 0;
      const isSelected = selected.has(id);
      const mark = marks.get(id) ?? null;
      const old = previous.get(id);
      const node: StepNode =
        old &&
        old.data.step === step &&
        old.data.run === run &&
        old.data.environment === environment &&
        old.data.mark === mark &&
        old.data.errors === errorCount &&
        old.selected === isSelected &&
        old.position.x === position.x &&
        old.position.y === position.y &&
        old.hidden === hidden
          ? old
          : {
              id,
              type: 'step',
              position,
              selected: isSelected,
              hidden,
              initialWidth: NODE_WIDTH,
              initialHeight: NODE_HEIGHT,
              handles: UNMEASURED_HANDLES,
              data: { id, step, environment, run, errors: errorCount, mark },
            };
      next.set(id, node);
      return node;
    });
    previous = next;
    return nodes;
  };
}

/** Steps of the compared version that the draft no longer has, drawn as ghosts where they were. */
export function removedStepNodes(
  base: PipelineDraft | null,
  positions: Record<string, NodePosition>,
  marks: ReadonlyMap<string, StepMark>,
  selection: readonly string[],
  hidden: boolean,
): StepNode[] {
  return Object.entries(base?.steps ?? {})
    .filter(([id]) => marks.get(id) === 'removed')
    .map(([id, step], index) => ({
      id,
      type: 'step',
      position: positions[id] ?? { x: 40 + index * 260, y: -140 },
      selected: selection.includes(id),
      hidden,
      initialWidth: NODE_WIDTH,
      initialHeight: NODE_HEIGHT,
      handles: UNMEASURED_HANDLES,
      draggable: false,
      connectable: false,
      deletable: false,
      data: { id, step, environment: step.environment ?? null, run: null, errors: 0, mark: 'removed' },
    }));
}

/** Above every step (React Flow draws nodes at z-index 0 and up, selected ones higher). */
export const CYCLE_EDGE_Z = 2000;

/** Builds edges, reusing unchanged edge objects like the node builder. An edge on a cycle is marked and drawn on top. */
export function createEdgeBuilder() {
  let previous = new Map<string, StepEdge>();
  return (draft: PipelineDraft, runSteps: ReadonlyMap<string, StepRunSummary>): StepEdge[] => {
    const next = new Map<string, StepEdge>();
    const graph = buildPipelineGraph(draft);
    const onCycle = cycleEdgeIds(graph);
    const edges = graph.edges.map((edge) => {
      const id = `${edge.from}->${edge.to}`;
      const flowing = runSteps.get(edge.to)?.status === 'running';
      const cycle = onCycle.has(id);
      // Only a `needs` edge is the user's to delete; a data edge goes away with the input.
      const className = [
        edge.explicit ? 'edge-needs' : 'edge-data',
        flowing ? 'edge-flowing' : '',
        cycle ? 'edge-cycle' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const old = previous.get(id);
      const data = old?.data;
      const built: StepEdge =
        old &&
        old.className === className &&
        data?.explicit === edge.explicit &&
        data.via.join('\n') === edge.via.join('\n')
          ? old
          : {
              id,
              source: edge.from,
              target: edge.to,
              animated: flowing,
              deletable: edge.explicit,
              className,
              data: { via: edge.via, explicit: edge.explicit },
              ...(cycle ? { zIndex: CYCLE_EDGE_Z, ariaLabel: `${edge.from} to ${edge.to}, part of a cycle` } : {}),
            };
      next.set(id, built);
      return built;
    });
    previous = next;
    return edges;
  };
}
