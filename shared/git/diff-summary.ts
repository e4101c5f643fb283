// A one-line account of a pipeline diff for commit lists and merge prompts.
import type { ChangeKind, FieldChange, PipelineDiff } from './diff-types.js';

const KINDS: readonly ChangeKind[] = ['changed', 'added', 'removed'];

/** "2 steps changed, 1 added, 1 param changed, description changed", or "no changes". */
export function summarizeDiff(diff: PipelineDiff): string {
  const parts = [
    ...countParts(
      diff.steps.map((step) => step.change),
      'step',
      'steps',
    ),
    ...countParts(
      diff.params.map((param) => param.change),
      'param',
      'params',
    ),
    ...fieldParts(diff.pipeline),
  ];
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

/** The noun goes with the first count only: "2 steps changed, 1 added". */
function countParts(changes: ChangeKind[], one: string, many: string): string[] {
  const parts: string[] = [];
  for (const kind of KINDS) {
    const count = changes.filter((change) => change === kind).length;
    if (count === 0) continue;
    parts.push(parts.length === 0 ? `${count} ${count === 1 ? one : many} ${kind}` : `${count} ${kind}`);
  }
  return parts;
}

function fieldParts(fields: FieldChange[]): string[] {
  return KINDS.flatMap((kind) => {
    const names = fields.filter((field) => fieldChangeKind(field) === kind).map((field) => field.field || 'whole file');
    return names.length === 0 ? [] : [`${names.join(', ')} ${kind}`];
  });
}

function fieldChangeKind(field: FieldChange): ChangeKind {
  if (field.before === undefined) return 'added';
  return field.after === undefined ? 'removed' : 'changed';
}
