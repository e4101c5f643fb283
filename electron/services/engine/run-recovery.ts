// Runs whose process died (kill -9, a crash, power loss) stay "running" in the store. The next
// process that opens the workspace finds them, stops whatever they left running, and marks
// them interrupted so that --resume can complete them.
import { isProcessRunning } from '../process/process-identity.js';
import { canSeeProcessEnvironments, stopProcessTree } from '../process/process-tree.js';
import type { RunStore } from '../store/run-store.js';

export async function recoverInterruptedRuns(store: RunStore): Promise<string[]> {
  const recovered: string[] = [];
  for (const run of store.runningRuns()) {
    if (isProcessRunning({ pid: run.ownerPid, started: run.ownerStarted })) continue;
    if (canSeeProcessEnvironments()) {
      await stopProcessTree(null, `${run.id}/`, 2000);
    } else {
      // Without /proc only the recorded process groups can be stopped.
      for (const pid of store.unfinishedAttemptPids(run.id)) await stopProcessTree(pid, `${run.id}/`, 2000);
    }
    store.markInterrupted(run.id, `interrupted: the process running it (pid ${String(run.ownerPid)}) stopped before the run finished`);
    recovered.push(run.id);
  }
  return recovered;
}
