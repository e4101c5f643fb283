import { describe, expect, it } from 'vitest';
import { describeFailedCell, findFailedCell } from './failed-cell.js';
import { INJECTED_TAG, injectParameters, pythonLiteral } from './inject-parameters.js';
import { NotebookFormatError, cellSource, cellTags, parseNotebook } from './notebook-format.js';
import type { NotebookJson } from './notebook-format.js';

const code = (source: string, tags: string[] = [], outputs: unknown[] = []) => ({
  cell_type: 'code',
  id: `c-${source.length}`,
  metadata: { tags },
  outputs,
  source: source.split(/(?<=\n)/),
});
const notebook = (...cells: Array<Record<string, unknown>>): NotebookJson => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3' } },
  cells,
});

describe('pythonLiteral', () => {
  it('writes each param type as a Python literal, never as code', () => {
    expect(pythonLiteral({ type: 'string', value: 'eu' })).toBe('"eu"');
    expect(pythonLiteral({ type: 'string', value: 'a"); import os; ("\n\\' })).toBe('"a\\"); import os; (\\"\\n\\\\"');
    expect(pythonLiteral({ type: 'integer', value: 42 })).toBe('42');
    expect(pythonLiteral({ type: 'number', value: 1 })).toBe('1.0');
    expect(pythonLiteral({ type: 'number', value: 0.25 })).toBe('0.25');
    expect(pythonLiteral({ type: 'boolean', value: false })).toBe('False');
    expect(pythonLiteral({ type: 'boolean', value: true })).toBe('True');
  });
});

describe('injectParameters', () => {
  const params = { region: { type: 'string' as const, value: 'eu' }, rate: { type: 'number' as const, value: 0.5 } };

  it('inserts the params cell right after the cell tagged parameters', () => {
    const result = injectParameters(
      notebook(code('import pandas\n'), code('region = "all"\nrate = 1.0\n', ['parameters']), code('print(region)\n')),
      params,
    );
    expect(result.cells.map((cell) => cellTags(cell))).toEqual([[], ['parameters'], [INJECTED_TAG], []]);
    expect(cellSource(result.cells[2] ?? {})).toBe('# Parameters (injected by Pipewright)\nregion = "eu"\nrate = 0.5');
    expect(result.metadata).toEqual({ kernelspec: { name: 'python3' } });
  });

  it('puts the params cell first when no cell is tagged parameters', () => {
    const result = injectParameters(notebook(code('print(1)\n'), code('print(2)\n')), params);
    expect(cellTags(result.cells[0] ?? {})).toEqual([INJECTED_TAG]);
    expect(result.cells).toHaveLength(3);
  });

  it('replaces a params cell an earlier run injected instead of adding a second', () => {
    const once = injectParameters(notebook(code('x = 1\n', ['parameters'])), params);
    const twice = injectParameters(once, { region: { type: 'string', value: 'us' } });
    expect(twice.cells.filter((cell) => cellTags(cell).includes(INJECTED_TAG))).toHaveLength(1);
    expect(cellSource(twice.cells[1] ?? {})).toContain('region = "us"');
  });
});

describe('parseNotebook', () => {
  it('names the file when the text is no notebook', () => {
    expect(() => parseNotebook('{"cells": 3}', 'notebooks/x.ipynb')).toThrow(
      new NotebookFormatError('notebooks/x.ipynb is not a notebook: it has no list of cells'),
    );
    expect(() => parseNotebook('not json', 'notebooks/x.ipynb')).toThrow(/notebooks\/x\.ipynb is not a notebook/);
  });
});

describe('findFailedCell', () => {
  const escape = String.fromCharCode(27);
  const failing = notebook(
    code('x = 1\n', ['parameters']),
    code(
      '\n# divide\ny = x / 0\n',
      [],
      [
        { output_type: 'stream', name: 'stdout', text: 'before\n' },
        {
          output_type: 'error',
          ename: 'ZeroDivisionError',
          evalue: 'division by zero',
          traceback: [
            `${escape}[0;31mZeroDivisionError${escape}[0m Traceback`,
            `${escape}[1;32m----> 3${escape}[0m y = x / 0`,
          ],
        },
      ],
    ),
    code('print(y)\n'),
  );

  it('names the failed cell by position, id and first line, with its traceback in plain text', () => {
    const failed = findFailedCell(failing);
    expect(failed).toEqual({
      position: 2,
      id: 'c-20',
      firstLine: '# divide',
      error: 'ZeroDivisionError: division by zero',
      traceback: 'ZeroDivisionError Traceback\n----> 3 y = x / 0',
    });
    expect(describeFailedCell(failed ?? (undefined as never), 3)).toBe(
      'cell 2 of 3 (id c-20) failed: ZeroDivisionError: division by zero\n  first line: # divide\nZeroDivisionError Traceback\n----> 3 y = x / 0\n',
    );
  });

  it('finds nothing in a notebook whose cells all ran', () => {
    expect(
      findFailedCell(notebook(code('x = 1\n', [], [{ output_type: 'stream', name: 'stdout', text: '1\n' }]))),
    ).toBeNull();
  });
});
