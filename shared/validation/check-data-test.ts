// What the schema of a data test cannot say: its files must stay in the workspace, a lower
// bound must not be above its upper bound (the test could never pass), and a metric key must
// be a dotted path with no empty part.
import { normalizeWorkspacePath } from '../pipeline/workspace-paths.js';
import type { DataTestKind } from '../pipeline/test-schema.js';

export interface DataTestProblem {
  field: string;
  code: string;
  message: string;
}

export function dataTestProblems(kind: DataTestKind, args: Readonly<Record<string, unknown>>): DataTestProblem[] {
  const problems: DataTestProblem[] = [];
  for (const field of ['path', 'to', 'file']) {
    const path = args[field];
    if (typeof path === 'string' && normalizeWorkspacePath(path) === null) {
      problems.push({
        field,
        code: 'path-outside-workspace',
        message: `"${path}" leaves the workspace: use a path relative to the workspace, without ../`,
      });
    }
  }
  if (kind === 'row_count' || kind === 'range' || kind === 'metric') {
    const { min, max } = args;
    const empty =
      (typeof min === 'number' && typeof max === 'number' && min > max) ||
      (typeof min === 'string' && typeof max === 'string' && min > max);
    if (empty) {
      problems.push({
        field: 'max',
        code: 'empty-range',
        message: `max ${JSON.stringify(max)} is below min ${JSON.stringify(min)}: no value could pass`,
      });
    }
  }
  if (kind === 'metric' && typeof args.key === 'string' && args.key.split('.').some((part) => part.trim() === '')) {
    problems.push({
      field: 'key',
      code: 'invalid-key',
      message: `key "${args.key}" has an empty part: name keys joined by dots, e.g. test.auc`,
    });
  }
  if (kind === 'unique' || kind === 'not_null') {
    const columns: unknown[] = Array.isArray(args.columns) ? args.columns : [];
    const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
    if (repeated.length > 0)
      problems.push({
        field: 'columns',
        code: 'duplicate-column',
        message: `column "${String(repeated[0] ?? '')}" is listed twice`,
      });
  }
  return problems;
}
