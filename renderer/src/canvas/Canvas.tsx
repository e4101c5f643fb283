// The pipeline canvas. React Flow owns the interaction (drag, select, connect, delete, pan,
// zoom); every change that matters is turned into an edit of the pipeline in the editor store.
// Zoomed out below OVERVIEW_ZOOM, the steps' nodes are hidden and CanvasOverview draws the whole
// pipeline as one picture (level of detail): a click there selects the step under it. At the
// simple level between them, the canvas draws the edges itself (SimpleEdgeLayer).
// The minimap stands aside for the log drawer and never covers a step (minimap-corner.ts), and an
// empty pipeline says how to start.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import type { Connection, NodeChange, OnBeforeDelete } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { useEditor, useRuns, useStudio, useWorkspace } from '../studio/studio-context.js';
import { connect, deleteSteps, disconnect } from '../editor/pipeline-edits.js';
import { CanvasOverview } from './CanvasOverview.js';
import { createEdgeBuilder, createNodeBuilder, removedStepNodes } from './flow-model.js';
import { useStepMarks } from '../git/use-step-marks.js';
import { useComparedRunMarks } from '../compare/use-compared-run-marks.js';
import type { StepEdge, StepNode as StepNodeType } from './flow-model.js';
import { EmptyPipelineStart } from './EmptyPipelineStart.js';
import { forgetUnmeasuredHandles, keepMeasured } from './measured-nodes.js';
import { minimapCornerOf } from './minimap-corner.js';
import { MAX_ZOOM, MIN_ZOOM, boxOfNode, extentOf, fittedViewport, minimapShown } from './fit-pipeline.js';
import { OVERVIEW_ZOOM, detailAt } from './level-of-detail.js';
import { overviewScene, stepAt } from './overview-scene.js';
import { SimpleEdgeLayer } from './SimpleEdgeLayer.js';
import { StepNode } from './StepNode.js';
import { StepEdgeLine } from './StepEdgeLine.js';
import { useCanvasCommands } from './use-canvas-commands.js';
import { useEdgeSelection } from './use-edge-selection.js';
import { useTemplateSteps } from './use-template-steps.js';
import { canvasMoved } from '../layout/auto-layout.js';

const nodeTypes = { step: StepNode };
const edgeTypes = { default: StepEdgeLine };
const NO_NODES: StepNodeType[] = [];
const NO_EDGES: StepEdge[] = [];

