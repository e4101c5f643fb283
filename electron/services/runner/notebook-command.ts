// How a runner starts a notebook step: Pipewright's own notebook runner (resources/
// notebook-runner, shipped beside the app) run by the python3 of the place the step runs in,
// on the executed notebook the engine prepared. Paths are quoted, never pasted bare.
import { join } from 'node:path';
import type { NotebookRun } from '../../../shared/pipeline/notebook-step.js';
import { resourcesDir } from '../resources.js';

export const NOTEBOOK_RUNNER_FOLDER = 'notebook-runner';
export const NOTEBOOK_RUNNER_SCRIPT = 'run_notebook.py';

/** The host folder holding the notebook runner (what a container gets mounted read-only). */
export function notebookRunnerFolder(): string {
  return join(resourcesDir(), NOTEBOOK_RUNNER_FOLDER);
}

/** The shell command a local notebook step runs: POSIX sh on macOS and Linux, cmd.exe on Windows. */
export function localNotebookCommand(
  platform: NodeJS.Platform,
  notebook: NotebookRun,
  folder = notebookRunnerFolder(),
): string {
  const script = join(folder, NOTEBOOK_RUNNER_SCRIPT);
  if (platform === 'win32') return ['python', script, notebook.output].map((word) => `"${word}"`).join(' ');
  return ['python3', script, notebook.output].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
}
