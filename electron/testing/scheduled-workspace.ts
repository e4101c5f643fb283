// A git workspace with a scheduled pipeline, its run state and engine, for scheduler tests.
import { dockerEnvironmentRunners } from '../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../services/engine/pipeline-engine.js';
import type { RunStore } from '../services/store/run-store.js';
import { openWorkspaceState } from '../services/state/workspace-state.js';
import { Workspace } from '../services/workspace/workspace.js';
import { tempRepository } from './git-cli.js';
import { pipelineYaml } from './temp-workspace.js';
import type { TempWorkspace } from './temp-workspace.js';

/**
 * The step of `gated` waits (at most a minute) until the file its `gate` param names exists, so
 * a test decides when a run ends; it is never cached, so every run waits.
 */
export const GATED_PIPELINE = pipelineYaml(
  'gated',
  `  wait:
    run: 'i=0; while [ ! -f "$PW_PARAM_GATE" ]; do i=$((i+1)); [ $i -gt 1200 ] && exit 9; sleep 0.05; done; echo "$PW_PARAM_NOTE"'
    cache: false
`,
  `  gate: { type: string, default: none }
  note: { type: string, default: manual }
`,
);

export interface ScheduledWorkspace {
  files: TempWorkspace;
  workspace: Workspace;
  store: RunStore;
  engine: PipelineEngine;
  /** The file that lets runs of `gated` finish. */
  gate: string;
  close(): Promise<void>;
}

/**
 * A repository with the `gated` pipeline committed on main, whose pipewright.yaml in the working
 * tree (where schedules are read) holds `schedules(gate)`: YAML lines under schedules:.
 */
export async function scheduledWorkspace(schedules: (gate: string) => string): Promise<ScheduledWorkspace> {
  const files = tempRepository({ 'pipelines/gated.pipeline.yaml': GATED_PIPELINE });
  const gate = files.path('gate');
  files.write('pipewright.yaml', `version: 1\nschedules:\n${schedules(gate)}`);
  const workspace = Workspace.open(files.root);
  const { store } = await openWorkspaceState(workspace);
  const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
  return {
    files,
    workspace,
    store,
    engine,
    gate,
    close: async () => {
      await engine.close();
      store.close();
      files.remove();
    },
  };
}
