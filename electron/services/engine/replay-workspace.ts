// A replay runs one step on the exact input files a past run gave it, wherever those files are
// now: a scratch copy of the workspace in .pipewright/replays/ holds the workspace's code and
// settings as they are now (so a fix can be tried on the failing inputs) and the step's inputs
// from the output store. The step writes its outputs there; the working tree is not touched.
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import type { PlanSource } from './run-plan.js';
import type { RunStore } from '../store/run-store.js';
import { Workspace, WorkspaceError } from '../workspace/workspace.js';
import { noteRestored, restoreFiles } from '../outputs/output-restore.js';
import { outputStoreOf } from '../outputs/output-store.js';
import { ReplacedFiles } from '../outputs/replaced-files.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export class ReplayError extends Error {}

export interface Replay {
  source: PlanSource;
  /** The scratch workspace the step runs in and writes its outputs to. */
  folder: string;
}

/** Never copied into the scratch workspace: state, history, and what steps read and write (data, not code). */
const NOT_COPIED = ['.pipewright', '.git'];

export async function replayWorkspace(
  workspace: Workspace,
  runs: RunStore,
  run: RunSummary,
  stepId: string,
): Promise<Replay> {
  if (!run.steps.some((step) => step.id === stepId)) {
    throw new ReplayError(
      `--inputs-from ${run.id}: that run has no step "${stepId}"; its steps: ${run.steps.map((step) => step.id).join(', ')}`,
    );
  }
  const store = outputStoreOf(workspace.stateDir, runs);
  const inputs = store.index.restorableFiles(run.id, stepId, 'input');
  const status = run.steps.find((step) => step.id === stepId)?.status;
  if (inputs.length === 0 && status !== undefined && ['pending', 'skipped', 'cancelled'].includes(status)) {
    throw new ReplayError(
      `--inputs-from ${run.id}: step "${stepId}" did not start in that run (${status}), so it has no inputs to replay`,
    );
  }
  if (!store.holds(inputs))
    throw new ReplayError(
      `--inputs-from ${run.id}: the inputs of step "${stepId}" are no longer in the store (evicted by cache prune)`,
    );

  await mkdir(join(workspace.stateDir, 'replays'), { recursive: true });
  const folder = await mkdtemp(join(workspace.stateDir, 'replays', `${run.id}-${stepId}-`));
  const data = dataPaths(workspace, run);
  await copyCode(workspace.root, folder, '', data);
  // The scratch copy's files are not the workspace's: their hashes are not remembered under its paths.
  const replaced = new ReplacedFiles(store.objectsDir);
  noteRestored(store, (await restoreFiles(store, folder, inputs, replaced)).files, () => undefined);
  await replaced.removed();
  let opened: Workspace;
  try {
    opened = Workspace.open(folder);
  } catch (error) {
    throw new ReplayError(
      `--inputs-from ${run.id}: the scratch workspace ${folder} could not be opened: ${errorMessage(error)}`,
    );
  }
  return { folder, source: { workspace: opened, revision: null, release: () => undefined } };
}

/** The files the run's pipeline declares as inputs or outputs: data, which the store provides. */
function dataPaths(workspace: Workspace, run: RunSummary): string[] {
  let spec;
  try {
    spec = workspace.readPipeline({ name: run.pipeline, file: run.pipelineFile }).spec;
  } catch (error) {
    if (error instanceof WorkspaceError) throw new ReplayError(`--inputs-from ${run.id}: ${error.message}`);
    throw error;
  }
  return Object.values(spec?.steps ?? {})
    .flatMap((step) => [...(step.inputs ?? []), ...(step.outputs ?? [])])
    .flatMap((path) => normalizeWorkspacePath(path) ?? []);
}

/** Copies (clones where it can) regular files and folders, never following a link. */
async function copyCode(from: string, to: string, prefix: string, data: readonly string[]): Promise<void> {
  for (const entry of await readdir(join(from, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (
      (prefix === '' && NOT_COPIED.includes(entry.name)) ||
      data.some((declared) => path === declared || path.startsWith(`${declared}/`))
    )
      continue;
    if (entry.isDirectory()) {
      await mkdir(join(to, path));
      await copyCode(from, to, path, data);
    } else if (entry.isFile()) {
      await copyFile(join(from, path), join(to, path), constants.COPYFILE_FICLONE);
    }
  }
}
