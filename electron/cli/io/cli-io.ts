/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  /** --workspace: where to look for the workspace instead of the current folder. */
  workspace?: string;
}
