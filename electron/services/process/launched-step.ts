// A step started by the step launcher, seen as the local runner sees a child process: `spawn`
// with its pid, `data` on stdout and stderr, `exit` with its code or signal, `close` once its
// output has ended too, and `error` when it could not start. Its output comes through two
// FIFOs the engine opened before the step's shell did, so they end exactly when every process
// holding them (the step and anything it left behind) has closed them, as pipes do.
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';

/** What the local runner needs of a running step, whether it spawned it or the launcher did. */
export interface StepProcessHandle extends EventEmitter {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: string | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Its start time as process-identity.ts reads it, when it was told with the pid. */
  readonly startTime?: string | null;
  /** Why its end is unknown (what ran it went away), for the run record. */
  readonly lostReason?: string | null;
}

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/**
 * A shell reports a step killed by signal N as status 128+N; it cannot tell that from a step
 * that exited with that number itself, so 129–159 read as a signal (as shells and make do).
 * NaN: the end is not known.
 */
export function exitOfStatus(status: number): { code: number | null; signal: string | null } {
  if (Number.isNaN(status)) return { code: null, signal: null };
  const signal = status > 128 ? SIGNAL_NAMES.get(status - 128) : undefined;
  return signal === undefined ? { code: status, signal: null } : { code: null, signal };
}

export class LaunchedStep extends EventEmitter implements StepProcessHandle {
  pid: number | undefined = undefined;
  exitCode: number | null = null;
  signalCode: string | null = null;
  lostReason: string | null = null;
  startTime: string | null = null;
  private exited = false;
  private neverRan = false;
  private openStreams = 2;

  constructor(
    readonly stdout: Socket,
    readonly stderr: Socket,
  ) {
    super();
    for (const stream of [stdout, stderr])
      stream.once('close', () => {
        this.openStreams -= 1;
        this.closeWhenDone();
      });
  }

  started(pid: number, startTime: string | null): void {
    this.pid = pid;
    this.startTime = startTime;
    this.emit('spawn');
  }

  ended(status: number): void {
    if (this.exited) return;
    const { code, signal } = exitOfStatus(status);
    this.exited = true;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
    this.closeWhenDone();
  }

  /** Its end cannot be known any more: what waited for it went away. */
  lost(reason: string): void {
    if (this.exited) return;
    this.lostReason = reason;
    if (this.pid === undefined) this.failed(reason);
    else this.ended(Number.NaN);
  }

  /** It never ran: its folder was missing, or the launcher went away before starting it. */
  failed(message: string): void {
    if (this.exited) return;
    this.exited = true;
    this.neverRan = true;
    this.stdout.destroy();
    this.stderr.destroy();
    this.emit('error', new Error(message));
  }

  private closeWhenDone(): void {
    if (this.exited && !this.neverRan && this.openStreams === 0) this.emit('close');
  }
}
