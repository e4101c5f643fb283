// What changed between two versions of a pipeline file, told in the product's words (steps,
// params, tests, environments, edges) rather than in lines, for history and review views.
// Either side may be a file that does not exist or does not match the schema.
import type { ParamDiff, PipelineDiff, StepDiff } from './diff-types.js';
import { diffEdges } from './edge-diff.js';
import { diffEnvironments } from './environment-diff.js';
import { diffDocumentFields, diffEntries } from './field-diff.js';
import { isPlainMap, mapOf, valueAt } from './plain-data.js';
import { diffTests } from './test-diff.js';

export { summarizeDiff } from './diff-summary.js';

export type {
  ChangeKind,
  EdgeChange,
  EnvironmentChange,
  FieldChange,
  ParamDiff,
  PipelineDiff,
  StepDiff,
  TestDiff,
} from './diff-types.js';

export function diffPipelines(before: unknown, after: unknown): PipelineDiff {
  const stepsBefore = sectionOf(before, 'steps');
  const stepsAfter = sectionOf(after, 'steps');
  const diff = {
    // null is how an empty or missing file reads; a FieldChange says absent with undefined.
    pipeline: diffDocumentFields(before ?? undefined, after ?? undefined),
    steps: diffEntries(stepsBefore, stepsAfter).map(({ key, change, fields }): StepDiff => ({
      id: key,
      change,
      fields,
    })),
    params: diffEntries(sectionOf(before, 'params'), sectionOf(after, 'params')).map(
      ({ key, change, fields }): ParamDiff => ({ name: key, change, fields }),
    ),
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
