// Automatic layout with ELK's layered algorithm, in a worker so that laying out a thousand
// steps never freezes the canvas.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { LayoutAnswer, LayoutRequest } from './layout-messages.js';

const elk = new ELK();

// Layered, left to right: sources first (longest-path layering), one crossing-minimisation
// pass, simple placement. The canvas draws its own edges, so ELK routes them the cheap way.
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.layering.strategy': 'LONGEST_PATH',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.thoroughness': '1',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '28',
  'elk.separateConnectedComponents': 'false',
};

/** From this many steps on, speed matters more than the last few crossings saved. */
const LARGE_GRAPH = 300;
// Crossing minimisation (layer sweeps, then greedy switches) was about half of a thousand-step
// layout when timed in Node (1.0–1.9 s against 0.5–0.9 s without, on a loaded machine). A large
// pipeline skips it: ELK starts from the order computeLayout sends, the order the steps already
// have on the canvas, so a pipeline drawn layer by layer comes out close to how it was drawn.
const LARGE_GRAPH_OPTIONS = {
  ...LAYOUT_OPTIONS,
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};

async function layout(request: LayoutRequest): Promise<LayoutAnswer> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: request.nodes.length >= LARGE_GRAPH ? LARGE_GRAPH_OPTIONS : LAYOUT_OPTIONS,
    children: request.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: request.edges.map((edge, index) => ({ id: `e${index}`, sources: [edge.from], targets: [edge.to] })),
  };
  const laidOut = await elk.layout(graph);
  const positions: LayoutAnswer['positions'] = {};
  for (const child of laidOut.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { id: request.id, positions };
}

self.onmessage = async (message: MessageEvent<LayoutRequest>) => {
  self.postMessage(await layout(message.data));
};
