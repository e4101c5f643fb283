// The files of a notebook step's attempt. Before: the notebook, read from the run's root, is
// written to the executed notebook's place with the run's params injected (what the runner then
// executes in place). After: the executed notebook is kept in the run's folder per attempt, so
// any run's notebook can be opened later, and a failed cell is named for the step log.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFailedCell, findFailedCell } from '../../../shared/notebook/failed-cell.js';
import { injectParameters } from '../../../shared/notebook/inject-parameters.js';
import type { TypedParam } from '../../../shared/notebook/inject-parameters.js';
import { parseNotebook } from '../../../shared/notebook/notebook-format.js';
import type { NotebookRun } from '../../../shared/pipeline/notebook-step.js';
import type { ResolvedParams } from '../../../shared/pipeline/params.js';
import type { PipelineSpec } from '../../../shared/pipeline/schema.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { containedEntry, containedPath } from '../files/contained-path.js';
import { errorMessage } from '../../../shared/text/error-message.js';

/** Where a run keeps the executed notebook of a step's attempt, relative to the workspace. */
export function keptNotebookPath(runId: string, stepId: string, attempt: number): string {
  return `.pipewright/runs/${runId}/notebooks/${stepId}.${attempt}.ipynb`;
}

/** The run's params with the types their pipeline declares (a number param is a float). */
export function typedParams(pipeline: PipelineSpec, params: ResolvedParams): Record<string, TypedParam> {
  return Object.fromEntries(
    Object.entries(params).map(([name, param]) => [
      name,
      { type: pipeline.params?.[name]?.type ?? 'string', value: param.value },
    ]),
  );
}

/** Writes the notebook, params injected, where the runner executes it; throws saying why it cannot. */
export function prepareNotebook(
  root: string,
  notebook: NotebookRun,
  params: Readonly<Record<string, TypedParam>>,
): void {
  const source = containedEntry(root, notebook.notebook, `notebook ${notebook.notebook}`);
  if (source.kind !== 'file')
    throw new Error(
      `notebook ${notebook.notebook} ${source.kind === 'missing' ? 'does not exist' : 'is a folder, not a file'}`,
    );
  // A notebook that is no notebook throws NotebookFormatError, naming the file: the attempt fails saying so.
  const prepared = `${JSON.stringify(injectParameters(parseNotebook(readFileSync(source.absolute, 'utf8'), notebook.notebook), params), null, 1)}\n`;
  const output = containedPath(root, notebook.output, `executed notebook ${notebook.output}`);
  mkdirSync(dirname(output), { recursive: true });
  writeFileAtomic(output, prepared);
}

/**
 * Copies the executed notebook into the run's folder and reads which cell failed, if one did:
 * the log text naming that cell and the short reason for the step. Never throws: a notebook
 * that cannot be kept (a link out, a full disk) is said in the log instead.
 */
export function keepExecutedNotebook(
  root: string,
  stateRoot: string,
  notebook: NotebookRun,
  kept: string,
): { log: string; reason: string | null } | null {
  try {
    const executed = containedEntry(root, notebook.output, `executed notebook ${notebook.output}`);
    if (executed.kind !== 'file') return null;
    const target = join(stateRoot, kept);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(executed.absolute, target);
    const parsed = parseNotebook(readFileSync(target, 'utf8'), notebook.output);
    const failed = findFailedCell(parsed);
    if (failed === null) return null;
    return {
      log: describeFailedCell(failed, parsed.cells.length),
      reason: `cell ${failed.position} failed: ${failed.error}`,
    };
  } catch (error) {
    return { log: `the executed notebook was not kept: ${errorMessage(error)}\n`, reason: null };
  }
}
