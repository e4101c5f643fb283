// Why a step failed, in words a person acts on: the known causes (a command missing, a write
// to a read-only file system, memory, the timeout) and the last line of its log that reads like
// an error. Worked out once, where the step ends, and kept with the step's record, so the
// canvas, the inspector and the CLI all say the same thing.

export const FAILURE_KINDS = [
  'command-not-found',
  'read-only-write',
  'out-of-memory',
  'timed-out',
  'could-not-start',
  'lost',
  'exit',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface StepFailure {
  kind: FailureKind;
  /** The cause in words: a known one, or the exit code or signal when nothing more is known. */
  cause: string;
  /** The last line of the step's log that reads like an error (or its last line); null for a silent step. */
  lastErrorLine: string | null;
}

/** How an attempt ended, as a runner reports it (the runner's own words in `error`). */
export interface AttemptEnd {
  outcome: 'exited' | 'timed-out' | 'cancelled' | 'failed-to-start' | 'lost' | 'transfer-failed';
  exitCode: number | null;
  signal: string | null;
  error: string | null;
}

export interface FailureContext {
  /** The end of the attempt's log. */
  logTail: string;
  /** The step's `timeout:` as written, when it has one. */
  timeout: string | number | null;
  /** Where the step ran: a local process, or a container of this image ("image X"). */
  place: { kind: 'local' } | { kind: 'container'; image: string };
}

const MAX_LINE = 240;

// "Command not found" as shells say it (dash, busybox ash, bash, zsh) and as a container's init does.
const NOT_FOUND = [
  /(?:^|\n)(?:[\w/]*\/)?(?:sh|ash|bash|dash|zsh)(?:: line \d+)?: (?:\d+: )?([^\s:]+): (?:command )?not found/,
  /(?:^|\n)zsh: command not found: (\S+)/,
  /exec: "([^"]+)": executable file not found/,
  /\[FATAL tini \(\d+\)\] exec (\S+) failed: No such file or directory/,
];

/** Lines that read like an error, in the words tools commonly use. */
const ERROR_LINE =
  /(errors?|exceptions?|traceback|fatal|failed|failure|panic|denied|not found|no such file|read-only|killed|aborted?)\b|^E\s/i;

/** Why an attempt that did not succeed failed; null for a success or a cancel (nothing to explain). */
export function summarizeFailure(end: AttemptEnd, context: FailureContext): StepFailure | null {
  if (end.outcome === 'cancelled' || (end.outcome === 'exited' && end.exitCode === 0)) return null;
  const lastErrorLine = lastErrorLineOf(context.logTail);
  const { kind, cause } = knownCause(end, context);
  // The line is news only when the cause does not already quote it.
  return { kind, cause, lastErrorLine: lastErrorLine !== null && cause.includes(lastErrorLine) ? null : lastErrorLine };
}

function knownCause(end: AttemptEnd, context: FailureContext): { kind: FailureKind; cause: string } {
  const { logTail, place } = context;
  if (end.outcome === 'timed-out') {
    const limit = context.timeout === null ? 'its timeout' : `its timeout (${String(context.timeout)})`;
    return { kind: 'timed-out', cause: `killed by ${limit}: raise timeout: of the step, or make it faster` };
  }
  if (end.outcome === 'failed-to-start') {
    const missing = end.error === null ? null : /`([^`]+)` not found/.exec(end.error);
    return { kind: missing ? 'command-not-found' : 'could-not-start', cause: end.error ?? 'the step could not start' };
  }
  if (end.outcome === 'lost' || end.outcome === 'transfer-failed')
    return { kind: 'lost', cause: end.error ?? 'lost the process running the step' };
  const ended = end.signal ? `killed by ${end.signal}` : `exit code ${String(end.exitCode)}`;
  if (end.exitCode === 127) {
    const command = missingCommand(logTail);
    if (end.error !== null) return { kind: 'command-not-found', cause: end.error };
    if (command !== null) {
      const where =
        place.kind === 'local'
          ? 'on PATH: install it, or run the step in an environment whose image has it'
          : `in ${place.image}: use an image that has it`;
      return { kind: 'command-not-found', cause: `\`${command}\` not found ${where}` };
    }
  }
  if (
    /memory limit|OOMKilled|out of memory/i.test(end.error ?? '') ||
    (end.exitCode === 137 && place.kind === 'container')
  ) {
    return {
      kind: 'out-of-memory',
      cause: end.error ?? `${ended}: killed, most likely for going over its memory limit`,
    };
  }
  if (logTail.includes('Read-only file system')) {
    return {
      kind: 'read-only-write',
      cause: end.error ?? 'the step wrote to a read-only file system: declare the output path in its outputs',
    };
  }
  if (end.signal === 'SIGKILL' && place.kind === 'local') {
    return { kind: 'out-of-memory', cause: 'killed by SIGKILL: most likely the system ran out of memory' };
  }
  return { kind: 'exit', cause: end.error ? `${ended}: ${end.error}` : ended };
}

function missingCommand(logTail: string): string | null {
  for (const pattern of NOT_FOUND) {
    const found = pattern.exec(logTail);
    if (found?.[1]) return found[1];
  }
  return null;
}

/** The last line that reads like an error, else the last line; colour codes and padding removed. */
export function lastErrorLineOf(logTail: string): string | null {
  const lines = logTail
    // eslint-disable-next-line no-control-regex -- colour codes are what is being removed
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const line = [...lines].reverse().find((candidate) => ERROR_LINE.test(candidate)) ?? lines.at(-1) ?? null;
  if (line === null) return null;
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** The failure in one line: the cause, then what the log said last. */
export function failureText(failure: StepFailure): string {
  return failure.lastErrorLine === null ? failure.cause : `${failure.cause} — ${failure.lastErrorLine}`;
}

const SHORT_CAUSE: Record<Exclude<FailureKind, 'command-not-found' | 'exit'>, string> = {
  'read-only-write': 'wrote to a read-only path',
  'out-of-memory': 'out of memory',
  'timed-out': 'timed out',
  'could-not-start': 'could not start',
  lost: 'lost its process',
};

/**
 * The cause in a few words, for where a sentence does not fit (a step on the zoomed-out canvas):
 * "node not found", "out of memory", "exit code 3". The full cause goes with it as its tooltip.
 */
export function shortCause(failure: StepFailure): string {
  if (failure.kind === 'command-not-found')
    return /^`?([^`\s]+)`? not found/.exec(failure.cause)?.[1]?.concat(' not found') ?? 'command not found';
  if (failure.kind === 'exit') return /^(exit code -?\d+|killed by \w+)/.exec(failure.cause)?.[1] ?? failure.cause;
  return SHORT_CAUSE[failure.kind];
}
