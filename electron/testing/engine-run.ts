// The pipeline engine on a throwaway workspace, in the test's own process: for tests that
// need to reach inside a run (a store that fails, a cancel at a chosen moment) where the
// built CLI would only show the outcome.
import type { RunEvent } from '../../shared/run/run-types.js';
import { dockerEnvironmentRunners } from '../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../services/engine/pipeline-engine.js';
import type { FinishedRun, PipelineEngineOptions, RunHandle } from '../services/engine/pipeline-engine.js';
import type { RunRequest } from '../services/engine/run-plan.js';
import type { RunStore } from '../services/store/run-store.js';
import { openWorkspaceState } from '../services/state/workspace-state.js';
import { Workspace } from '../services/workspace/workspace.js';

export interface EngineUnderTest {
  engine: PipelineEngine;
  store: RunStore;
  workspace: Workspace;
  events: RunEvent[];
  /** Plans and starts a run of `request` (pipeline `p` by default). */
  start(request?: RunRequest): Promise<RunHandle>;
  run(request?: RunRequest): Promise<FinishedRun>;
  close(): Promise<void>;
}

export async function engineFor(
  root: string,
  options: Omit<PipelineEngineOptions, 'workspace' | 'store'> = {},
): Promise<EngineUnderTest> {
  const workspace = Workspace.open(root);
  const { store } = await openWorkspaceState(workspace);
  const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners, ...options });
  const events: RunEvent[] = [];
  engine.onEvent((event) => events.push(event));
  const start = async (request: RunRequest = {}) =>
    engine.start(await engine.plan({ pipeline: 'p', cwd: root, ...request }));
  return {
    engine,
    store,
    workspace,
    events,
    start,
    run: async (request) => (await start(request)).done,
    close: async () => {
      await engine.close();
      store.close();
    },
  };
}
