// What the step log says when a cell of a notebook step fails: which cell (its position, id and
// first line, as the user finds it in Jupyter) and the error's traceback as plain text.
import { cellOutputs, cellSource, stripAnsi } from './notebook-format.js';
import type { NotebookJson } from './notebook-format.js';

export interface FailedCell {
  /** Counting from 1, as the notebook shows them top to bottom (the injected cell included). */
  position: number;
  id: string | null;
  firstLine: string;
  error: string;
  traceback: string;
}

export function findFailedCell(notebook: NotebookJson): FailedCell | null {
  for (const [index, cell] of notebook.cells.entries()) {
    const error = cellOutputs(cell).find((output) => output.output_type === 'error');
    if (error?.output_type !== 'error') continue;
    const firstLine =
      cellSource(cell)
        .split('\n')
        .find((line) => line.trim() !== '') ?? '';
    return {
      position: index + 1,
      id: typeof cell.id === 'string' ? cell.id : null,
      firstLine: firstLine.trim(),
      error: stripAnsi(error.evalue === '' ? error.ename : `${error.ename}: ${error.evalue}`),
      traceback: stripAnsi(error.traceback.join('\n')),
    };
  }
  return null;
}

export function describeFailedCell(failed: FailedCell, cellCount: number): string {
  const id = failed.id === null ? '' : ` (id ${failed.id})`;
  return [
    `cell ${failed.position} of ${cellCount}${id} failed: ${failed.error}`,
    `  first line: ${failed.firstLine}`,
    failed.traceback,
    '',
  ].join('\n');
}
