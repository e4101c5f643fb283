// Runs a step as `sh -c COMMAND` on this machine. The shell leads a new process group, so a
// timeout or cancel stops the step's whole tree and nothing it started outlives it.
import { spawn } from 'node:child_process';
import { STEP_MARKER_VAR, killLeftovers, stopProcessTree } from '../process/process-tree.js';
import type { StepProcessRequest, StepProcessResult, StepRunner } from './step-runner.js';

export interface LocalRunnerOptions {
  /** How long a stopped step gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  shell?: string;
}

export class LocalRunner implements StepRunner {
  private readonly killGraceMs: number;
  private readonly shell: string;
  /** The user's environment, read once (copying process.env for every step is slow); PW_* left out. */
  private readonly userEnv: Record<string, string>;

  constructor(options: LocalRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? 3000;
    this.shell = options.shell ?? '/bin/sh';
    this.userEnv = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('PW_')));
  }

  identity(): string {
    return 'local';
  }

  execute(request: StepProcessRequest): Promise<StepProcessResult> {
    return new Promise((resolve) => {
      if (request.signal.aborted) {
        resolve({ outcome: 'cancelled', exitCode: null, signal: null, error: null });
        return;
      }
      const child = spawn(this.shell, ['-c', request.command], {
        cwd: request.cwd,
        env: { ...this.userEnv, ...request.env, [STEP_MARKER_VAR]: request.marker },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stopping: 'timed-out' | 'cancelled' | null = null;
      let exited: { code: number | null; signal: string | null } | null = null;
      let settled = false;
      const finish = (result: StepProcessResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const stop = (reason: 'timed-out' | 'cancelled') => {
        if (stopping || exited) return;
        stopping = reason;
        void stopProcessTree(child.pid ?? null, request.marker, this.killGraceMs);
      };
      const onAbort = () => stop('cancelled');
      const timer = request.timeoutMs === null ? undefined : setTimeout(() => stop('timed-out'), request.timeoutMs);
      request.signal.addEventListener('abort', onAbort, { once: true });

      child.stdout.on('data', (chunk: Buffer) => request.onOutput('stdout', chunk));
      child.stderr.on('data', (chunk: Buffer) => request.onOutput('stderr', chunk));
      child.on('spawn', () => request.onStart(child.pid ?? null));
      child.on('error', (error) => {
        finish({ outcome: 'failed-to-start', exitCode: null, signal: null, error: error.message });
      });
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        // Background processes the step left behind would hold its output open forever.
        if (child.pid !== undefined) killLeftovers(child.pid);
      });
      child.on('close', () => {
        const status = exited ?? { code: child.exitCode, signal: child.signalCode };
        finish({ outcome: stopping ?? 'exited', exitCode: status.code, signal: status.signal, error: null });
      });
    });
  }
}
