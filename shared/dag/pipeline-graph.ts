// The pipeline as a DAG: explicit `needs` edges plus edges inferred where one step's output
// is (or contains, or lies inside) another step's input.
import type { PipelineSpec } from '../pipeline/schema.js';
import { normalizeWorkspacePath, pathsOverlap } from '../pipeline/workspace-paths.js';

export interface PipelineEdge {
  from: string;
  to: string;
  /** `to` lists `from` in its needs. */
  explicit: boolean;
  /** Input paths of `to` that `from` writes (the inferred data dependencies). */
  via: string[];
}

export interface PipelineGraph {
  /** Step ids in declaration order. */
  steps: string[];
  edges: PipelineEdge[];
  upstream: ReadonlyMap<string, ReadonlySet<string>>;
  downstream: ReadonlyMap<string, ReadonlySet<string>>;
}

export function buildPipelineGraph(pipeline: Pick<PipelineSpec, 'steps'>): PipelineGraph {
  const steps = Object.keys(pipeline.steps);
  const known = new Set(steps);
  const byPair = new Map<string, PipelineEdge>();
  const edgeFor = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    let edge = byPair.get(key);
    if (!edge) {
      edge = { from, to, explicit: false, via: [] };
      byPair.set(key, edge);
    }
    return edge;
  };

  for (const id of steps) {
    for (const need of pipeline.steps[id]?.needs ?? []) {
      if (known.has(need)) edgeFor(need, id).explicit = true;
    }
  }

  const producers = steps.flatMap((id) =>
    (pipeline.steps[id]?.outputs ?? []).flatMap((output) => {
      const path = normalizeWorkspacePath(output);
      return path ? [{ id, path }] : [];
    }),
  );
  for (const id of steps) {
    for (const input of pipeline.steps[id]?.inputs ?? []) {
      const path = normalizeWorkspacePath(input);
      if (!path) continue;
      for (const producer of producers) {
        if (!pathsOverlap(path, producer.path)) continue;
        const edge = edgeFor(producer.id, id);
        if (!edge.via.includes(path)) edge.via.push(path);
      }
    }
  }
  const edges = [...byPair.values()];

  const upstream = new Map<string, Set<string>>(steps.map((id) => [id, new Set<string>()]));
  const downstream = new Map<string, Set<string>>(steps.map((id) => [id, new Set<string>()]));
  for (const edge of edges) {
    upstream.get(edge.to)?.add(edge.from);
    downstream.get(edge.from)?.add(edge.to);
  }
  return { steps, edges, upstream, downstream };
}

/** One cycle as a closed walk (a -> b -> a), or null when the graph is acyclic. */
export function findCycle(graph: PipelineGraph): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of graph.downstream.get(id) ?? []) {
      const mark = state.get(next);
      if (mark === 'visiting') return [...stack.slice(stack.indexOf(next)), next];
      if (mark === undefined) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of graph.steps) {
    if (state.get(id) === undefined) {
      const cycle = visit(id);
      if (cycle) return cycle;
    }
  }
  return null;
}

/** Kahn's order, ties broken by declaration order so runs and views are stable. */
export function topologicalOrder(graph: PipelineGraph): string[] {
  const position = new Map(graph.steps.map((id, index) => [id, index]));
  const remaining = new Map(graph.steps.map((id) => [id, graph.upstream.get(id)?.size ?? 0]));
  const ready = graph.steps.filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const id = ready.shift() as string;
    order.push(id);
    for (const next of graph.downstream.get(id) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order;
}

/** Every step reachable from `start` following `direction` edges, `start` excluded. */
export function reachable(graph: PipelineGraph, start: string, direction: 'upstream' | 'downstream'): Set<string> {
  const links = direction === 'upstream' ? graph.upstream : graph.downstream;
  const found = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const next of links.get(id) ?? []) {
      if (!found.has(next)) {
        found.add(next);
        queue.push(next);
      }
    }
  }
  return found;
}
