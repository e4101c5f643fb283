// Runs a step as a shell command on this machine (local-shell.ts says which shell). On macOS
// and Linux the shell leads a new process group, so a timeout or cancel stops the step's whole
// tree and nothing it started outlives it. A step ends when its shell exits: output that a
// leftover process still holds open is read a moment longer, then let go, so a daemon the
// step started can never keep it running. Where it can, a step is started by the step launcher
// (step-launcher.ts says why), which the runner watches just as a process it spawned itself.
import { spawn } from 'node:child_process';
import type { LaunchedStep, StepProcessHandle } from '../process/launched-step.js';
import { localShell } from '../process/local-shell.js';
import type { LocalShell } from '../process/local-shell.js';
import { StepLauncher } from '../process/step-launcher.js';
import { localNotebookCommand } from '../runner/notebook-command.js';
import { SYSTEM_PROCESSES, processStartTimeAsync } from '../process/process-identity.js';
import type { ProcessHost } from '../process/process-identity.js';
import { STEP_MARKER_VAR, killLeftovers, killMarked, stopProcessTree } from '../process/process-tree.js';
import type { StepProcessRequest, StepProcessResult, StepRunner } from '../runner/step-runner.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export interface LocalRunnerOptions {
  /** How long a stopped step gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Another shell than the platform's (tests). */
  shell?: string;
  /** How long output is still read after the shell exited, twice: before and after ending leftovers. */
  drainMs?: number;
  host?: ProcessHost;
}

type Stop = 'timed-out' | 'cancelled';

export class LocalRunner implements StepRunner {
  private readonly killGraceMs: number;
  private readonly drainMs: number;
  private readonly host: ProcessHost;
  private readonly shell: string | undefined;
  /** The user's environment, read once (copying process.env for every step is slow); PW_* left out. */
  private readonly userEnv: Record<string, string>;
  /** Null where steps are spawned one by one: Windows, or a shell of the caller's choosing. */
  private readonly launcher: StepLauncher | null;

  constructor(options: LocalRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? 3000;
    this.drainMs = options.drainMs ?? 250;
    this.host = options.host ?? SYSTEM_PROCESSES;
    this.shell = options.shell;
    this.userEnv = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('PW_'),
      ),
    );
    const native = this.host.platform === process.platform;
    this.launcher =
      options.shell === undefined && native && process.platform !== 'win32' ? new StepLauncher(this.userEnv) : null;
  }

  identity(): string {
    return 'local';
  }

  /** A local step leaves nothing to finish once it has ended. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  async execute(request: StepProcessRequest): Promise<StepProcessResult> {
    if (request.signal.aborted) return { outcome: 'cancelled', exitCode: null, signal: null, error: null };
    const command = request.notebook ? localNotebookCommand(this.host.platform, request.notebook) : request.command;
    const env = { ...request.env, [STEP_MARKER_VAR]: request.marker };
    let child: StepProcessHandle;
    try {
      child =
        (await this.launch(request.cwd, env, command)) ??
        this.spawnStep(localShell(this.host.platform, process.env, this.shell), command, request.cwd, env);
    } catch (error) {
      return { outcome: 'failed-to-start', exitCode: null, signal: null, error: errorMessage(error) };
    }
    return this.watch(child, request);
  }

  private launch(cwd: string, env: Record<string, string>, command: string): Promise<LaunchedStep | null> {
    return this.launcher === null ? Promise.resolve(null) : this.launcher.launch({ cwd, env, command });
  }

  private spawnStep(shell: LocalShell, command: string, cwd: string, env: Record<string, string>): StepProcessHandle {
    return spawn(shell.file, shell.args(command), {
      cwd,
      env: { ...this.userEnv, ...env },
      detached: shell.processGroup,
      windowsHide: true,
      windowsVerbatimArguments: shell.verbatimArguments,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  private watch(child: StepProcessHandle, request: StepProcessRequest): Promise<StepProcessResult> {
    return new Promise((resolve) => {
      let stopping: Stop | null = null;
      let exited: { code: number | null; signal: string | null } | null = null;
      let settled = false;
      let drain: NodeJS.Timeout | undefined;
      // The start is reported once its time is known; the result never comes before it.
      let started: Promise<void> = Promise.resolve();
      const finish = (result: StepProcessResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(drain);
        request.signal.removeEventListener('abort', onAbort);
        void started.then(() => resolve(result));
      };
      const finishExited = () => {
        const status = exited ?? { code: child.exitCode, signal: child.signalCode };
        finish({
          outcome: stopping ?? 'exited',
          exitCode: status.code,
          signal: status.signal,
          error: child.lostReason ?? null,
        });
      };
      const stop = (reason: Stop) => {
        if (stopping || exited) return;
        stopping = reason;
        // A launched step's pid comes a moment after it was asked for: it is stopped on arrival.
        if (child.pid !== undefined) this.stopTree(child.pid, request.marker);
      };
      const onAbort = () => stop('cancelled');
      const timer = request.timeoutMs === null ? undefined : setTimeout(() => stop('timed-out'), request.timeoutMs);
      request.signal.addEventListener('abort', onAbort, { once: true });
      // Asked to stop while the launcher was starting it.
      if (request.signal.aborted) onAbort();

      child.stdout?.on('data', (chunk: Buffer) => request.onOutput('stdout', chunk));
      child.stderr?.on('data', (chunk: Buffer) => request.onOutput('stderr', chunk));
      child.on('spawn', () => {
        const pid = child.pid;
        if (pid === undefined) return;
        if (stopping) this.stopTree(pid, request.marker);
        // onStart must not throw (the engine's records a refused write as a fault of the run).
        const told = child.startTime;
        started = (told ? Promise.resolve(told) : processStartTimeAsync(pid, this.host))
          .catch(() => null)
          .then((time) => request.onStart({ pid, started: time }))
          .catch(() => undefined);
      });
      child.on('error', (error) => {
        // After a start, an error is about a signal or a stream; the exit still comes.
        if (child.pid === undefined)
          finish({ outcome: 'failed-to-start', exitCode: null, signal: null, error: error.message });
      });
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        if (child.pid !== undefined) killLeftovers(child.pid, this.host.platform);
        // Output still open now is held by processes that left the step's group (a daemon):
        // end those that carry the step's marker, then stop reading: the step is over.
        drain = setTimeout(() => {
          killMarked(request.marker);
          drain = setTimeout(() => {
            child.stdout?.destroy();
            child.stderr?.destroy();
            finishExited();
          }, this.drainMs);
        }, this.drainMs);
      });
      child.on('close', finishExited);
    });
  }

  private stopTree(pid: number, marker: string): void {
    void stopProcessTree(pid, marker, this.killGraceMs, this.host.platform);
  }
}
