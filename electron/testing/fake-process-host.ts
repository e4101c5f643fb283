// Another platform's process table, for the per-platform decisions of starting and stopping
// step processes: which pids live and what each platform's start-time command prints for them.
import type { ProcessHost } from '../services/process/process-identity.js';

/** A system as a platform shows it: which pids live, and what its start-time command prints for each. */
export function fakeHost(
  platform: NodeJS.Platform,
  starts: Record<number, string>,
  calls: string[][] = [],
): ProcessHost {
  const answer = (file: string, args: readonly string[]) => {
    calls.push([file, ...args]);
    const pid = Number(/(\d+)/.exec(args.join(' '))?.[1]);
    const start = starts[pid];
    if (start === undefined) throw new Error(`no process ${pid}`);
    return platform === 'win32' ? `${start}\r\n` : ` ${start}\n`;
  };
  return {
    platform,
    readFile: (path) => {
      const pid = Number(/\/proc\/(\d+)\/stat/.exec(path)?.[1]);
      const start = starts[pid];
      if (platform !== 'linux' || start === undefined) throw new Error(`ENOENT: ${path}`);
      return `${pid} (my step) S 1 ${pid} ${pid} 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 ${start} 1000 200`;
    },
    exec: answer,
    execAsync: (file, args) => Promise.resolve().then(() => answer(file, args)),
    isAlive: (pid) => starts[pid] !== undefined,
  };
}
