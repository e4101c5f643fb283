// Edits the canvas makes to a pipeline, as pure functions from one draft to the next. Each
// keeps the pipeline consistent: renaming or deleting a step also fixes the `needs` of others.
import { present } from '../../../shared/invariant/present.js';
import type { ParamSpec, PipelineSpec, StepSpec } from '../../../shared/pipeline/schema.js';

export type PipelineDraft = PipelineSpec;

const clone = <T>(value: T): T => structuredClone(value);

/** A step id not yet used: "clean", then "clean_2", "clean_3"... */
export function uniqueStepId(draft: PipelineDraft, base: string): string {
  const stem = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z0-9_]+/, '') || 'step';
  if (!draft.steps[stem]) return stem;
  for (let n = 2; ; n += 1) if (!draft.steps[`${stem}_${n}`]) return `${stem}_${n}`;
}

export function addStep(draft: PipelineDraft, id: string, step: StepSpec): PipelineDraft {
  return { ...draft, steps: { ...draft.steps, [id]: clone(step) } };
}

/** Sets (or, with undefined, removes) fields of a step. */
export function updateStep(
  draft: PipelineDraft,
  id: string,
  patch: Partial<Record<keyof StepSpec, unknown>>,
): PipelineDraft {
  const step = draft.steps[id];
  if (!step) return draft;
  const next: Record<string, unknown> = { ...step };
  for (const [field, value] of Object.entries(patch)) {
    const empty = value === undefined || (Array.isArray(value) && value.length === 0 && field !== 'run');
    if (empty) delete next[field];
    else next[field] = value;
  }
  // cast: the patch's keys are the step's own fields, and the step's editors give each a value its schema allows
  return { ...draft, steps: { ...draft.steps, [id]: next as StepSpec } };
}

export function renameStep(draft: PipelineDraft, from: string, to: string): PipelineDraft {
  if (from === to || !draft.steps[from] || draft.steps[to]) return draft;
  const steps: Record<string, StepSpec> = {};
  for (const [id, step] of Object.entries(draft.steps)) {
    const renamedNeeds = step.needs?.map((need) => (need === from ? to : need));
    steps[id === from ? to : id] = renamedNeeds ? { ...step, needs: renamedNeeds } : step;
  }
  return { ...draft, steps };
}

export function deleteSteps(draft: PipelineDraft, ids: readonly string[]): PipelineDraft {
  const gone = new Set(ids);
  const steps: Record<string, StepSpec> = {};
  for (const [id, step] of Object.entries(draft.steps)) {
    if (gone.has(id)) continue;
    if (step.needs?.some((need) => gone.has(need))) {
      const needs = step.needs.filter((need) => !gone.has(need));
      const { needs: _dropped, ...rest } = step;
      steps[id] = needs.length > 0 ? { ...rest, needs } : rest;
    } else {
      steps[id] = step;
    }
  }
  return { ...draft, steps };
}

/** Makes `to` need `from` (an edge drawn on the canvas). */
export function connect(draft: PipelineDraft, from: string, to: string): PipelineDraft {
  const step = draft.steps[to];
  if (!step || from === to || !draft.steps[from] || step.needs?.includes(from)) return draft;
  return updateStep(draft, to, { needs: [...(step.needs ?? []), from] });
}

export function disconnect(draft: PipelineDraft, from: string, to: string): PipelineDraft {
  const step = draft.steps[to];
  if (!step?.needs?.includes(from)) return draft;
  return updateStep(draft, to, { needs: step.needs.filter((need) => need !== from) });
}

export function setParam(draft: PipelineDraft, name: string, spec: ParamSpec | undefined): PipelineDraft {
  const params = { ...(draft.params ?? {}) };
  if (spec === undefined) delete params[name];
  else params[name] = spec;
  if (Object.keys(params).length === 0) {
    const { params: _removed, ...rest } = draft;
    return rest;
  }
  if (draft.params) return { ...draft, params };
  const entries: Array<[string, unknown]> = Object.entries(draft);
  // A new params block goes before the steps, where people expect it in the file.
  const at = entries.findIndex(([key]) => key === 'steps');
  entries.splice(at < 0 ? entries.length : at, 0, ['params', params]);
  // cast: the draft's own entries with params added, in the order the file will have them
  return Object.fromEntries(entries) as PipelineDraft;
}

export function renameParam(draft: PipelineDraft, from: string, to: string): PipelineDraft {
  if (from === to || !draft.params?.[from] || draft.params[to]) return draft;
  const params = Object.fromEntries(
    Object.entries(draft.params).map(([name, spec]) => [name === from ? to : name, spec]),
  );
  return { ...draft, params };
}

export interface CopiedSteps {
  steps: Record<string, StepSpec>;
  /** Positions relative to the first copied step. */
  offsets: Record<string, { x: number; y: number }>;
}

/**
 * Adds copied steps under fresh ids. Needs among the copied steps follow the copies; needs on
 * steps outside the copy stay as they were.
 */
export function pasteSteps(
  draft: PipelineDraft,
  copied: CopiedSteps,
): { draft: PipelineDraft; ids: Record<string, string> } {
  let next = draft;
  const ids: Record<string, string> = {};
  for (const id of Object.keys(copied.steps)) {
    const fresh = uniqueStepId(next, id);
    ids[id] = fresh;
    // Taken at once, so the next copy's fresh id differs; the copy itself is filled in below.
    next = addStep(next, fresh, {});
  }
  for (const [id, step] of Object.entries(copied.steps)) {
    const fresh = present(ids[id], `the fresh id of copied step ${id}`);
    const needs = step.needs?.map((need) => ids[need] ?? need).filter((need) => need in next.steps);
    const copy: StepSpec = { ...clone(step) };
    if (needs && needs.length > 0) copy.needs = needs;
    else delete copy.needs;
    next = { ...next, steps: { ...next.steps, [fresh]: copy } };
  }
  return { draft: next, ids };
}
