// The notebook channels of the contract: a run's executed notebook, read from the run's folder
// (never through a link out of the workspace), and a starter notebook for a new notebook step,
// written only where no file is (never over one, never through a link).
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Channel } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { starterNotebook } from '../../../shared/notebook/starter-notebook.js';
import { normalizeWorkspacePath, reservedPlace } from '../../../shared/pipeline/workspace-paths.js';
import { findRun } from '../engine/run-plan.js';
import { keptNotebookPath } from '../engine/notebook-files.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import type { ContractHandlers } from './contract-dispatcher.js';
import type { WorkspaceSession } from './workspace-session.js';
import { errorCode } from '../../../shared/text/error-message.js';

type NotebookChannel = Extract<Channel, `notebook:${string}`>;

const MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024;

export function notebookHandlers(session: () => WorkspaceSession): Pick<ContractHandlers, NotebookChannel> {
  return {
    'notebook:executed': ({ runId, stepId, attempt }) => {
      const { store, workspace } = session();
      const run = findRun(store, runId);
      const step = run.steps.find((candidate) => candidate.id === stepId);
      if (!step) throw new ContractError('not-found', `run ${run.id} has no step "${stepId}"`);
      // A cached step ran in an earlier run: its notebook is that run's.
      const ranIn = step.cachedFrom ? findRun(store, step.cachedFrom) : run;
      const ranStep = ranIn.steps.find((candidate) => candidate.id === stepId) ?? step;
      const which = attempt ?? ranStep.attempts;
      const path = keptNotebookPath(ranIn.id, stepId, which);
      const entry = contained(workspace.root, path);
      if (entry.kind !== 'file')
        throw new ContractError(
          'not-found',
          `run ${ranIn.id} kept no executed notebook of step "${stepId}" (attempt ${which})`,
        );
      const text = readFileSync(entry.absolute);
      if (text.length > MAX_NOTEBOOK_BYTES)
        throw new ContractError('not-supported', `${path} is larger than ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB`);
      return { runId: ranIn.id, stepId, attempt: which, path, text: text.toString('utf8') };
    },
    'notebook:create': ({ path: raw }) => {
      const path = normalizeWorkspacePath(raw);
      if (path === null) throw new ContractError('invalid-request', `"${raw}" leaves the workspace`);
      const reserved = reservedPlace(path);
      if (reserved !== null) throw new ContractError('invalid-request', `"${path}" ${reserved}`);
      const entry = contained(session().workspace.root, path);
      if (entry.kind !== 'missing') return { path, created: false };
      mkdirSync(dirname(entry.absolute), { recursive: true });
      const stepId =
        path
          .split('/')
          .pop()
          ?.replace(/\.ipynb$/, '') ?? 'notebook';
      let fd: number;
      try {
        // wx: never over a file that appeared meanwhile, never through a link left there.
        fd = openSync(entry.absolute, 'wx');
      } catch (error) {
        if (errorCode(error) === 'EEXIST') return { path, created: false };
        throw error;
      }
      try {
        writeSync(fd, starterNotebook(stepId));
      } finally {
        closeSync(fd);
      }
      return { path, created: true };
    },
  };
}

function contained(root: string, path: string): ReturnType<typeof containedEntry> {
  try {
    return containedEntry(root, path, path);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new ContractError('invalid-request', error.message);
    throw error;
  }
}
