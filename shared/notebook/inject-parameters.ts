// The papermill convention, so existing notebooks run unchanged: the pipeline's params are set
// in a new cell tagged `injected-parameters`, right after the cell tagged `parameters` (its
// defaults are overridden), or first when no cell has that tag. Values are Python literals,
// written from their type: no text from a param is ever read as code.
import type { ParamType, ParamValue } from '../pipeline/schema.js';
import { cellTags } from './notebook-format.js';
import type { CellJson, NotebookJson } from './notebook-format.js';

export const PARAMETERS_TAG = 'parameters';
export const INJECTED_TAG = 'injected-parameters';

export interface TypedParam {
  type: ParamType;
  value: ParamValue;
}

/** A Python literal for a param value: a number param is always a float, a string a quoted str. */
export function pythonLiteral(param: TypedParam): string {
  const { type, value } = param;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${String(value)} has no Python literal`);
    const text = String(value);
    return type === 'number' && /^-?\d+$/.test(text) ? `${text}.0` : text;
  }
  // JSON string escapes (\" \\ \n \uXXXX) are Python string escapes too.
  return JSON.stringify(value);
}

/** `withId`: notebooks of format 4.5 and later give each cell an id; earlier ones must not. */
export function parametersCell(params: Readonly<Record<string, TypedParam>>, withId: boolean): CellJson {
  const lines = [
    '# Parameters (injected by Pipewright)',
    ...Object.entries(params).map(([name, param]) => `${name} = ${pythonLiteral(param)}`),
  ];
  // Every line but the last ends in a line break, as Jupyter writes a cell's source.
  const source = lines.map((line, index) => (index < lines.length - 1 ? `${line}\n` : line));
  return {
    cell_type: 'code',
    execution_count: null,
    ...(withId ? { id: 'pipewright-injected-parameters' } : {}),
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source,
  };
}

/** The notebook with the params cell in place; a cell injected by an earlier run is replaced. */
export function injectParameters(notebook: NotebookJson, params: Readonly<Record<string, TypedParam>>): NotebookJson {
  const cells = notebook.cells.filter((cell) => !cellTags(cell).includes(INJECTED_TAG));
  const tagged = cells.findIndex((cell) => cellTags(cell).includes(PARAMETERS_TAG));
  const cell = parametersCell(params, typeof notebook.nbformat_minor === 'number' && notebook.nbformat_minor >= 5);
  const at = tagged + 1;
  return { ...notebook, cells: [...cells.slice(0, at), cell, ...cells.slice(at)] };
}
