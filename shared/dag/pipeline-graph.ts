// The pipeline as a DAG: explicit `needs` edges plus edges inferred where one step's output
// is (or contains, or lies inside) another step's input.
import type { PipelineSpec } from '../pipeline/schema.js';
import { PathOverlaps } from './path-overlaps.js';
import { normalizeWorkspacePath } from '../pipeline/workspace-paths.js';
import { present } from '../invariant/present.js';

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

  const producers = new PathOverlaps<string>();
  for (const id of steps) {
    for (const output of pipeline.steps[id]?.outputs ?? []) {
      const path = normalizeWorkspacePath(output);
      if (path) producers.add(path, id);
    }
  }
  for (const id of steps) {
    for (const input of pipeline.steps[id]?.inputs ?? []) {
      const path = normalizeWorkspacePath(input);
      if (!path) continue;
      for (const producer of producers.overlapping(path)) {
        const edge = edgeFor(producer, id);
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
  // Depth-first with a stack of its own: a chain of 10,000 steps is deeper than the call stack.
  const path: string[] = [];
  const pending: Array<Iterator<string>> = [];
  const enter = (id: string) => {
    state.set(id, 'visiting');
    path.push(id);
    pending.push((graph.downstream.get(id) ?? new Set<string>()).values());
  };
  for (const start of graph.steps) {
    if (state.get(start) !== undefined) continue;
    enter(start);
    for (let top = pending.at(-1); top !== undefined; top = pending.at(-1)) {
      const next = top.next();
      if (next.done) {
        pending.pop();
        const finished = path.pop();
        if (finished !== undefined) state.set(finished, 'done');
        continue;
      }
      const mark = state.get(next.value);
      if (mark === 'visiting') return [...path.slice(path.indexOf(next.value)), next.value];
      if (mark === undefined) enter(next.value);
    }
  }
  return null;
}

/** Kahn's order, ties broken by declaration order so runs and views are stable. */
export function topologicalOrder(graph: PipelineGraph): string[] {
  const position = new Map(graph.steps.map((id, index) => [id, index]));
  const remaining = new Map(graph.steps.map((id) => [id, graph.upstream.get(id)?.size ?? 0]));
  // The ready steps by declaration position, in a binary heap: the earliest comes out first
  // without sorting them all again at each step.
  const ready = new PositionHeap();
  graph.steps.forEach((id, index) => {
    if (remaining.get(id) === 0) ready.push(index);
  });
  const order: string[] = [];
  while (ready.size > 0) {
    const id = present(graph.steps[ready.pop()], 'a ready step');
    order.push(id);
    for (const next of graph.downstream.get(id) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(position.get(next) ?? 0);
    }
  }
  return order;
}

class PositionHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    for (let at = items.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      const above = items[parent];
      if (above === undefined || above <= value) break;
      items[at] = above;
      items[parent] = value;
      at = parent;
    }
  }

  /** The least position; the heap must not be empty. */
  pop(): number {
    const items = this.items;
    const top = present(items[0], 'the top of an empty heap');
    const last = present(items.pop(), 'the last of an empty heap');
    if (items.length === 0) return top;
    items[0] = last;
    // `last` sinks until no child is less: every slot it passes over holds a number.
    for (let at = 0; ;) {
      let least = at;
      let leastValue = last;
      const left = items[at * 2 + 1];
      const right = items[at * 2 + 2];
      if (left !== undefined && left < leastValue) [least, leastValue] = [at * 2 + 1, left];
      if (right !== undefined && right < leastValue) [least, leastValue] = [at * 2 + 2, right];
      if (least === at) break;
      items[at] = leastValue;
      items[least] = last;
      at = least;
    }
    return top;
  }
}

/** Every step reachable from `start` following `direction` edges, `start` excluded. */
export function reachable(graph: PipelineGraph, start: string, direction: 'upstream' | 'downstream'): Set<string> {
  const links = direction === 'upstream' ? graph.upstream : graph.downstream;
  const found = new Set<string>();
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of links.get(id) ?? []) {
      if (!found.has(next)) {
        found.add(next);
        queue.push(next);
      }
    }
  }
  return found;
}
