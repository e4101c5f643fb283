// What the studio asks the layout worker (layout-worker.ts) and what it answers.

export interface LayoutRequest {
  id: number;
  nodes: Array<{ id: string; width: number; height: number }>;
  edges: Array<{ from: string; to: string }>;
}

export interface LayoutAnswer {
  id: number;
  positions: Record<string, { x: number; y: number }>;
}
