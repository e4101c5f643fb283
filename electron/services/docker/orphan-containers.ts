// Step containers outlive a Pipewright process that was killed (kill -9, a crash): the next
// process to open the workspace removes those whose run is no longer running anywhere.
import type Docker from 'dockerode';
import { isProcessRunning } from '../process/process-identity.js';
import type { RunStore } from '../store/run-store.js';
import { LABEL, labelFilter } from './docker-names.js';

export async function removeOrphanContainers(docker: Docker, root: string, store: RunStore): Promise<string[]> {
  const live = new Set(store.runningRuns().filter((run) => isProcessRunning({ pid: run.ownerPid, started: run.ownerStarted })).map((run) => run.id));
  const removed: string[] = [];
  for (const container of await docker.listContainers({ all: true, filters: labelFilter(root, undefined, 'step') })) {
    const run = container.Labels[LABEL.run];
    if (run !== undefined && live.has(run)) continue;
    await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
    removed.push(container.Id);
  }
  return removed;
}
