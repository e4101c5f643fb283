// What validation on files adds for notebook steps: the notebook a step names must be there,
// inside the workspace (no link leading out), and read as a notebook. A pipeline's own checks
// (shared/) cannot look at files; `pipewright validate` and a run both can.
import { readFileSync } from 'node:fs';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { NotebookFormatError, parseNotebook } from '../../../shared/notebook/notebook-format.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { PipelineSpec } from '../../../shared/pipeline/schema.js';
import type { Validated } from '../../../shared/validation/validate.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';

export function notebookFileProblems(root: string, validated: Validated<PipelineSpec>): Problem[] {
  const problems: Problem[] = [];
  for (const [id, step] of Object.entries(validated.spec?.steps ?? {})) {
    const path = step.notebook === undefined ? null : normalizeWorkspacePath(step.notebook);
    if (path === null) continue;
    const field = ['steps', id, 'notebook'];
    const report = (code: string, message: string) =>
      problems.push({
        severity: 'error',
        code,
        message,
        file: validated.source.file,
        path: field,
        ...validated.source.locate(field),
      });
    try {
      const entry = containedEntry(root, path, `notebook ${path}`);
      if (entry.kind !== 'file') {
        report(
          'notebook-missing',
          entry.kind === 'missing' ? `notebook ${path} does not exist` : `notebook ${path} is a folder, not a file`,
        );
        continue;
      }
      parseNotebook(readFileSync(entry.absolute, 'utf8'), path);
    } catch (error) {
      if (error instanceof UnsafePathError) report('path-outside-workspace', error.message);
      else if (error instanceof NotebookFormatError) report('notebook-invalid', error.message);
      else throw error;
    }
  }
  return problems;
}
