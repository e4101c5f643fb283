// Stopping a step means stopping everything it started. On macOS and Linux each step runs as
// the leader of its own process group, so one signal reaches its whole tree; on Linux the
// environment marker every step process inherits also finds descendants that left the group
// (setsid, daemons). Windows has neither: taskkill /T ends the tree below the step's process.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const STEP_MARKER_VAR = 'PW_EXECUTION';

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  // Most groups signalled are already empty (every step's end signals its group), and the
  // refusal Node throws then captures a stack trace that costs more than the signal itself.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

export function canSeeProcessEnvironments(): boolean {
  return existsSync('/proc/self/environ');
}

/** How a platform ends a process tree by command, or null where it signals process groups. */
export function treeKillCommand(platform: NodeJS.Platform, pid: number, force: boolean): [string, string[]] | null {
  if (platform !== 'win32') return null;
  return ['taskkill', ['/PID', String(pid), '/T', ...(force ? ['/F'] : [])]];
}

function runQuietly(command: [string, string[]]): Promise<void> {
  return new Promise((resolve) => {
    execFile(command[0], command[1], { windowsHide: true, timeout: 10_000 }, () => resolve());
  });
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

/** The process group of a pid, from /proc; null when it is gone or cannot be read. */
function groupOf(pid: number | 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return Number.isInteger(group) ? group : null;
  } catch {
    return null;
  }
}

/**
 * The process groups that processes with the marker are in, other than this process's own and
 * init's. A step's group is led by the shell that runs it, and a shell that waited for its step
 * carries no marker itself: its marked children lead to it.
 */
export function groupsOfMarked(markerPrefix: string): number[] {
  const own = groupOf('self');
  const groups = new Set<number>();
  for (const pid of processesWithMarker(markerPrefix)) {
    const group = groupOf(pid);
    if (group !== null && group > 1 && group !== own) groups.add(group);
  }
  return [...groups];
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
 * Asks the step's tree to stop, then forces whatever is left after `graceMs`. Resolves when
 * nothing of the step is left (or after the forced stop where survivors cannot be seen).
 * `pgid` is the step's process (a group leader on POSIX); callers that did not start it
 * themselves must have confirmed it is still the same process (process-identity.ts).
 */
export async function stopProcessTree(
  pgid: number | null,
  markerPrefix: string,
  graceMs: number,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const command = pgid === null ? null : treeKillCommand(platform, pgid, true);
  if (platform === 'win32') {
    // Console programs ignore a polite taskkill, so there is no grace to give.
    if (command) await runQuietly(command);
    return;
  }
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

/** After a step's main process exited: end what it left running in its group (POSIX). */
export function killLeftovers(pgid: number, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') signalGroup(pgid, 'SIGKILL');
}

/**
 * End the processes carrying a step's marker: those that left its group (setsid, daemons).
 * Only Linux shows other processes' environments; elsewhere there is nothing to find.
 */
export function killMarked(marker: string): void {
  if (canSeeProcessEnvironments()) signalMarked(marker, 'SIGKILL');
}
