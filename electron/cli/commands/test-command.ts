// `pipewright test PIPELINE --step S`: the step's tests on the files present, one line per
// test as it ends, then the step's verdict. Exit codes as `run`: 0 passed or warned, 1 an
// error test failed or could not run, 2 usage, 130 cancelled.
import { resolve } from 'node:path';
import { dockerEnvironmentRunners } from '../../services/docker/docker-runner-factory.js';
import { checkStepTests } from '../../services/engine/step-test-check.js';
import { RunRequestError } from '../../services/engine/run-plan.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { writeJunitReport } from '../output/junit-report.js';
import { testLine } from '../output/run-text.js';
import { statusLabel, stylerFor } from '../output/terminal-style.js';
import { exitCodeOf, watchStopSignals } from './run-command.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface TestCommandOptions {
  step: string;
  env?: string;
  param?: Record<string, string>;
  local?: boolean;
  junit?: string;
  json?: boolean;
}

export async function testCommand(pipeline: string, options: TestCommandOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io, pipeline);
  const { store } = await openWorkspaceState(workspace);
  const style = stylerFor(io.stdout);
  const abort = new AbortController();
  const stopSignals = watchStopSignals(() => abort.abort());
  try {
    let run;
    try {
      run = await checkStepTests(workspace, store, {
        docker: dockerEnvironmentRunners,
        pipeline,
        step: options.step,
        cwd: io.cwd,
        params: options.param ?? {},
        local: options.local ?? false,
        signal: abort.signal,
        ...(options.env !== undefined ? { environment: options.env } : {}),
        onResult: (result) => {
          if (!options.json) io.stdout.write(`${testLine(style, result).trimStart()}\n`);
        },
      });
    } catch (error) {
      if (error instanceof RunRequestError) throw new UsageError(error.message, error.problems);
      if (error instanceof WorkspaceError) throw new UsageError(error.message);
      throw error;
    }
    if (run === 'cancelled') {
      io.stderr.write('cancelled\n');
      return EXIT.cancelled;
    }
    if (options.junit) writeJunitReport(resolve(io.cwd, options.junit), run, workspace.root);
    if (options.json) io.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    else
      io.stdout.write(
        `${statusLabel(style, run.status)} tests of ${style('bold', `${run.pipeline}.${options.step}`)}${run.message ? style('gray', ` — ${run.message}`) : ''}\n`,
      );
    return exitCodeOf(run);
  } finally {
    stopSignals();
    store.close();
  }
}
