// `pipewright compare RUN_A RUN_B`: two runs of any pipelines, branches or environments side by
// side — what each ran on and with which params (and where they came from), and how their
// steps, tests and metrics came out — with every difference in words.
import { compareRuns } from '../../../shared/journeys/compare-runs.js';
import { RunRequestError, findRun } from '../../services/engine/run-plan.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { compareText } from '../output/compare-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export async function compareCommand(
  runA: string,
  runB: string,
  options: { json?: boolean },
  io: CliIO,
): Promise<number> {
  const workspace = openWorkspaceFor(io);
  const { store } = await openWorkspaceState(workspace);
  try {
    const a = findRun(store, runA);
    const b = findRun(store, runB);
    const comparison = compareRuns(a, b, store.monitoring.valuesStandingFor(a), store.monitoring.valuesStandingFor(b));
    io.stdout.write(
      options.json ? `${JSON.stringify(comparison, null, 2)}\n` : compareText(stylerFor(io.stdout), comparison),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RunRequestError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}
