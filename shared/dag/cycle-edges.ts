// The edges that lie on a cycle of the pipeline: those whose two steps reach each other (the
// same strongly connected component). The canvas draws them on top, in red, so every loop the
// validation reports can be seen, not only the first one it names.
import type { PipelineGraph } from './pipeline-graph.js';

/** Ids ("from->to", as the canvas names edges) of every edge on a cycle; empty for a DAG. */
export function cycleEdgeIds(graph: Pick<PipelineGraph, 'steps' | 'edges' | 'downstream' | 'upstream'>): Set<string> {
  const component = components(graph);
  const ids = new Set<string>();
  for (const edge of graph.edges) {
    const from = component.get(edge.from);
    if (from !== undefined && from === component.get(edge.to)) ids.add(`${edge.from}->${edge.to}`);
  }
  return ids;
}

/**
 * Kosaraju's strongly connected components, without recursion so that a 10,000-step chain
 * cannot overflow the stack: finish order on the graph, then components on its reverse.
 */
function components(graph: Pick<PipelineGraph, 'steps' | 'downstream' | 'upstream'>): Map<string, number> {
  const finished: string[] = [];
  const seen = new Set<string>();
  for (const start of graph.steps) {
    if (seen.has(start)) continue;
    seen.add(start);
    const stack: Array<{ id: string; next: Iterator<string> }> = [
      { id: start, next: (graph.downstream.get(start) ?? new Set<string>()).values() },
    ];
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const step = top.next.next();
      if (step.done) {
        finished.push(top.id);
        stack.pop();
      } else if (!seen.has(step.value)) {
        seen.add(step.value);
        stack.push({ id: step.value, next: (graph.downstream.get(step.value) ?? new Set<string>()).values() });
      }
    }
  }
  const component = new Map<string, number>();
  for (let index = finished.length - 1; index >= 0; index -= 1) {
    const root = finished[index];
    if (root === undefined || component.has(root)) continue;
    component.set(root, index);
    const pending = [root];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const before of graph.upstream.get(next) ?? []) {
        if (component.has(before)) continue;
        component.set(before, index);
        pending.push(before);
      }
    }
  }
  return component;
}
