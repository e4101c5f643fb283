// `pipewright runs` lists recent runs; `runs show` prints one run's steps, tests and failure
// logs; `runs logs` prints a step's full log.
import { createReadStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { attemptHeader } from '../../../shared/run/attempt-log.js';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { triggerText } from '../../../shared/journeys/compare-runs.js';
import { RunRequestError, findRun } from '../../services/engine/find-run.js';
import type { RunStore } from '../../services/store/run-store.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import type { WorkspaceFolder } from '../../services/workspace/workspace-folder.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { localTime } from '../output/local-time.js';
import { runReport, table } from '../output/run-text.js';
import { statusLabel, stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFolderFor } from './open-workspace-folder.js';

async function withStore<T>(
  io: CliIO,
  action: (store: RunStore, workspace: WorkspaceFolder) => T | Promise<T>,
): Promise<T> {
  const workspace = openWorkspaceFolderFor(io);
  const { store } = await openWorkspaceState(workspace);
  try {
    return await action(store, workspace);
  } catch (error) {
    if (error instanceof RunRequestError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

export function listRunsCommand(
  options: { pipeline?: string; limit: number; json?: boolean },
  io: CliIO,
): Promise<number> {
  return withStore(io, (store) => {
    const runs = store.listRuns({
      limit: options.limit,
      ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}),
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return EXIT.ok;
    }
    if (runs.length === 0) {
      io.stdout.write('no runs yet: start one with pipewright run PIPELINE\n');
      return EXIT.ok;
    }
    const style = stylerFor(io.stdout);
    const header = ['RUN', 'PIPELINE', 'STATUS', 'ENV', 'STARTED', 'DURATION', 'STEPS'];
    const rows = runs.map((run) => [
      run.id,
      run.trigger.kind === 'replay' ? `${run.pipeline} (${triggerText(run.trigger)})` : run.pipeline,
      statusLabel(style, run.status),
      run.environment ?? '-',
      localTime(run.createdAt),
      run.durationMs === null ? '-' : formatDuration(run.durationMs),
      Object.entries(run.steps)
        .map(([status, count]) => `${count} ${status}`)
        .join(', '),
    ]);
    io.stdout.write(`${table([header.map((cell) => style('bold', cell)), ...rows])}\n`);
    return EXIT.ok;
  });
}

export function showRunCommand(runRef: string, options: { json?: boolean }, io: CliIO): Promise<number> {
  return withStore(io, (store, workspace) => {
    const run = findRun(store, runRef);
    io.stdout.write(
      options.json ? `${JSON.stringify(run, null, 2)}\n` : `${runReport(stylerFor(io.stdout), workspace.root, run)}\n`,
    );
    return EXIT.ok;
  });
}

export function runLogsCommand(
  runRef: string,
  stepId: string,
  options: { attempt?: number; all?: boolean },
  io: CliIO,
): Promise<number> {
  return withStore(io, async (store, workspace) => {
    const run = findRun(store, runRef);
    const step = run.steps.find((candidate) => candidate.id === stepId);
    if (!step)
      throw new UsageError(`run ${run.id} has no step "${stepId}"; steps: ${run.steps.map((s) => s.id).join(', ')}`);
    const attempt = options.attempt ?? step.attempts;
    if (attempt < 1) throw new UsageError(`step "${stepId}" did not run in ${run.id} (${step.status})`);
    const pathOf = (number: number) =>
      join(workspace.root, '.pipewright', 'runs', run.id, 'logs', `${stepId}.${number}.log`);
    if (options.all) {
      for (let number = 1; number <= step.attempts; number += 1) {
        io.stdout.write(`${attemptHeader(number)}\n`);
        // A silent attempt has no log file at all.
        if (existsSync(pathOf(number))) await streamLog(pathOf(number), io);
      }
      return EXIT.ok;
    }
    if (!existsSync(pathOf(attempt)))
      throw new UsageError(`no log for attempt ${attempt} of "${stepId}" in run ${run.id}`);
    await streamLog(pathOf(attempt), io);
    return EXIT.ok;
  });
}

/** Streamed, never read whole: a log can be larger than memory. */
function streamLog(path: string, io: CliIO): Promise<void> {
  return pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), io.stdout, { end: false });
}