export function Canvas() {
  const { editor, previewController } = useStudio();
  const { draft, positions, selection, problems, readOnly, compare, file } = useEditor(
    useShallow((state) => ({
      draft: state.draft,
      positions: state.positions,
      selection: state.selection,
      problems: state.problems,
      readOnly: state.readOnly,
      compare: state.compare,
      file: state.doc?.file ?? null,
    })),
  );
  const marks = useComparedRunMarks(useStepMarks(draft, compare, file));
  const run = useRuns((state) => state.run);
  const logOpen = useRuns((state) => state.logStep !== null);
  const theme = useWorkspace((state) => state.theme);
  const templates = useWorkspace((state) => state.templates);
  const defaultEnvironment = useWorkspace((state) => state.info?.defaultEnvironment ?? null);
  const flow = useReactFlow<StepNodeType>();
  const canvasElement = useRef<HTMLDivElement>(null);
  const store = useStoreApi<StepNodeType>();
  const overview = useStore((state) => state.transform[2] < OVERVIEW_ZOOM);
  const simple = useStore((state) => detailAt(state.transform[2]) === 'simple');
  const sized = useStore((state) => state.width > 0 && state.height > 0);
  const minimapCorner = useStore((state) => minimapCornerOf(state, logOpen));
  useCanvasCommands();
  const { addTemplateStep, onDrop } = useTemplateSteps();

  const runSteps = useMemo(
    () => new Map<string, StepRunSummary>((run?.steps ?? []).map((step) => [step.id, step])),
    [run],
  );
  const runEnvironment = run?.environment ?? defaultEnvironment;
  const [buildNodes] = useState(createNodeBuilder);
  const [buildEdges] = useState(createEdgeBuilder);
  const derivedNodes = useMemo(
    () =>
      draft
        ? [
            ...buildNodes(draft, positions, selection, runSteps, problems, runEnvironment, marks, overview),
            ...(compare ? removedStepNodes(compare.base, compare.positions, marks, selection, overview) : []),
          ]
        : [],
    [buildNodes, draft, positions, selection, runSteps, problems, runEnvironment, marks, compare, overview],
  );
  const builtEdges = useMemo(() => (draft ? buildEdges(draft, runSteps) : []), [buildEdges, draft, runSteps]);
  const { edges, onEdgesChange, select: selectEdge, clear: clearEdges, deletable } = useEdgeSelection(builtEdges);
  // Where the steps lie, for tests and the benchmark to see an auto-layout land.
  const extent = useMemo(() => extentOf(derivedNodes.map(boxOfNode)), [derivedNodes]);
  const scene = useMemo(() => (overview ? overviewScene(derivedNodes, edges) : null), [overview, derivedNodes, edges]);

  // A pipeline opens fitted: every step on screen, a large one as the overview (zoom in to edit).
  // React Flow is handed the steps once their view is fitted (once the canvas has a size): before,
  // it would draw those the previous view showed, at its level of detail, only to take them away.
  const [fittedFile, setFittedFile] = useState<string | null>(null);
  useEffect(() => {
    if (!sized || file === null || fittedFile === file) return;
    const { width, height } = store.getState();
    const viewport = fittedViewport(derivedNodes.map(boxOfNode), width, height, minimapShown(width, logOpen));
    if (viewport) void flow.setViewport(viewport);
    setFittedFile(file);
  }, [sized, file, fittedFile, derivedNodes, flow, store, logOpen]);
  const placed = file === null || fittedFile === file;
  // React Flow moves nodes in local state while dragging; the store learns positions on drop.
  const [nodes, setNodes] = useState<StepNodeType[]>(derivedNodes);
  const handedOver = useRef(derivedNodes);
  useEffect(() => {
    const previous = handedOver.current;
    handedOver.current = derivedNodes;
    setNodes((shown) => keepMeasured(derivedNodes, shown, previous));
  }, [derivedNodes]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNodeType>[]) => {
      setNodes((current) => forgetUnmeasuredHandles(applyNodeChanges(changes, current)));
      const selectionChanges = changes.filter((change) => change.type === 'select');
      if (selectionChanges.length > 0) {
        const selected = new Set(editor.getState().selection);
        for (const change of selectionChanges) {
          if (change.type !== 'select') continue;
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
        editor.getState().select([...selected]);
      }
    },
    [editor],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: StepNodeType, dragged: StepNodeType[]) => {
      const moved: Record<string, NodePosition> = {};
      for (const node of dragged) moved[node.id] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
      editor.getState().setPositions(moved);
    },
    [editor],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      editor.getState().edit((current) => connect(current, connection.source, connection.target));
    },
    [editor],
  );

  const onBeforeDelete: OnBeforeDelete<StepNodeType, StepEdge> = useCallback(
    async ({ nodes: goingNodes, edges: goingEdges }) => {
      const stepIds = goingNodes.map((node) => node.id);
      // With those of the selected steps, the selected edges: React Flow knows none at the simple level.
      const needEdges = [
        ...new Map(
          [...goingEdges.filter((edge) => edge.data?.explicit), ...deletable()].map((edge) => [edge.id, edge]),
        ).values(),
      ];
      editor.getState().edit((current) => {
        let next = stepIds.length > 0 ? deleteSteps(current, stepIds) : current;
        for (const edge of needEdges) next = disconnect(next, edge.source, edge.target);
        return next;
      });
      if (stepIds.length > 0) editor.getState().select([]);
      if (needEdges.length > 0) clearEdges();
      // The store is the source of truth: React Flow need not delete anything itself.
      return false;
    },
    [editor, deletable, clearEdges],
  );

  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      const clicked = scene ? stepAt(scene, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : null;
      clearEdges();
      if (clicked === null) return editor.getState().select([]);
      const current = editor.getState().selection;
      const adding = event.shiftKey || event.ctrlKey || event.metaKey;
      editor
        .getState()
        .select(
          !adding
            ? [clicked]
            : current.includes(clicked)
              ? current.filter((id) => id !== clicked)
              : [...current, clicked],
        );
    },
    [editor, flow, scene, clearEdges],
  );

  // A data edge carries files from its source to its target: clicking it previews them.
  const onEdgeClick = useCallback(
    (_: unknown, edge: StepEdge) => {
      const via = edge.data?.via ?? [];
      if (via.length > 0) previewController.open(via, edge.source);
    },
    [previewController],
  );

  if (!draft)
    return (
      <div className="canvas-empty" data-testid="canvas-empty">
        Open or create a pipeline to start.
      </div>
    );

  return (
    <div
      className="canvas"
      ref={canvasElement}
      data-testid="canvas"
      data-extent={extent}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={onDrop}
    >
      <ReactFlow<StepNodeType, StepEdge>
        nodes={placed ? nodes : NO_NODES}
        // In the overview React Flow gets no edges: it would keep a subscribed wrapper for each
        // (its culling does not skip edges of hidden nodes), and the overview draws them anyway.
        // Nor at the simple level, where SimpleEdgeLayer draws them in one <svg>.
        edges={overview || simple || !placed ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onPaneClick={onPaneClick}
        // A class on the canvas's own element, not state: a gesture must not re-render the canvas.
        onMoveStart={() => {
          canvasElement.current?.classList.add('moving');
          canvasMoved();
        }}
        onMoveEnd={() => canvasElement.current?.classList.remove('moving')}
        onEdgeClick={onEdgeClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        onlyRenderVisibleElements
        colorMode={theme}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        {scene ? <CanvasOverview scene={scene} theme={theme} /> : null}
        {simple && placed ? (
          <SimpleEdgeLayer nodes={nodes} edges={edges} onSelectEdge={selectEdge} onEdgeClick={onEdgeClick} />
        ) : null}
        {!scene && minimapCorner && derivedNodes.length > 0 ? (
          <MiniMap pannable zoomable nodeStrokeWidth={3} className="minimap" position={minimapCorner} />
        ) : null}
        <Controls showInteractive={false} />
        {derivedNodes.length === 0 && !readOnly ? (
          <EmptyPipelineStart templates={templates} onPick={addTemplateStep} />
        ) : null}
      </ReactFlow>
    </div>
  );
}
