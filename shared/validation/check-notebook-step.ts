// A step runs a command or a notebook, exactly one. A notebook and its executed notebook are
// workspace paths like inputs and outputs: inside the workspace, the output never in a place a
// step may not write. (That the notebook exists is checked where files are: validate and run.)
import { normalizeWorkspacePath, reservedPlace } from '../pipeline/workspace-paths.js';
import type { Report } from './report.js';
import type { FieldPath } from '../pipeline/problem.js';
import { NOTEBOOK_EXTENSION, notebookOutputOf } from '../pipeline/notebook-step.js';
import type { StepSpec } from '../pipeline/schema.js';

export function checkCommandOrNotebook(
  id: string,
  step: StepSpec,
  report: Report,
  addOutput: (output: { step: string; at: FieldPath; path: string }) => void,
): void {
  if (step.run !== undefined && step.notebook !== undefined) {
    report(['steps', id, 'notebook'], 'run-and-notebook', 'a step has either run or notebook, not both', {
      target: 'key',
    });
  } else if (step.run === undefined && step.notebook === undefined) {
    report(['steps', id], 'no-run', `step "${id}" needs run (a command) or notebook (a .ipynb file)`, {
      target: 'key',
    });
  }
  if (step.run !== undefined && step.run.trim() === '')
    report(['steps', id, 'run'], 'empty-run', 'the command is empty');
  if (step.notebook === undefined) {
    if (step.notebook_output !== undefined)
      report(
        ['steps', id, 'notebook_output'],
        'notebook-output-without-notebook',
        'notebook_output applies only to a notebook step',
        { target: 'key' },
      );
    return;
  }
  const notebook = checkNotebookPath(['steps', id, 'notebook'], step.notebook, report);
  if (notebook !== null && !notebook.endsWith(NOTEBOOK_EXTENSION)) {
    report(
      ['steps', id, 'notebook'],
      'notebook-extension',
      `"${step.notebook}" is not a Jupyter notebook: expected a ${NOTEBOOK_EXTENSION} file`,
    );
  }
  const output =
    step.notebook_output === undefined
      ? notebookOutputOf(id, step)
      : checkNotebookPath(['steps', id, 'notebook_output'], step.notebook_output, report);
  if (output === null) return;
  const reserved = reservedPlace(output);
  if (reserved !== null) {
    report(['steps', id, 'notebook_output'], 'reserved-path', `"${output}" ${reserved}, which a step may never write`, {
      hint: 'write it elsewhere, e.g. under out/',
    });
  }
  if (output === notebook)
    report(
      ['steps', id, 'notebook_output'],
      'notebook-output-is-notebook',
      'the executed notebook would overwrite the notebook itself',
    );
  // Listed among the outputs only when not declared there already: declaring it is allowed.
  const declared = (step.outputs ?? []).some((path) => normalizeWorkspacePath(path) === output);
  if (!declared)
    addOutput({
      step: id,
      at: ['steps', id, step.notebook_output === undefined ? 'notebook' : 'notebook_output'],
      path: output,
    });
}

function checkNotebookPath(path: FieldPath, raw: string, report: Report): string | null {
  const normalized = normalizeWorkspacePath(raw);
  if (normalized === null)
    report(
      path,
      'path-outside-workspace',
      `"${raw}" leaves the workspace: use a path relative to the workspace, without ../`,
    );
  return normalized;
}
