// Step containers outlive a Pipewright process that was killed (kill -9, a crash): the next
// process to open the workspace removes those whose run is no longer running anywhere, with
// the helpers and volumes a step that copies its files had (transfer: copy, docker_host).
import type Docker from 'dockerode';
import { isProcessRunning } from '../process/process-identity.js';
import type { RunStore } from '../store/run-store.js';
import { LABEL, labelFilter } from './docker-names.js';

export async function removeOrphanContainers(docker: Docker, root: string, store: RunStore): Promise<string[]> {
  const live = new Set(
    store
      .runningRuns()
      .filter((run) => isProcessRunning({ pid: run.ownerPid, started: run.ownerStarted }))
      .map((run) => run.id),
  );
  const removed: string[] = [];
  const ofRuns = { label: [...labelFilter(root).label, LABEL.run] };
  for (const container of await docker.listContainers({ all: true, filters: ofRuns })) {
    const run = container.Labels[LABEL.run];
    const kind = container.Labels[LABEL.kind];
    if ((kind !== 'step' && kind !== 'helper') || (run !== undefined && live.has(run))) continue;
    await docker
      .getContainer(container.Id)
      .remove({ force: true })
      .catch(() => undefined);
    removed.push(container.Id);
  }
  for (const volume of (await docker.listVolumes({ filters: labelFilter(root, undefined, 'transfer') })).Volumes ??
    []) {
    const run = volume.Labels?.[LABEL.run];
    if (run !== undefined && live.has(run)) continue;
    await docker
      .getVolume(volume.Name)
      .remove()
      .catch(() => undefined);
    removed.push(volume.Name);
  }
  return removed;
}
