// Runs whose process died (kill -9, a crash, power loss) stay "running" in the store. The next
// process that opens the workspace finds them, stops whatever they left running, and marks
// them interrupted so that --resume can complete them. A recorded pid may belong to another
// program by now, so it is not signalled unless its start time confirms it is the same process.
import { SYSTEM_PROCESSES, isProcessRunning, isSameProcess } from '../process/process-identity.js';
import type { ProcessHost } from '../process/process-identity.js';
import { canSeeProcessEnvironments, groupsOfMarked, stopProcessTree } from '../process/process-tree.js';
import type { RunStore } from '../store/run-store.js';

/** What recovery needs from the system; tests pass another platform's. */
export interface RecoveryHost {
  processes: ProcessHost;
  /** Linux shows every process's environment: a dead run's processes are found by their marker. */
  canSeeProcessEnvironments(): boolean;
  /** The process groups the processes with the marker are in (where environments show). */
  groupsOfMarked(markerPrefix: string): number[];
  /** Stops a process tree: the group of `pgid` (when given) and every process with the marker. */
  stopTree(pgid: number | null, markerPrefix: string): Promise<void>;
}

export const SYSTEM_RECOVERY: RecoveryHost = {
  processes: SYSTEM_PROCESSES,
  canSeeProcessEnvironments,
  groupsOfMarked,
  stopTree: (pgid, markerPrefix) => stopProcessTree(pgid, markerPrefix, 2000),
};

export async function recoverInterruptedRuns(store: RunStore, host: RecoveryHost = SYSTEM_RECOVERY): Promise<string[]> {
  const recovered: string[] = [];
  for (const run of store.runningRuns()) {
    if (isProcessRunning({ pid: run.ownerPid, started: run.ownerStarted }, host.processes)) continue;
    // The recorded processes lead their steps' groups: a shell that waited for its step
    // carries no marker in its environment, and would run the rest of its command once its
    // marked children were gone. A pid whose start time differs (or cannot be read) is
    // someone else's now, or gone, and is left alone.
    for (const attempt of store.unfinishedAttemptProcesses(run.id)) {
      if (isSameProcess(attempt, host.processes)) await host.stopTree(attempt.pid, `${run.id}/`);
    }
    // Where environments show, the marker finds the rest: the groups its processes are in (a
    // shell that waited for its step leads one, and its pid is not on record when the run died
    // between the step's start and the record's commit), then what left its step's group.
    if (host.canSeeProcessEnvironments()) {
      for (const group of host.groupsOfMarked(`${run.id}/`)) await host.stopTree(group, `${run.id}/`);
      await host.stopTree(null, `${run.id}/`);
    }
    store.markInterrupted(
      run.id,
      `interrupted: the process running it (pid ${String(run.ownerPid)}) stopped before the run finished`,
    );
    recovered.push(run.id);
  }
  return recovered;
}
