// A problem found in a workspace file, located precisely enough for an editor to jump to
// it. The CLI prints these and the studio's problems panel lists the same objects.

export type FieldPath = ReadonlyArray<string | number>;

export interface SourcePosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Problem extends SourcePosition {
  severity: 'error' | 'warning';
  /** Stable machine-readable kind, e.g. unknown-key, cycle, empty-run. */
  code: string;
  message: string;
  /** Workspace-relative file the problem is in. */
  file: string;
  /** The field the problem is about, e.g. ['steps', 'ingest', 'run']. */
  path: FieldPath;
  hint?: string;
}

/** steps.ingest.tests[0].severity */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** file:line:column: error: field: message (hint) [code] — the form editors and CI logs link. */
export function formatProblem(problem: Problem): string {
  const field = problem.path.length > 0 ? `${formatFieldPath(problem.path)}: ` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${field}${problem.message}${hint} [${problem.code}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
