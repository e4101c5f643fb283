// `pipewright run`: plan, run with a live view, report (terminal, --json, --junit), and map
// the outcome to an exit code. Ctrl-C (and SIGTERM from a CI runner) cancels cleanly.
import { resolve } from 'node:path';
import type { RunSummary } from '../../../shared/run/run-types.js';
import { dockerEnvironmentRunners } from '../../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../../services/engine/pipeline-engine.js';
import type { FinishedRun } from '../../services/engine/pipeline-engine.js';
import { RunRequestError } from '../../services/engine/run-plan.js';
import type { RunRequest } from '../../services/engine/run-plan.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import type { Workspace } from '../../services/workspace/workspace.js';
import { restoreRunOutputs } from '../../services/outputs/run-restore.js';
import type { RunStore } from '../../services/store/run-store.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { alertsReport } from '../output/alerts-text.js';
import { writeJunitReport } from '../output/junit-report.js';
import { LineReporter } from '../output/line-reporter.js';
import { formatProblems } from '../output/problems-output.js';
import { provisionPrinter } from '../output/provision-output.js';
import type { RunReporter } from '../output/run-reporter.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface RunCommandOptions {
  param?: Record<string, string>;
  env?: string;
  only?: string[];
  from?: string[];
  to?: string[];
  cache: boolean;
  resume?: string;
  ref?: string;
  failFast?: boolean;
  buildArg?: Record<string, string>;
  maxParallel?: number;
  json?: boolean;
  junit?: string;
  quiet?: boolean;
  failOnAlert?: boolean;
  inputsFrom?: string;
  writeOutputs?: boolean;
}

export async function runCommand(pipeline: string | undefined, options: RunCommandOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io, pipeline);
  const { store, interrupted } = await openWorkspaceState(workspace);
  const errStyle = stylerFor(io.stderr);
  for (const id of interrupted)
    io.stderr.write(
      errStyle('yellow', `run ${id} was interrupted (its process died); resume it with --resume ${id}\n`),
    );
  try {
    const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
    const request: RunRequest = {
      cwd: io.cwd,
      params: options.param ?? {},
      selection: { only: options.only ?? [], from: options.from ?? [], to: options.to ?? [] },
      noCache: !options.cache,
      ...(pipeline !== undefined ? { pipeline } : {}),
      ...(options.env !== undefined ? { environment: options.env } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.ref !== undefined ? { ref: options.ref } : {}),
      ...(options.failFast !== undefined ? { failFast: options.failFast } : {}),
      ...(options.maxParallel !== undefined ? { maxParallel: options.maxParallel } : {}),
      ...(options.buildArg !== undefined ? { buildArgs: options.buildArg } : {}),
      ...(options.inputsFrom !== undefined ? { inputsFrom: options.inputsFrom } : {}),
    };
    if (options.writeOutputs && options.inputsFrom === undefined)
      throw new UsageError("--write-outputs goes with --inputs-from: it copies a replay's outputs into the workspace");
    let plan;
    try {
      plan = await engine.plan(request);
    } catch (error) {
      if (error instanceof RunRequestError) throw new UsageError(error.message, error.problems);
      if (error instanceof WorkspaceError) throw new UsageError(error.message);
      throw error;
    }
    if (plan.warnings.length > 0 && !options.json) io.stderr.write(`${formatProblems(plan.warnings, errStyle)}\n`);
    if (plan.replay && !options.json)
      io.stderr.write(
        `replaying step "${plan.replay.step}" on its inputs from run ${plan.replay.inputsFrom}; outputs go to ${plan.replay.folder}\n`,
      );

    const reporter = options.json ? null : await chooseReporter(io, workspace.root, options.quiet ?? false);
    if (reporter) engine.onEvent((event) => reporter.onEvent(event));
    const progress = options.json || options.quiet ? () => undefined : provisionPrinter(io.stderr, errStyle);
    let handle;
    try {
      handle = engine.start(plan, progress);
    } catch (error) {
      if (error instanceof RunRequestError) throw new UsageError(error.message);
      throw error;
    }
    const stopSignals = watchStopSignals(() => {
      io.stderr.write(errStyle('yellow', '\ncancelling: stopping running steps…\n'));
      handle.cancel();
    });
    let finished: FinishedRun;
    try {
      finished = await handle.done;
    } finally {
      stopSignals();
      await engine.close();
    }
    const { run, alerts } = finished;

    reporter?.finish(run);
    if (reporter && alerts.length > 0) io.stdout.write(`${alertsReport(stylerFor(io.stdout), alerts)}\n`);
    if (options.junit) writeJunitReport(resolve(io.cwd, options.junit), run, workspace.root);
    const written =
      plan.replay && options.writeOutputs
        ? await writeReplayOutputs(workspace, store, run, plan.replay.step, io)
        : null;
    const replay = plan.replay ? { replay: { ...plan.replay, wroteOutputs: written } } : {};
    if (options.json) io.stdout.write(`${JSON.stringify({ ...run, alerts, ...replay }, null, 2)}\n`);
    const code = exitCodeOf(run);
    return code === EXIT.ok && options.failOnAlert && alerts.length > 0 ? EXIT.failed : code;
  } finally {
    store.close();
  }
}

/** --write-outputs: a replayed step that succeeded gets its outputs copied into the workspace; the paths written, or null. */
async function writeReplayOutputs(
  workspace: Workspace,
  store: RunStore,
  run: RunSummary,
  step: string,
  io: CliIO,
): Promise<string[] | null> {
  const status = run.steps.find((candidate) => candidate.id === step)?.status;
  if (status !== 'succeeded' && status !== 'warned') {
    io.stderr.write(
      `the replayed step did not succeed (${status ?? 'not run'}): its outputs stay in the replay folder\n`,
    );
    return null;
  }
  const [restored] = await restoreRunOutputs(workspace, store, run, step);
  return restored?.paths ?? [];
}

async function chooseReporter(io: CliIO, root: string, quiet: boolean): Promise<RunReporter> {
  const style = stylerFor(io.stdout);
  if (!io.stdout.isTTY) return new LineReporter(io.stdout, style, root, !quiet);
  // The live view's terminal libraries load only when there is a terminal to draw on.
  const { LiveProgressView } = await import('../output/live-progress-view.js');
  return new LiveProgressView(io.stdout, style, root);
}

export function exitCodeOf(run: RunSummary): number {
  if (run.status === 'succeeded' || run.status === 'warned') return EXIT.ok;
  if (run.status === 'cancelled') return EXIT.cancelled;
  return EXIT.failed;
}

/** SIGINT (Ctrl-C), SIGTERM (a CI runner stopping the job) and SIGHUP all cancel the run. */
export function watchStopSignals(onStop: () => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = () => onStop();
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
