// What changed between two versions of a pipeline file, told in the product's words (steps,
// params, tests, environments, edges) rather than in lines, for history and review views.
// Either side may be a file that does not exist or does not match the schema.
import { diffEdges } from './edge-diff.js';
import { diffEnvironments } from './environment-diff.js';
import { diffDocumentFields, diffEntries } from './field-diff.js';
import { isPlainMap, mapOf, valueAt } from './plain-data.js';
import { diffTests } from './test-diff.js';

export { summarizeDiff } from './diff-summary.js';

/** One field's two values; undefined means absent on that side. */
export interface FieldChange { field: string; before: unknown; after: unknown }
export type ChangeKind = 'added' | 'removed' | 'changed';
/** `fields`: the step keys that differ; for an added or removed step, every key it has. */
export interface StepDiff { id: string; change: ChangeKind; fields: FieldChange[] }
export interface ParamDiff { name: string; change: ChangeKind; fields: FieldChange[] }
/** Tests are matched by name, else by position ("#1" for an unnamed first test). */
export interface TestDiff { step: string; name: string; change: ChangeKind; fields: FieldChange[] }
export interface EnvironmentChange { step: string; before: string | null; after: string | null }
export interface EdgeChange { from: string; to: string }

export interface PipelineDiff {
  /** Top-level fields other than steps and params (version, name, description...). */
  pipeline: FieldChange[];
  /** Steps in their order in `after`, then removed ones in their order in `before`. */
  steps: StepDiff[];
  params: ParamDiff[];
  tests: TestDiff[];
  /** Steps whose `environment` differs, added and removed steps included. */
  environments: EnvironmentChange[];
  /** Explicit `needs` and inferred output -> input edges. */
  edges: { added: EdgeChange[]; removed: EdgeChange[] };
  unchanged: boolean;
}

export function diffPipelines(before: unknown, after: unknown): PipelineDiff {
  const stepsBefore = sectionOf(before, 'steps');
  const stepsAfter = sectionOf(after, 'steps');
  const diff = {
    // null is how an empty or missing file reads; a FieldChange says absent with undefined.
    pipeline: diffDocumentFields(before ?? undefined, after ?? undefined),
    steps: diffEntries(stepsBefore, stepsAfter).map(({ key, change, fields }): StepDiff => ({ id: key, change, fields })),
    params: diffEntries(sectionOf(before, 'params'), sectionOf(after, 'params'))
      .map(({ key, change, fields }): ParamDiff => ({ name: key, change, fields })),
    tests: diffTests(stepsBefore, stepsAfter),
    environments: diffEnvironments(stepsBefore, stepsAfter),
    edges: diffEdges(stepsBefore, stepsAfter),
  };
  const unchanged = diff.pipeline.length === 0 && diff.steps.length === 0 && diff.params.length === 0;
  return { ...diff, unchanged };
}

/** A keyed section of the document; one that is not a map is reported as a pipeline field instead. */
function sectionOf(document: unknown, section: 'steps' | 'params') {
  return isPlainMap(document) ? mapOf(valueAt(document, section)) : {};
}
