// What a step container's failure means, in the user's words. The engine's answers name OCI
// internals ("exec: \"node\": executable file not found in $PATH", "Duplicate mount point");
// a person needs to hear which command the image lacks, which path could not be mounted, or
// that the step wrote somewhere it did not declare.

/** Where the step runs, for the sentences: the image as the environment names it. */
export interface ContainerContext {
  /** `image X`, or `the image built from F` for an environment with `build:`. */
  image: string;
  /** The workspace's mount point inside the container, stripped from paths shown to the user. */
  workspace: string;
}

/** Docker's message without the HTTP status dockerode puts in front of it. */
export function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/^\(HTTP code \d+\) [a-z ]+ - /i, '')
    .replace(/^Error response from daemon: /, '')
    .trim();
}

function workspacePath(path: string, context: ContainerContext): string {
  return path.startsWith(`${context.workspace}/`) ? path.slice(context.workspace.length + 1) : path;
}

/** A command the image lacks, in the words every case shares. */
function missingCommand(command: string, context: ContainerContext): string {
  return `\`${command}\` not found in ${context.image}: use an image that has it, or install it in the environment's Dockerfile (build:)`;
}

/** Why the engine refused to create or start the step's container. */
export function describeStartError(error: unknown, context: ContainerContext): string {
  const message = engineMessage(error);
  const executable = /exec: "([^"]+)": executable file not found/.exec(message);
  if (executable?.[1]) return missingCommand(executable[1], context);
  const noSuchFile = /exec: "([^"]+)": (?:stat [^:]+: )?no such file or directory/.exec(message);
  if (noSuchFile?.[1]) return missingCommand(noSuchFile[1], context);
  const noSource = /bind source path does not exist: (\S+)/.exec(message);
  if (noSource) return `cannot mount ${noSource[1] ?? ''} into the step's container: it does not exist`;
  const duplicate = /Duplicate mount point: (\S+)/i.exec(message);
  if (duplicate) {
    const path = workspacePath(duplicate[1] ?? '', context);
    return `${path} is mounted twice into the step's container: a step's output folder cannot be a data source of its environment; write the output elsewhere`;
  }
  const mounting = /error mounting "([^"]+)" to rootfs at "([^"]+)": (.+?)(?:: unknown)?$/.exec(message);
  if (mounting)
    return `cannot mount ${mounting[1] ?? ''} at ${workspacePath(mounting[2] ?? '', context)} in the step's container: ${mounting[3] ?? ''}`;
  return `the step's container could not start: ${message}`;
}

// "Command not found" as the shells images carry say it (dash, busybox ash, bash), and as the
// container's init says it when the image has no shell at all.
const NOT_FOUND = [
  /(?:^|\n)(?:\/bin\/)?(?:sh|ash|bash|dash)(?:: line \d+)?: (?:\d+: )?([^\s:]+): (?:command )?not found/,
  /\[FATAL tini \(\d+\)\] exec (\S+) failed: No such file or directory/,
  /exec: "([^"]+)": executable file not found/,
];

// A write to the read-only root or workspace, as shells, coreutils, busybox and Python say it.
const READ_ONLY = [
  /can(?:no|')t create ([^:\n']+): Read-only file system/,
  /cannot (?:touch|create directory|create regular file|open) '([^']+)'[^\n]*: Read-only file system/,
  /\[Errno 30\] Read-only file system: '([^']+)'/,
  /(?:^|\n)[\w.-]+: ([^:\n]+): Read-only file system/,
];

/**
 * What an unsuccessful exit means when the output says it: a command missing from the image
 * (exit 127), or a write to a path the step did not declare. Null when the exit code says all.
 */
export function diagnoseExit(exitCode: number, output: string, context: ContainerContext): string | null {
  if (exitCode === 0) return null;
  if (exitCode === 127) {
    for (const pattern of NOT_FOUND) {
      const found = pattern.exec(output);
      if (found?.[1]) return missingCommand(found[1], context);
    }
  }
  if (!output.includes('Read-only file system')) return null;
  for (const pattern of READ_ONLY) {
    const found = pattern.exec(output);
    if (found?.[1]) {
      const path = workspacePath(found[1].trim(), context);
      return `the step wrote ${path}, which it does not declare: in a container only a step's outputs and /tmp are writable; add ${path} to its outputs`;
    }
  }
  return "the step wrote to a read-only file system: in a container only a step's outputs and /tmp are writable; declare what it writes in its outputs";
}
