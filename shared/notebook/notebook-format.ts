// The parts of a Jupyter notebook (nbformat 4) Pipewright reads: cells with their source, tags
// and outputs. A notebook is read as plain JSON and everything else in it is kept untouched,
// so an injected notebook differs from the user's only by the injected cell.
import { errorMessage } from '../text/error-message.js';

export type NotebookJson = Record<string, unknown> & { cells: CellJson[] };
export type CellJson = Record<string, unknown>;

/** Mime bundles and streams as nbformat stores them: text is a string or a list of lines. */
export type MultilineText = string | string[];

export type NotebookOutput =
  | { output_type: 'stream'; name: string; text: MultilineText }
  | { output_type: 'execute_result' | 'display_data'; data: Record<string, MultilineText | undefined> }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export class NotebookFormatError extends Error {}

/** Reads notebook text; throws NotebookFormatError naming what is wrong. */
export function parseNotebook(text: string, file: string): NotebookJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError(`${file} is not a notebook: ${errorMessage(error)}`);
  }
  const cells: unknown = isRecord(value) ? value.cells : undefined;
  if (!isRecord(value) || !Array.isArray(cells) || !cells.every(isRecord)) {
    throw new NotebookFormatError(`${file} is not a notebook: it has no list of cells`);
  }
  if (typeof value.nbformat === 'number' && value.nbformat < 4) {
    throw new NotebookFormatError(`${file} is a notebook of format ${value.nbformat}: save it with Jupyter 4 or later`);
  }
  return { ...value, cells };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function joinText(text: unknown): string {
  if (typeof text === 'string') return text;
  return Array.isArray(text) ? text.filter((part): part is string => typeof part === 'string').join('') : '';
}

export function cellSource(cell: CellJson): string {
  return joinText(cell.source);
}

export function cellTags(cell: CellJson): string[] {
  const tags = isRecord(cell.metadata) ? cell.metadata.tags : undefined;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** A cell's outputs that have a shape Pipewright knows; others are left out of views. */
export function cellOutputs(cell: CellJson): NotebookOutput[] {
  if (!Array.isArray(cell.outputs)) return [];
  return cell.outputs.filter((output): output is NotebookOutput => {
    if (!isRecord(output)) return false;
    if (output.output_type === 'stream') return typeof output.name === 'string';
    if (output.output_type === 'error') return typeof output.ename === 'string' && Array.isArray(output.traceback);
    return (output.output_type === 'execute_result' || output.output_type === 'display_data') && isRecord(output.data);
  });
}

const ESCAPE = String.fromCharCode(27);
/** Terminal colour codes (IPython colours its tracebacks) and other CSI sequences. */
const ANSI_SEQUENCE = new RegExp(`${ESCAPE}\\[[0-9;?]*[A-Za-z]`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}
