// The pipeline canvas. React Flow owns the interaction (drag, select, connect, delete, pan,
// zoom); every change that matters is turned into an edit of the pipeline in the editor store.
// Zoomed out below OVERVIEW_ZOOM, the steps' nodes are hidden and CanvasOverview draws the whole
// pipeline as one picture (level of detail): a click there selects the step under it.
// The minimap stands aside for the log drawer, and an empty pipeline says how to start.
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
import type { Connection, Edge, NodeChange, OnBeforeDelete } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import { stepFromTemplate } from '../../../shared/pipeline/step-templates.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { useEditor, useRuns, useStudio, useWorkspace } from '../studio/studio-context.js';
import { addStep, connect, deleteSteps, disconnect, uniqueStepId } from '../editor/pipeline-edits.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import { CanvasOverview } from './CanvasOverview.js';
import { TEMPLATE_DRAG_TYPE } from './drag-types.js';
import { createEdgeBuilder, createNodeBuilder, removedStepNodes } from './flow-model.js';
import { useStepMarks } from '../git/use-step-marks.js';
import { useComparedRunMarks } from '../compare/use-compared-run-marks.js';
import type { StepNode as StepNodeType } from './flow-model.js';
import { EmptyPipelineStart } from './EmptyPipelineStart.js';
import { MAX_ZOOM, MIN_ZOOM, boxOfNode, extentOf, fittedViewport, minimapShown } from './fit-pipeline.js';
import { OVERVIEW_ZOOM } from './level-of-detail.js';
import { overviewScene, stepAt } from './overview-scene.js';
import { StepNode } from './StepNode.js';
import { useCanvasCommands } from './use-canvas-commands.js';

const nodeTypes = { step: StepNode };
const NO_EDGES: Edge[] = [];

export function Canvas() {
  const { editor, controller, previewController } = useStudio();
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
  const store = useStoreApi<StepNodeType>();
  const overview = useStore((state) => state.transform[2] < OVERVIEW_ZOOM);
  const sized = useStore((state) => state.width > 0 && state.height > 0);
  const minimap = useStore((state) => minimapShown(state.width, logOpen));
  useCanvasCommands();

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
  const edges = useMemo(() => (draft ? buildEdges(draft, runSteps) : []), [buildEdges, draft, runSteps]);
  // Where the steps lie, for tests and the benchmark to see an auto-layout land.
  const extent = useMemo(() => extentOf(derivedNodes.map(boxOfNode)), [derivedNodes]);
  const scene = useMemo(() => (overview ? overviewScene(derivedNodes, edges) : null), [overview, derivedNodes, edges]);

  // A pipeline opens fitted: every step on screen, a large one as the overview (zoom in to edit).
  const fittedFile = useRef<string | null>(null);
  useEffect(() => {
    if (!sized || file === null || fittedFile.current === file) return;
    fittedFile.current = file;
    const { width, height } = store.getState();
    const viewport = fittedViewport(derivedNodes.map(boxOfNode), width, height, minimapShown(width, logOpen));
    if (viewport) void flow.setViewport(viewport);
  }, [sized, file, derivedNodes, flow, store, logOpen]);
  // React Flow moves nodes in local state while dragging; the store learns positions on drop.
  const [nodes, setNodes] = useState<StepNodeType[]>(derivedNodes);
  useEffect(() => setNodes(derivedNodes), [derivedNodes]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNodeType>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
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

  const onBeforeDelete: OnBeforeDelete<StepNodeType, Edge> = useCallback(
    async ({ nodes: goingNodes, edges: goingEdges }) => {
      const stepIds = goingNodes.map((node) => node.id);
      const needEdges = goingEdges.filter((edge) => (edge.data as { explicit?: boolean } | undefined)?.explicit);
      editor.getState().edit((current) => {
        let next = stepIds.length > 0 ? deleteSteps(current, stepIds) : current;
        for (const edge of needEdges) next = disconnect(next, edge.source, edge.target);
        return next;
      });
      if (stepIds.length > 0) editor.getState().select([]);
      // The store is the source of truth: React Flow need not delete anything itself.
      return false;
    },
    [editor],
  );

  /** Adds a step from a template, centred on a point of the screen. */
  const addTemplateStep = useCallback(
    (templateId: string, screen: { x: number; y: number }) => {
      const template = templates.find((candidate) => candidate.id === templateId);
      const current = editor.getState().draft;
      if (!template || !current) return;
      const id = uniqueStepId(current, template.id.replace(/^library:/, ''));
      const point = flow.screenToFlowPosition(screen);
      editor.getState().edit((latest) => addStep(latest, id, stepFromTemplate(template, id)));
      if (template.starterNotebook)
        void controller.createStarterNotebook(template.starterNotebook.replaceAll('{id}', id));
      else void controller.offerStarterScript(stepFromTemplate(template, id).run);
      editor
        .getState()
        .setPositions(
          { [id]: { x: Math.round(point.x - NODE_WIDTH / 2), y: Math.round(point.y - NODE_HEIGHT / 2) } },
          false,
        );
      editor.getState().select([id]);
    },
    [controller, editor, flow, templates],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      addTemplateStep(event.dataTransfer.getData(TEMPLATE_DRAG_TYPE), { x: event.clientX, y: event.clientY });
    },
    [addTemplateStep],
  );

  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      const clicked = scene ? stepAt(scene, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : null;
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
    [editor, flow, scene],
  );

  // A data edge carries files from its source to its target: clicking it previews them.
  const onEdgeClick = useCallback(
    (_: unknown, edge: Edge) => {
      const via = (edge.data as { via?: string[] } | undefined)?.via ?? [];
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
      data-testid="canvas"
      data-extent={extent}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={onDrop}
    >
      <ReactFlow<StepNodeType>
        nodes={nodes}
        // In the overview React Flow gets no edges: it would keep a subscribed wrapper for each
        // (its culling does not skip edges of hidden nodes), and the overview draws them anyway.
        edges={overview ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onPaneClick={onPaneClick}
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
        {!scene && minimap ? <MiniMap pannable zoomable nodeStrokeWidth={3} className="minimap" /> : null}
        <Controls showInteractive={false} />
        {derivedNodes.length === 0 && !readOnly ? (
          <EmptyPipelineStart templates={templates} onPick={addTemplateStep} />
        ) : null}
      </ReactFlow>
    </div>
  );
}
