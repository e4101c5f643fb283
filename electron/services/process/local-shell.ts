// Which shell runs a local step, per platform. macOS and Linux: `/bin/sh -c`, the shell leading
// a process group of its own so that one signal reaches everything the step starts. Windows has
// no sh and no process groups: `cmd.exe /d /s /c`, and the tree is ended with taskkill /T
// (process-tree.ts). A pipeline meant for every platform keeps its commands to what both
// shells read (`python steps/x.py`), or runs its steps in a Docker environment.

export interface LocalShell {
  file: string;
  args(command: string): string[];
  /** The step's process leads a new process group (POSIX), which stopping it signals. */
  processGroup: boolean;
  /** Pass the arguments as written: cmd.exe reads its command line itself. */
  verbatimArguments: boolean;
}

export function localShell(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  override?: string,
): LocalShell {
  if (platform === 'win32') {
    return {
      file: override ?? env.ComSpec ?? 'cmd.exe',
      // /d: no AutoRun commands from the registry; /s /c "...": the command line exactly as written.
      args: (command) => ['/d', '/s', '/c', `"${command}"`],
      processGroup: false,
      verbatimArguments: true,
    };
  }
  return {
    file: override ?? '/bin/sh',
    args: (command) => ['-c', command],
    processGroup: true,
    verbatimArguments: false,
  };
}
