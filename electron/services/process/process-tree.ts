// Stopping a step means stopping everything it started. Each step runs as the leader of its
// own process group, so one signal reaches its whole tree; on Linux the environment marker
// every step process inherits also finds descendants that left the group (setsid, daemons).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const STEP_MARKER_VAR = 'PW_EXECUTION';

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function canSeeProcessEnvironments(): boolean {
  return existsSync('/proc/self/environ');
}

/**
 * Whether a process group still has a member that is not a zombie. Zombies count as members
 * for kill(-pgid, 0) until someone reaps them, which in a container may be never.
 */
function groupHasLiveMembers(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (!canSeeProcessEnvironments()) return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}

/** Pids whose environment carries `PW_EXECUTION=<marker>` (or starts with it, for a prefix). */
export function processesWithMarker(markerPrefix: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = `${STEP_MARKER_VAR}=${markerPrefix}`;
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').some((variable) => variable.startsWith(needle))) found.push(pid);
    } catch {
      // The process ended meanwhile or belongs to another user: not ours to stop.
    }
  }
  return found;
}

function signalMarked(markerPrefix: string, signal: NodeJS.Signals): number {
  let signalled = 0;
  for (const pid of processesWithMarker(markerPrefix)) {
    try {
      process.kill(pid, signal);
      signalled += 1;
    } catch {
      // Already gone.
    }
  }
  return signalled;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM to the group and every marked process, then SIGKILL to whatever is left after
 * `graceMs`. Resolves when nothing of the step is left (or after the SIGKILL on systems
 * without /proc, where survivors cannot be seen).
 */
export async function stopProcessTree(pgid: number | null, markerPrefix: string, graceMs: number): Promise<void> {
  if (pgid !== null) signalGroup(pgid, 'SIGTERM');
  signalMarked(markerPrefix, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const groupAlive = pgid !== null && groupHasLiveMembers(pgid);
    if (!groupAlive && processesWithMarker(markerPrefix).length === 0) return;
    await sleep(25);
  }
  if (pgid !== null) signalGroup(pgid, 'SIGKILL');
  signalMarked(markerPrefix, 'SIGKILL');
}

/** After a step's main process exited: end anything it left running in its group. */
export function killLeftovers(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
