// The DAG restricted to the steps of one run, with each step's neighbours looked up once:
// the scheduler asks for them on every transition.
import type { PipelineGraph } from '../../../shared/dag/pipeline-graph.js';

export class RunGraph {
  private readonly up = new Map<string, string[]>();
  private readonly down = new Map<string, string[]>();
  private readonly needsOnly = new Map<string, string[]>();

  constructor(graph: PipelineGraph, steps: readonly string[]) {
    const inRun = new Set(steps);
    for (const id of steps) {
      this.up.set(id, []);
      this.down.set(id, []);
      this.needsOnly.set(id, []);
    }
    for (const edge of graph.edges) {
      if (!inRun.has(edge.to)) continue;
      if (edge.explicit && edge.via.length === 0) this.needsOnly.get(edge.to)?.push(edge.from);
      if (!inRun.has(edge.from)) continue;
      this.up.get(edge.to)?.push(edge.from);
      this.down.get(edge.from)?.push(edge.to);
    }
  }

  /** Steps of this run that must finish before `id`. */
  upstream(id: string): readonly string[] {
    return this.up.get(id) ?? [];
  }

  /** Steps of this run that wait for `id`. */
  downstream(id: string): readonly string[] {
    return this.down.get(id) ?? [];
  }

  /** Steps `id` needs with no file between them, in this run or not: their changes re-run it. */
  needsWithoutData(id: string): readonly string[] {
    return this.needsOnly.get(id) ?? [];
  }
}
