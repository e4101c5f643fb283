// `pipewright schedule list | run | pause NAME | resume NAME`: the schedules of pipewright.yaml.
// `schedule run` is the scheduler in the foreground, for a server or a container: Ctrl-C or
// SIGTERM cancels the runs it started, waits for them to end and exits 0, a scheduler stopped
// on purpose being its normal end.
import { dockerEnvironmentRunners } from '../../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../../services/engine/pipeline-engine.js';
import { ScheduleError, ScheduleService } from '../../services/schedule/schedule-service.js';
import { Scheduler } from '../../services/schedule/scheduler.js';
import type { RunStore } from '../../services/store/run-store.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import type { Workspace } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { scheduleTable, schedulerEventLine } from '../output/schedule-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';
import { watchStopSignals } from './run-command.js';

function validWorkspace(io: CliIO): Workspace {
  const workspace = openWorkspaceFor(io);
  if (!workspace.settings.spec) throw new UsageError('pipewright.yaml is not valid', workspace.settings.problems);
  return workspace;
}

async function withService<T>(
  io: CliIO,
  action: (service: ScheduleService, workspace: Workspace, store: RunStore) => Promise<T> | T,
): Promise<T> {
  const workspace = validWorkspace(io);
  const { store } = await openWorkspaceState(workspace);
  try {
    return await action(new ScheduleService(workspace, store), workspace, store);
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

export function listSchedulesCommand(options: { json?: boolean }, io: CliIO): Promise<number> {
  return withService(io, async (service) => {
    const schedules = await service.list();
    if (options.json) io.stdout.write(`${JSON.stringify(schedules, null, 2)}\n`);
    else if (schedules.length === 0) io.stdout.write('no schedules: add some under schedules: in pipewright.yaml\n');
    else io.stdout.write(`${scheduleTable(stylerFor(io.stdout), schedules)}\n`);
    return EXIT.ok;
  });
}

export function pauseScheduleCommand(name: string, paused: boolean, io: CliIO): Promise<number> {
  return withService(io, (service) => {
    service.setPaused(name, paused);
    io.stdout.write(
      paused
        ? `${name} paused: its occurrences are skipped until pipewright schedule resume ${name}\n`
        : `${name} resumed\n`,
    );
    return EXIT.ok;
  });
}

export async function runSchedulerCommand(io: CliIO): Promise<number> {
  const workspace = validWorkspace(io);
  const { store, interrupted } = await openWorkspaceState(workspace);
  const out = stylerFor(io.stdout);
  const err = stylerFor(io.stderr);
  for (const id of interrupted) io.stderr.write(err('yellow', `run ${id} was interrupted (its process died)\n`));
  const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
  const scheduler = new Scheduler({
    workspace,
    store,
    engine,
    reloadSettings: true,
    onEvent: (event) => {
      if (event.type === 'problem') {
        io.stderr.write(`${err('yellow', 'warning:')} ${event.message}\n`);
        return;
      }
      const line = schedulerEventLine(out, event);
      if (line !== null) io.stdout.write(`${line}\n`);
    },
  });
  // Signals stay caught until the runs have ended, so a second Ctrl-C cannot leave one half-recorded.
  let signals = 0;
  let stopWatching = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    stopWatching = watchStopSignals(() => {
      signals += 1;
      if (signals === 1) resolve();
      else io.stderr.write(err('yellow', 'still stopping: waiting for the cancelled runs to end\n'));
    });
  });
  try {
    const names = Object.keys(workspace.settings.spec?.schedules ?? {});
    io.stdout.write(
      names.length === 0
        ? 'no schedules yet: the scheduler waits for some under schedules: in pipewright.yaml (Ctrl-C stops)\n'
        : `scheduler started for ${names.join(', ')} (Ctrl-C stops)\n`,
    );
    scheduler.start();
    await stopped;
    const running = scheduler.runningRunIds();
    io.stdout.write(running.length > 0 ? `stopping: cancelling run ${running.join(', ')}\n` : 'stopping\n');
    await scheduler.stop({ cancelRuns: true });
    io.stdout.write('scheduler stopped\n');
    return EXIT.ok;
  } finally {
    await scheduler.stop({ cancelRuns: true });
    stopWatching();
    await engine.close();
    store.close();
  }
}
