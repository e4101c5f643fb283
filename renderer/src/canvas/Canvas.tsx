// The pipeline canvas. React Flow owns the interaction (drag, select, connect, delete, pan,
// zoom); every change that matters is turned into an edit of the pipeline in the editor store.
import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, applyNodeChanges, useReactFlow,
} from '@xyflow/react';
import type { Connection, Edge, NodeChange, OnBeforeDelete } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import { stepFromTemplate } from '../../../shared/pipeline/step-templates.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { useEditor, useRuns, useStudio, useWorkspace } from '../app/studio-context.js';
import { addStep, connect, deleteSteps, disconnect, uniqueStepId } from '../editor/pipeline-edits.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/auto-layout.js';
import { TEMPLATE_DRAG_TYPE } from './drag-types.js';
import { createEdgeBuilder, createNodeBuilder, removedStepNodes } from './flow-model.js';
import { useStepMarks } from '../git/use-step-marks.js';
import { useComparedRunMarks } from '../compare/use-compared-run-marks.js';
import type { StepNode as StepNodeType } from './flow-model.js';
import { StepNode } from './StepNode.js';
import { useCanvasCommands } from './use-canvas-commands.js';

const nodeTypes = { step: StepNode };
// Fitting never zooms in past 100% (one step alone stays its natural size). On opening, it
// also never zooms out below where steps can be read: a large pipeline opens on its middle,
// readable, and "fit view" shows all of it.
export const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 } as const;
const OPEN_VIEW_OPTIONS = { ...FIT_VIEW_OPTIONS, minZoom: 0.5 } as const;

export function Canvas() {
  const { editor } = useStudio();
  const { draft, positions, selection, problems, readOnly, compare, file } = useEditor(useShallow((state) => ({
    draft: state.draft, positions: state.positions, selection: state.selection, problems: state.problems, readOnly: state.readOnly,
    compare: state.compare, file: state.doc?.file ?? null,
  })));
  const marks = useComparedRunMarks(useStepMarks(draft, compare, file));
  const run = useRuns((state) => state.run);
  const theme = useWorkspace((state) => state.theme);
  const templates = useWorkspace((state) => state.templates);
  const defaultEnvironment = useWorkspace((state) => state.info?.defaultEnvironment ?? null);
  const flow = useReactFlow<StepNodeType>();
  useCanvasCommands();

  const runSteps = useMemo(() => new Map<string, StepRunSummary>((run?.steps ?? []).map((step) => [step.id, step])), [run]);
  const runEnvironment = run?.environment ?? defaultEnvironment;
  const [buildNodes] = useState(createNodeBuilder);
  const [buildEdges] = useState(createEdgeBuilder);
  const derivedNodes = useMemo(
    () => (draft ? [
      ...buildNodes(draft, positions, selection, runSteps, problems, runEnvironment, marks),
      ...(compare ? removedStepNodes(compare.base, compare.positions, marks, selection) : []),
    ] : []),
    [buildNodes, draft, positions, selection, runSteps, problems, runEnvironment, marks, compare],
  );
  const edges = useMemo(() => (draft ? buildEdges(draft, runSteps) : []), [buildEdges, draft, runSteps]);
  // React Flow moves nodes in local state while dragging; the store learns positions on drop.
  const [nodes, setNodes] = useState<StepNodeType[]>(derivedNodes);
  useEffect(() => setNodes(derivedNodes), [derivedNodes]);

  const onNodesChange = useCallback((changes: NodeChange<StepNodeType>[]) => {
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
  }, [editor]);

  const onNodeDragStop = useCallback((_event: unknown, _node: StepNodeType, dragged: StepNodeType[]) => {
    const moved: Record<string, NodePosition> = {};
    for (const node of dragged) moved[node.id] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
    editor.getState().setPositions(moved);
  }, [editor]);

  const onConnect = useCallback((connection: Connection) => {
    editor.getState().edit((current) => connect(current, connection.source, connection.target));
  }, [editor]);

  const onBeforeDelete: OnBeforeDelete<StepNodeType, Edge> = useCallback(async ({ nodes: goingNodes, edges: goingEdges }) => {
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
  }, [editor]);

  const onDrop = useCallback((event: DragEvent) => {
    event.preventDefault();
    const templateId = event.dataTransfer.getData(TEMPLATE_DRAG_TYPE);
    const template = templates.find((candidate) => candidate.id === templateId);
    const current = editor.getState().draft;
    if (!template || !current) return;
    const id = uniqueStepId(current, template.id.replace(/^library:/, ''));
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    editor.getState().edit((latest) => addStep(latest, id, stepFromTemplate(template, id)));
    editor.getState().setPositions({ [id]: { x: Math.round(point.x - NODE_WIDTH / 2), y: Math.round(point.y - NODE_HEIGHT / 2) } }, false);
    editor.getState().select([id]);
  }, [editor, flow, templates]);

  if (!draft) return <div className="canvas-empty" data-testid="canvas-empty">Open or create a pipeline to start.</div>;

  return (
    <div className="canvas" data-testid="canvas" onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; }} onDrop={onDrop}>
      <ReactFlow<StepNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onPaneClick={() => editor.getState().select([])}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        onlyRenderVisibleElements
        colorMode={theme}
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={OPEN_VIEW_OPTIONS}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} className="minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
