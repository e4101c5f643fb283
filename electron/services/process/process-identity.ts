// Telling whether the process that owns a run is still alive. A pid alone is not enough
// (pids are reused), so a run records its owner's pid and start time, and both must match.
import { readFileSync } from 'node:fs';

/** The kernel's start time of a process (Linux), or null where /proc is not available. */
function linuxStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (it may be another process than the one meant: pids are reused). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ProcessIdentity {
  pid: number;
  started: string;
}

export function currentProcessIdentity(): ProcessIdentity {
  const started = linuxStartTime(process.pid) ?? String(Math.round(Date.now() - process.uptime() * 1000));
  return { pid: process.pid, started };
}

export function isProcessRunning(identity: { pid: number | null; started: string | null }): boolean {
  if (identity.pid === null || !isProcessAlive(identity.pid)) return false;
  const started = linuxStartTime(identity.pid);
  // Without /proc the best available answer is that the pid is alive.
  return started === null || started === identity.started;
}
