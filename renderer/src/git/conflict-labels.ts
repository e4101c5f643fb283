// Conflicts in words: where (step and field) and each side's value, short enough for a list.
import type { MergeConflict } from '../../../shared/git/pipeline-merge.js';

export function conflictPlace(conflict: MergeConflict): string {
  if (conflict.kind === 'unreadable') return 'the whole file';
  const rest = conflict.path.slice(conflict.step !== null ? 2 : 0).join('.');
  if (conflict.step !== null) return rest ? `step ${conflict.step}: ${rest}` : `step ${conflict.step}`;
  return conflict.path.join('.');
}

export function sideValue(value: unknown): string {
  if (value === undefined) return '(deleted)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
