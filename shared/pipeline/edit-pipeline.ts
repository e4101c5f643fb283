// The model API for changing a pipeline file: take the file's text, change its data, get the
// new text back with every untouched comment and line as it was. The canvas edits go through
// here, so a one-field change is a one-line diff in git.
import { parseDocument } from 'yaml';
import { patchYaml } from '../yaml/patch-yaml.js';
import type { PipelineSpec, StepSpec } from './schema.js';

export class PipelineEditError extends Error {}

/** Applies `change` to the file's data (a plain-object draft) and renders the result. */
export function editPipelineText(text: string, change: (draft: PipelineSpec) => void): string {
  const document = parseDocument(text, { merge: true });
  if (document.errors.length > 0) {
    throw new PipelineEditError(`the file has YAML errors and cannot be edited safely: ${document.errors[0]?.message.split('\n')[0] ?? ''}`);
  }
  const draft = (document.toJS() ?? {}) as PipelineSpec;
  change(draft);
  return patchYaml(text, draft);
}

function stepOf(draft: PipelineSpec, stepId: string): StepSpec {
  const step = draft.steps?.[stepId];
  if (!step) throw new PipelineEditError(`the pipeline has no step "${stepId}"`);
  return step;
}

export function setStepCommand(text: string, stepId: string, command: string): string {
  return editPipelineText(text, (draft) => {
    stepOf(draft, stepId).run = command;
  });
}

export function setStepField<K extends keyof StepSpec>(text: string, stepId: string, field: K, value: StepSpec[K] | undefined): string {
  return editPipelineText(text, (draft) => {
    const step = stepOf(draft, stepId);
    if (value === undefined) delete step[field];
    else step[field] = value;
  });
}
