// DAG edges gained and lost, from the same graph the canvas draws, so that a change to one
// step's outputs shows up as the downstream links it makes or breaks.
import { buildPipelineGraph } from '../dag/pipeline-graph.js';
import type { StepSpec } from '../pipeline/schema.js';
import type { EdgeChange } from './diff-types.js';
import { mapOf, valueAt } from './plain-data.js';
import type { PlainMap } from './plain-data.js';

export function diffEdges(stepsBefore: PlainMap, stepsAfter: PlainMap): { added: EdgeChange[]; removed: EdgeChange[] } {
  const before = edgesOf(stepsBefore);
  const after = edgesOf(stepsAfter);
  const keys = (edges: EdgeChange[]) => new Set(edges.map(edgeKey));
  const beforeKeys = keys(before);
  const afterKeys = keys(after);
  return {
    added: after.filter((edge) => !beforeKeys.has(edgeKey(edge))),
    removed: before.filter((edge) => !afterKeys.has(edgeKey(edge))),
  };
}

function edgesOf(steps: PlainMap): EdgeChange[] {
  const graphable = Object.fromEntries(Object.keys(steps).map((id) => [id, linksOf(valueAt(steps, id))]));
  return buildPipelineGraph({ steps: graphable }).edges.map(({ from, to }) => ({ from, to }));
}

/** Only what the graph reads; invalid entries are skipped rather than trusted. */
function linksOf(step: unknown): StepSpec {
  const fields = mapOf(step);
  return {
    run: '',
    needs: strings(valueAt(fields, 'needs')),
    inputs: strings(valueAt(fields, 'inputs')),
    outputs: strings(valueAt(fields, 'outputs')),
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function edgeKey(edge: EdgeChange): string {
  return `${edge.from}\u0000${edge.to}`;
}
