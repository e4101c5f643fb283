// Asks the layout worker for node positions; one worker for the studio's lifetime.
import { buildPipelineGraph } from '../../../shared/dag/pipeline-graph.js';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { LayoutAnswer, LayoutRequest } from './layout-messages.js';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.js';
/** From this size on, layout is slow enough to be worth preparing for. */
const LARGE_PIPELINE = 100;

let worker: Worker | null = null;
let warmedUp = false;
let nextId = 1;
const waiting = new Map<number, (positions: Record<string, NodePosition>) => void>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<LayoutAnswer>) => {
      waiting.get(message.data.id)?.(message.data.positions);
      waiting.delete(message.data.id);
    };
  }
  return worker;
}

function request(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges']): Promise<Record<string, NodePosition>> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    layoutWorker().postMessage({ id, nodes, edges } satisfies LayoutRequest);
  });
}

/** How long the canvas must rest before a warm-up may take a core. */
const REST_MS = 1500;
/** Warm-up layouts still to run, each of the same synthetic graph. */
let warmUpsLeft = 0;
let warmUpGraph: Pick<LayoutRequest, 'nodes' | 'edges'> = { nodes: [], edges: [] };
let restTimer: ReturnType<typeof setTimeout> | null = null;

function armWarmUp(): void {
  if (restTimer !== null) clearTimeout(restTimer);
  restTimer = warmUpsLeft > 0 ? setTimeout(runWarmUp, REST_MS) : null;
}

function runWarmUp(): void {
  restTimer = null;
  warmUpsLeft -= 1;
  void request(warmUpGraph.nodes, warmUpGraph.edges).then(armWarmUp);
}

/**
 * Positions for every step. Steps are handed to ELK in the order they stand on the canvas (top to
 * bottom, then left to right; steps not placed yet last, in declaration order): for a large
 * pipeline ELK skips crossing minimisation and starts from that order (layout-worker.ts), so
 * the layout stays close to the arrangement the user sees.
 */
export function computeLayout(
  draft: PipelineDraft,
  current: Readonly<Record<string, NodePosition>> = {},
): Promise<Record<string, NodePosition>> {
  const graph = buildPipelineGraph(draft);
  const rank = new Map(graph.steps.map((id, index) => [id, index]));
  const ordered = [...graph.steps].sort((a, b) => {
    const [first, second] = [current[a], current[b]];
    if (first && second) return first.y - second.y || first.x - second.x;
    if (first || second) return first ? -1 : 1;
    return (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  });
  // A layout the user asked for warms ELK up as well as a synthetic one would: none is left to run.
  warmUpsLeft = 0;
  armWarmUp();
  return request(
    ordered.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    graph.edges.map((edge) => ({ from: edge.from, to: edge.to })),
  );
}

/**
 * ELK is compiled Java: its first layouts run interpreted and are several times slower than
 * later ones. When a large pipeline opens, lay out a synthetic graph twice in the worker, so the
 * user's first "auto layout" runs on warm code. A warm-up keeps a core busy for a second or two,
 * which on a small machine makes a pan or zoom drop frames (a trace of the fitted view's zoom
 * found it beside every long frame), so each one waits until the canvas has rested for REST_MS.
 */
export function prepareLayoutFor(stepCount: number): void {
  if (warmedUp || stepCount < LARGE_PIPELINE) return;
  warmedUp = true;
  const layers = 20;
  const width = 25;
  const nodes = Array.from({ length: layers * width }, (_, index) => ({
    id: `n${index}`,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
  }));
  const edges = nodes.slice(width).flatMap((node, index) => [
    { from: `n${index}`, to: node.id },
    { from: `n${(index * 7) % (nodes.length - width)}`, to: node.id },
  ]);
  warmUpGraph = { nodes, edges };
  warmUpsLeft = 2;
  armWarmUp();
}

/** The canvas moved: a warm-up waiting for rest waits again (one already running cannot stop). */
export function canvasMoved(): void {
  if (restTimer !== null) armWarmUp();
}
