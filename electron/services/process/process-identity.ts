// Telling whether a recorded process is still the one we started. A pid alone is not enough
// (pids are reused), so a run records its owner's pid and start time, an attempt its process's,
// and both must match before anything is signalled. Each platform reads the start time its own
// way: /proc on Linux, `ps` on macOS and the BSDs, PowerShell on Windows.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { errorCode } from '../../../shared/text/error-message.js';

/** What reading a start time needs from the system; tests pass another platform's answers. */
export interface ProcessHost {
  platform: NodeJS.Platform;
  /** A file's text (Linux /proc); throws when it cannot be read. */
  readFile(path: string): string;
  /** A program's standard output; throws when it fails. */
  exec(file: string, args: readonly string[]): string;
  execAsync(file: string, args: readonly string[]): Promise<string>;
  /** Whether a pid exists (signal 0). */
  isAlive(pid: number): boolean;
}

const EXEC_TIMEOUT_MS = 10_000;

export const SYSTEM_PROCESSES: ProcessHost = {
  platform: process.platform,
  readFile: (path) => readFileSync(path, 'utf8'),
  exec: (file, args) =>
    execFileSync(file, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: EXEC_TIMEOUT_MS,
      windowsHide: true,
    }),
  execAsync: (file, args) =>
    new Promise((resolve, reject) => {
      execFile(file, args, { encoding: 'utf8', timeout: EXEC_TIMEOUT_MS, windowsHide: true }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    }),
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return errorCode(error) === 'EPERM';
    }
  },
};

/** The program that prints a pid's start time where there is no /proc, and how to ask it. */
export function startTimeCommand(platform: NodeJS.Platform, pid: number): [string, string[]] | null {
  if (platform === 'linux') return null;
  if (platform === 'win32') {
    return [
      'powershell.exe',
      [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `(Get-Process -Id ${pid}).StartTime.ToUniversalTime().ToString('o')`,
      ],
    ];
  }
  // macOS and the BSDs: the start time to the second, e.g. "Mon Nov 26 06:30:12 2026".
  return ['ps', ['-o', 'lstart=', '-p', String(pid)]];
}

/** Linux: field 22 of a /proc/PID/stat line, the start in clock ticks since boot. */
export function startTimeOfStat(stat: string): string | null {
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function linuxStartTime(pid: number, host: ProcessHost): string | null {
  try {
    return startTimeOfStat(host.readFile(`/proc/${pid}/stat`));
  } catch {
    return null;
  }
}

const cleaned = (output: string): string | null => output.trim().replace(/\s+/g, ' ') || null;

/** A process's start time as this platform tells it, or null when the process is gone or it cannot be read. */
export function processStartTime(pid: number, host: ProcessHost = SYSTEM_PROCESSES): string | null {
  const command = startTimeCommand(host.platform, pid);
  if (command === null) return linuxStartTime(pid, host);
  try {
    return cleaned(host.exec(...command));
  } catch {
    return null;
  }
}

/** The same, without blocking: for every step start, where `ps` would cost a blocked event loop. */
export async function processStartTimeAsync(pid: number, host: ProcessHost = SYSTEM_PROCESSES): Promise<string | null> {
  const command = startTimeCommand(host.platform, pid);
  if (command === null) return linuxStartTime(pid, host);
  try {
    return cleaned(await host.execAsync(...command));
  } catch {
    return null;
  }
}

export interface ProcessIdentity {
  pid: number;
  started: string;
}

export function currentProcessIdentity(host: ProcessHost = SYSTEM_PROCESSES): ProcessIdentity {
  const started =
    processStartTime(process.pid, host) ?? `uptime:${String(Math.round(Date.now() - process.uptime() * 1000))}`;
  return { pid: process.pid, started };
}

/**
 * Whether the recorded owner of a run still runs. When its start time cannot be read at all
 * the best answer is that a live pid is still the owner: the run is left alone, never stolen.
 */
export function isProcessRunning(
  identity: { pid: number | null; started: string | null },
  host: ProcessHost = SYSTEM_PROCESSES,
): boolean {
  if (identity.pid === null || !host.isAlive(identity.pid)) return false;
  const started = processStartTime(identity.pid, host);
  return started === null || started === identity.started;
}

/**
 * Whether a recorded process is certainly the one recorded: alive, and started when it was.
 * Unlike isProcessRunning, an unreadable start time is no confirmation: this gates signals.
 */
export function isSameProcess(
  identity: { pid: number; started: string | null },
  host: ProcessHost = SYSTEM_PROCESSES,
): boolean {
  if (identity.started === null || !host.isAlive(identity.pid)) return false;
  return processStartTime(identity.pid, host) === identity.started;
}
