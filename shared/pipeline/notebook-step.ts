// A notebook step is a step like any other once planned: its notebook is one of its inputs (a
// change to it re-runs the step) and its executed notebook one of its outputs (cached, handed
// to the steps that read it, writable in a container). Only the runners know how to run one.
import { normalizeWorkspacePath } from './workspace-paths.js';
import type { StepSpec } from './schema.js';

export const NOTEBOOK_EXTENSION = '.ipynb';

/** Where a notebook step writes its executed notebook, normalized. */
export function notebookOutputOf(stepId: string, step: Pick<StepSpec, 'notebook_output'>): string {
  const declared = step.notebook_output === undefined ? null : normalizeWorkspacePath(step.notebook_output);
  return declared ?? `out/notebooks/${stepId}${NOTEBOOK_EXTENSION}`;
}

/** What the engine runs for a notebook step: its notebook and executed notebook, as normalized paths. */
export interface NotebookRun {
  notebook: string;
  output: string;
}

export function notebookRunOf(stepId: string, step: StepSpec): NotebookRun | null {
  if (step.notebook === undefined) return null;
  return { notebook: normalizeWorkspacePath(step.notebook) ?? step.notebook, output: notebookOutputOf(stepId, step) };
}

/**
 * The step as the engine plans it: a notebook step gets its notebook as an input, its executed
 * notebook as an output, and a run text that names both (the text is part of the cache key and
 * what listings show; the runners never hand it to a shell).
 */
export function plannedStep(stepId: string, step: StepSpec): StepSpec {
  const notebook = notebookRunOf(stepId, step);
  if (notebook === null) return step;
  const withPath = (paths: readonly string[] | undefined, path: string) =>
    (paths ?? []).some((other) => normalizeWorkspacePath(other) === path)
      ? [...(paths ?? [])]
      : [...(paths ?? []), path];
  return {
    ...step,
    run: `notebook ${notebook.notebook} -> ${notebook.output}`,
    inputs: withPath(step.inputs, notebook.notebook),
    outputs: withPath(step.outputs, notebook.output),
  };
}
