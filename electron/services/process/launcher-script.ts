// What the step launcher (step-launcher.ts) says to its shell and hears back. The launcher is a
// long-lived `/bin/sh` reading jobs on its stdin: each job is a shell command that starts one
// step in the background, so the launcher reads the next job at once. Nothing here runs code
// of the user's other than the step's command itself: every value is single-quoted.

/** Quotes any text as one shell word: single quotes hold everything but a single quote. */
export function shellWord(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The launcher's first words: it answers `R` when it can start steps, `N <why>` when it cannot
 * (no `setsid`, which gives each step a session and process group of its own as Node's
 * `detached` does). Its FIFO folder goes with it when it ends. setsid's path is looked up once
 * here: a search of PATH for every step costs a failed exec per folder before setsid's own.
 */
export function launcherPreamble(fifoDir: string): string {
  const dir = shellWord(fifoDir);
  return [
    `trap 'rm -rf -- ${dir.replaceAll("'", `'\\''`)}' EXIT`,
    `pw_setsid=$(command -v setsid 2>/dev/null) || { echo 'N setsid not found'; exit 0; }`,
    'echo R',
    '',
  ].join('\n');
}

/** Makes `names` FIFOs in the launcher's folder in one `mkfifo`, then says `P <batch>`. */
export function fifoBatchJob(fifoDir: string, names: readonly string[], batch: number): string {
  const paths = names.map((name) => shellWord(`${fifoDir}/${name}`)).join(' ');
  return `mkfifo -m 600 -- ${paths} && echo 'P ${String(batch)}' || echo 'F ${String(batch)}'\n`;
}

export interface StepJob {
  id: number;
  cwd: string;
  /** Set on top of the launcher's own environment (the user's, read when it started). */
  env: Readonly<Record<string, string>>;
  command: string;
  stdoutFifo: string;
  stderrFifo: string;
}

/** The step's variables: those the shell can export, and the others, for env(1) to set. */
function stepVariables(env: Readonly<Record<string, string>>): { exports: string[]; odd: string[] } {
  const exports: string[] = [];
  const odd: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    // A name the shell cannot export (a dash in it) still reaches the step, through env(1).
    if (SHELL_NAME.test(name)) exports.push(`export ${name}=${shellWord(value)}`);
    else odd.push(shellWord(`${name}=${value}`));
  }
  return { exports, odd };
}

/** Moves into the step's folder, or reports `X <id>` and ends. */
function enterFolder(id: string, cwd: string): string[] {
  return [
    // cd sets OLDPWD to the launcher's folder; a step Node spawns keeps the one it inherited.
    'pw_oldpwd=${OLDPWD-} pw_had_oldpwd=${OLDPWD+set}',
    `cd -- ${shellWord(cwd)} 2>/dev/null || { echo 'X ${id}' >&9; exit 0; }`,
    'if [ -n "$pw_had_oldpwd" ]; then OLDPWD=$pw_oldpwd; else unset OLDPWD; fi',
    'unset pw_oldpwd pw_had_oldpwd',
  ];
}

/** Reports `S <id> <pid> <stat>` for the shell it runs in; its /proc stat line tells its start time now, while it surely still runs. */
function reportStart(id: string): string[] {
  return [
    `read -r pw_stat </proc/$$/stat 2>/dev/null`,
    `printf 'S ${id} %s %s\\n' "$$" "$pw_stat" >&9`,
    'unset pw_stat',
  ];
}

/**
 * The launcher's file descriptors that hold a waiting shell's FIFO: one digit, as the shell's
 * redirections read them, and not 9, the report channel.
 */
export const WAITING_SHELL_SLOTS: readonly number[] = [3, 4, 5, 6, 7, 8];

/** Every slot closed: no step and no other shell holds a waiting shell's FIFO open, so it ends with the launcher. */
const CLOSE_SLOTS = WAITING_SHELL_SLOTS.map((slot) => `${String(slot)}>&-`).join(' ');

/**
 * One step, in the background of the launcher. The step's shell reports `S <id> <pid> <stat>` itself,
 * after `setsid`, so a pid the engine hears of always leads the step's process group; the
 * waiter around it reports `E <id> <status>` when it ends, or `X <id>` when its folder is
 * missing. The report channel (fd 9) is closed before the user's command runs.
 */
export function stepJob(job: StepJob): string {
  const id = String(job.id);
  const { exports, odd } = stepVariables(job.env);
  const script = [...reportStart(id), 'exec 9>&-', job.command].join('; ');
  // $1 is setsid's path, set before the step's variables: a step variable named pw_setsid cannot change it.
  const start = ['exec', ...(odd.length > 0 ? ['env', ...odd] : []), '"$1" /bin/sh -c', shellWord(script)].join(' ');
  const step = ['set -- "$pw_setsid"', ...enterFolder(id, job.cwd), ...exports, start];
  // Read-write opens never wait for a reader: were the engine gone by now, the step's shell
  // would otherwise wait in open() for ever. It dies instead on its start report (SIGPIPE).
  const redirects = `9>&1 </dev/null 1<>${shellWord(job.stdoutFifo)} 2<>${shellWord(job.stderrFifo)}`;
  return `{ (\n${step.join('\n')}\n) ${redirects} & wait $!; echo "E ${id} $?"; } ${CLOSE_SLOTS} &\n`;
}

/**
 * Starts a step's shell before its step is known (step-launcher.ts says why): `sh -s` in its own
 * session, reading its script from the set's `script` FIFO, which the launcher holds open on
 * `slot`, and writing to the set's output FIFOs. Every open is read-write, so none ever waits for
 * the other end; the shell keeps only a read end of its script, so it reads an end of file, and
 * ends, once the launcher lets go or is gone. It reports `W <id>` once it holds its FIFOs: from
 * then on it may be given a step.
 */
export function waitingShellJob(
  id: number,
  slot: number,
  fifos: { stdout: string; stderr: string; script: string },
): string {
  const script = shellWord(fifos.script);
  const output = `1<>${shellWord(fifos.stdout)} 2<>${shellWord(fifos.stderr)}`;
  const shell = `( exec 3<>${script} 0<${script} 3>&- ${output}; echo 'W ${String(id)}' >&9; exec "$pw_setsid" /bin/sh -s )`;
  const start = `{ ${shell} 9>&1 & wait $!; echo "E ${String(id)} $?"; } ${CLOSE_SLOTS} &`;
  return `exec ${String(slot)}<>${script}\n${start}\n`;
}

/**
 * A waiting shell can take a step whose variables it can export itself (no env(1)) on the line
 * its command starts on: a value of several lines would move the command's line numbers.
 */
export function waitingShellCanStart(env: Readonly<Record<string, string>>): boolean {
  return Object.entries(env).every(([name, value]) => SHELL_NAME.test(name) && !value.includes('\n'));
}

/**
 * Gives the waiting shell `job.id` its step (one `waitingShellCanStart` allows). The launcher
 * writes the script and lets go of the FIFO, so the shell ends after it. It is one line up to the
 * command, as in `stepJob`, so the shell counts the command's lines as `sh -c` would; the
 * command reads /dev/null, not the rest of the script.
 */
export function waitingShellStep(job: Omit<StepJob, 'stdoutFifo' | 'stderrFifo'>, slot: number): string {
  const id = String(job.id);
  const { exports } = stepVariables(job.env);
  const prefix = [...enterFolder(id, job.cwd), ...reportStart(id), ...exports, 'exec 9>&-'].join('; ');
  const script = `${prefix}; { ${job.command}\n} </dev/null\n`;
  return `printf '%s' ${shellWord(script)} >&${String(slot)}; exec ${String(slot)}>&-\n`;
}

/** Removes FIFOs of steps that ended, in the background of the launcher. */
export function removeFifosJob(paths: readonly string[]): string {
  return `rm -f -- ${paths.map(shellWord).join(' ')} ${CLOSE_SLOTS} &\n`;
}

/** Lets go of the FIFO of a waiting shell that ended before it was given a step. */
export function releaseSlotJob(slot: number): string {
  return `exec ${String(slot)}>&-\n`;
}

export type LauncherReport =
  | { kind: 'ready' }
  | { kind: 'unable'; why: string }
  | { kind: 'fifos'; batch: number; made: boolean }
  | { kind: 'started'; id: number; pid: number; stat: string }
  | { kind: 'ended'; id: number; status: number }
  | { kind: 'waiting'; id: number }
  | { kind: 'no-folder'; id: number };

/** One line of the launcher's reports; null for anything else (never trusted as a report). */
export function parseLauncherReport(line: string): LauncherReport | null {
  if (line === 'R') return { kind: 'ready' };
  if (line.startsWith('N ')) return { kind: 'unable', why: line.slice(2) };
  const started = /^S (\d+) (\d+) ?(.*)$/.exec(line);
  if (started) return { kind: 'started', id: Number(started[1]), pid: Number(started[2]), stat: started[3] ?? '' };
  const match = /^([PFEXW]) (\d+)(?: (\d+))?$/.exec(line);
  if (!match) return null;
  const [, kind, first, second] = match;
  const number = Number(first);
  if (kind === 'P' || kind === 'F') return { kind: 'fifos', batch: number, made: kind === 'P' };
  if (kind === 'X') return { kind: 'no-folder', id: number };
  if (kind === 'W') return second === undefined ? { kind: 'waiting', id: number } : null;
  return second === undefined ? null : { kind: 'ended', id: number, status: Number(second) };
}
