// Opening a workspace's local state: the run database, with dead runs recovered first, so
// that whatever opens the workspace (a CLI command, the studio) sees a consistent history.
// A folder opened without its settings will do: the state needs only the environments.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverInterruptedRuns } from './run-recovery.js';
import { RunStore } from '../store/run-store.js';
import type { WorkspaceFolder } from '../workspace/workspace-folder.js';

export interface WorkspaceState {
  store: RunStore;
  /** Runs found dead and marked interrupted while opening. */
  interrupted: string[];
}

export async function openWorkspaceState(workspace: WorkspaceFolder): Promise<WorkspaceState> {
  const dir = workspace.ensureStateDir();
  // Local state never belongs in git, whatever the workspace's own .gitignore says.
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  const store = new RunStore(join(dir, 'state.db'));
  const interrupted = await recoverInterruptedRuns(store);
  const environments = await workspace.environments(store);
  if (Object.values(environments).some((environment) => environment.runner === 'docker')) {
    // Containers a dead run left behind, on each engine the environments use (this machine's and
    // remote hosts); an engine that does not answer has nothing to clean now.
    // (Docker support loads only for workspaces that use it.)
    const { checkDocker, connectDocker } = await import('../docker/docker-connection.js');
    const { DockerEngines } = await import('../docker/docker-hosts.js');
    const { removeOrphanContainers } = await import('../docker/orphan-containers.js');
    for (const { docker } of new DockerEngines(workspace.root, connectDocker()).distinct(environments)) {
      if ((await checkDocker(docker, 1500)).available) await removeOrphanContainers(docker, workspace.root, store);
    }
  }
  return { store, interrupted };
}
