// Subgraph selection for a run: --only runs just the named steps, --from a step and all it
// feeds, --to a step and all it needs. --from and --to together select the steps between.
import type { PipelineGraph } from './pipeline-graph.js';
import { reachable } from './pipeline-graph.js';

export interface StepSelection {
  only?: readonly string[];
  from?: readonly string[];
  to?: readonly string[];
}

export class UnknownStepError extends Error {
  constructor(
    readonly stepId: string,
    readonly option: string,
  ) {
    super(`--${option} names step "${stepId}", which the pipeline does not have`);
  }
}

export function isEmptySelection(selection: StepSelection): boolean {
  return !selection.only?.length && !selection.from?.length && !selection.to?.length;
}

export function selectSteps(graph: PipelineGraph, selection: StepSelection): Set<string> {
  const known = new Set(graph.steps);
  for (const option of ['only', 'from', 'to'] as const) {
    for (const id of selection[option] ?? []) if (!known.has(id)) throw new UnknownStepError(id, option);
  }
  if (selection.only?.length) return new Set(selection.only);

  const around = (ids: readonly string[], direction: 'upstream' | 'downstream') => {
    const set = new Set<string>();
    for (const id of ids) {
      set.add(id);
      for (const other of reachable(graph, id, direction)) set.add(other);
    }
    return set;
  };
  const fromSet = selection.from?.length ? around(selection.from, 'downstream') : null;
  const toSet = selection.to?.length ? around(selection.to, 'upstream') : null;
  if (fromSet && toSet) return new Set([...fromSet].filter((id) => toSet.has(id)));
  return fromSet ?? toSet ?? new Set(graph.steps);
}
