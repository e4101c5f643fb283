// Starts local steps from a small long-lived shell instead of from this process. Node forks
// itself for every child (libuv's fork, not posix_spawn) and waits for the child's exec on its
// event loop: the cost grows with this process's memory, about 2–5 ms per step for the engine,
// which is more than a no-op step costs make. `/bin/sh` forks in a fraction of that, on the
// other core, while the engine goes on. Where the launcher cannot run (no `setsid`, Windows, a
// shell of the user's choosing) the local runner spawns each step itself as before.
//
// The launcher keeps a shell waiting for each step that runs (one at least): started in its own
// session while the steps before run, it waits on a FIFO for the rest of its script. A step given
// a waiting shell skips two forks and setsid's exec on its way to its command, about a
// millisecond on every step of a chain of steps.
// Over 300 lines because the shell's jobs, its waiting shells and its FIFOs share one report
// channel and one lifetime: each report may end a step, free a slot or hand out FIFOs.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { constants, mkdtempSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { LaunchedStep } from './launched-step.js';
import { startTimeOfStat } from './process-identity.js';
import { onReportLines } from './report-lines.js';
import {
  WAITING_SHELL_SLOTS,
  fifoBatchJob,
  launcherPreamble,
  parseLauncherReport,
  releaseSlotJob,
  removeFifosJob,
  stepJob,
  waitingShellCanStart,
  waitingShellJob,
  waitingShellStep,
} from './launcher-script.js';
import type { LauncherReport } from './launcher-script.js';

/** FIFO sets made at once: one `mkfifo` serves this many steps. */
const FIFO_BATCH = 32;
/** An idle launcher ends after this long (a studio left open keeps no shell around). */
const IDLE_MS = 5000;

/** A step's FIFOs: its output and error streams, and the script of the shell that waits for it. */
interface StepFifos {
  stdout: string;
  stderr: string;
  script: string;
}

interface Job {
  step: LaunchedStep;
  fifos: StepFifos;
  cwd: string;
}

/** A shell started ahead, holding its FIFO set; `slot` is the launcher's descriptor of its script FIFO. */
interface WaitingShell {
  id: number;
  slot: number;
  fifos: StepFifos;
  /** It said it holds its FIFO: it may be given a step. */
  ready: boolean;
  /** A launch took it and is about to give it its step. */
  claimed: boolean;
  /** It ended before it was given a step. */
  gone: boolean;
}

export interface LaunchRequest {
  cwd: string;
  env: Readonly<Record<string, string>>;
  command: string;
}

type Launcher = ChildProcessByStdio<Writable, Readable, null>;

class LauncherProcess {
  private readonly child: Launcher;
  private readonly jobs = new Map<number, Job>();
  private readonly waiting = new Map<number, WaitingShell>();
  /** Launches waiting for a shell that is starting: each takes the next to say it is ready. */
  private readonly shellWaiters: Array<(shell: WaitingShell | undefined) => void> = [];
  /** Launches under way: they may be waiting for the launcher to make FIFOs. */
  private launching = 0;
  private readonly freeSlots = [...WAITING_SHELL_SLOTS];
  private readonly fifos: StepFifos[] = [];
  /** FIFOs of steps that ended, for the launcher to remove. */
  private readonly spentFifos: string[] = [];
  private readonly fifoWaiters: Array<(set: StepFifos | null) => void> = [];
  private nextId = 1;
  private nextBatch = 1;
  private batchPending = false;
  /** The FIFOs the pending `mkfifo` makes. */
  private pendingNames: StepFifos[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private settleReady: (ready: boolean) => void = () => undefined;
  /** Resolves true once the shell said it can start steps; false if it cannot or died. */
  readonly ready: Promise<boolean>;
  alive = true;

  constructor(
    private readonly fifoDir: string,
    env: Readonly<Record<string, string>>,
  ) {
    this.ready = new Promise((resolve) => (this.settleReady = resolve));
    // Its own session: a Ctrl-C meant for the CLI does not stop it under running steps.
    this.child = spawn('/bin/sh', ['-s'], { env, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    this.child.on('error', () => this.stop());
    this.child.on('exit', () => this.stop());
    this.child.stdin.on('error', () => this.stop());
    // Every waiter holds the report channel: it ends when the last of them is gone.
    onReportLines(
      this.child.stdout,
      (line) => this.hear(parseLauncherReport(line)),
      () => this.abandonJobs(),
    );
    this.send(launcherPreamble(fifoDir));
  }

  async launch(request: LaunchRequest): Promise<LaunchedStep | null> {
    this.busy();
    // A launch waiting for its FIFOs holds this process alive, even when no step runs meanwhile.
    this.launching += 1;
    try {
      return await this.start(request);
    } finally {
      this.launching -= 1;
      if (this.jobs.size === 0 && this.launching === 0) this.idle();
    }
  }

  private async start(request: LaunchRequest): Promise<LaunchedStep | null> {
    const taken = waitingShellCanStart(request.env) ? await this.takeShell() : undefined;
    const shell = taken?.gone ? undefined : taken;
    const fifos = shell?.fifos ?? (await this.fifoSet());
    if (fifos === null || !this.alive) return null;
    const id = shell?.id ?? this.takeId();
    // Opened before the step's script is sent, so the step's output has a reader from its first
    // byte. The shell's own opens are read-write and never wait for this one; a reader that came
    // before any writer would see no end (Linux reports a hang-up only after a writer came and
    // went), and every step's shell holds its FIFOs until the step ends.
    const stream = (path: string) =>
      new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
    const step = new LaunchedStep(stream(fifos.stdout), stream(fifos.stderr));
    this.jobs.set(id, { step, fifos, cwd: request.cwd });
    const job = { id, ...request, stdoutFifo: fifos.stdout, stderrFifo: fifos.stderr };
    if (shell === undefined) this.send(stepJob(job));
    else {
      this.waiting.delete(id);
      this.send(waitingShellStep(job, shell.slot));
      this.freeSlots.push(shell.slot);
    }
    this.keepShellsWaiting();
    return step;
  }

  /** Stops taking steps; those running still report through their waiters. Waiting shells end with the launcher. */
  stop(): void {
    if (!this.alive) return;
    this.alive = false;
    clearTimeout(this.idleTimer);
    this.settleReady(false);
    this.waiting.clear();
    for (const waiter of this.shellWaiters.splice(0)) waiter(undefined);
    for (const waiter of this.fifoWaiters.splice(0)) waiter(null);
    if (!this.child.stdin.destroyed) this.child.stdin.end();
  }

  private takeId(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  /**
   * A waiting shell that is ready; else, while one is starting that no other launch waits for,
   * that one once it is ready: it began before a cold start could, so it is ready sooner (two
   * steps that start together, as a layer of a pipeline begins, would otherwise start one cold).
   */
  private takeShell(): Promise<WaitingShell | undefined> {
    for (const shell of this.waiting.values()) {
      if (shell.ready && !shell.claimed) {
        shell.claimed = true;
        return Promise.resolve(shell);
      }
    }
    if (this.startingShells() <= this.shellWaiters.length) return Promise.resolve(undefined);
    return new Promise((resolve) => this.shellWaiters.push(resolve));
  }

  private startingShells(): number {
    let starting = 0;
    for (const shell of this.waiting.values()) if (!shell.ready) starting += 1;
    return starting;
  }

  /** One shell waits for each step that runs, and one at least, as far as the slots go. */
  private keepShellsWaiting(): void {
    const wanted = Math.max(1, this.jobs.size);
    while (this.alive && this.waiting.size < wanted) {
      const slot = this.freeSlots.shift();
      if (slot === undefined) return;
      if (this.fifos.length < FIFO_BATCH / 2) this.makeFifos();
      const fifos = this.fifos.shift();
      if (fifos === undefined) {
        this.freeSlots.unshift(slot);
        return;
      }
      const id = this.takeId();
      this.waiting.set(id, { id, slot, fifos, ready: false, claimed: false, gone: false });
      this.send(waitingShellJob(id, slot, fifos));
    }
  }

  private hear(report: LauncherReport | null): void {
    if (report === null) return;
    if (report.kind === 'ready') this.settleReady(true);
    else if (report.kind === 'unable') this.stop();
    else if (report.kind === 'fifos') this.fifosMade(report.batch, report.made);
    else if (report.kind === 'waiting') {
      const shell = this.waiting.get(report.id);
      if (shell === undefined) return;
      shell.ready = true;
      const waiter = this.shellWaiters.shift();
      if (waiter === undefined) return;
      shell.claimed = true;
      waiter(shell);
    } else {
      const job = this.jobs.get(report.id);
      if (job === undefined) {
        if (report.kind === 'ended') this.shellEnded(report.id);
        return;
      }
      if (report.kind === 'started') job.step.started(report.pid, report.stat ? startTimeOfStat(report.stat) : null);
      else if (report.kind === 'no-folder') job.step.failed(`ENOENT: the step's folder does not exist: ${job.cwd}`);
      else this.ended(report.id, job, report.status);
    }
  }

  private ended(id: number, job: Job, status: number): void {
    this.jobs.delete(id);
    job.step.ended(status);
    this.unlinkFifos(job.fifos);
    if (this.jobs.size === 0 && this.launching === 0) this.idle();
  }

  /** A waiting shell ended before it was given a step (killed, or it could not start): its slot is free again. */
  private shellEnded(id: number): void {
    const shell = this.waiting.get(id);
    if (shell === undefined) return;
    this.waiting.delete(id);
    shell.gone = true;
    // A launch waiting for a shell that will now never be ready starts its step cold.
    while (this.shellWaiters.length > this.startingShells()) this.shellWaiters.pop()?.(undefined);
    this.unlinkFifos(shell.fifos);
    if (!this.alive) return;
    this.send(releaseSlotJob(shell.slot));
    this.freeSlots.push(shell.slot);
  }

  /**
   * Their shells opened them long ago; the open descriptors outlive the names. The launcher
   * removes them a batch at a time, or when it is idle: an unlink from this process costs two
   * wake-ups of a thread each, on the engine's own critical path.
   */
  private unlinkFifos(fifos: StepFifos): void {
    this.spentFifos.push(fifos.stdout, fifos.stderr, fifos.script);
    if (this.spentFifos.length >= FIFO_BATCH * 3) this.removeSpentFifos();
  }

  private removeSpentFifos(): void {
    if (this.spentFifos.length === 0 || !this.alive) return;
    this.send(removeFifosJob(this.spentFifos.splice(0)));
  }

  /** Writes to the launcher: what one turn of the engine says goes in one write, one wake-up of the shell. */
  private send(text: string): void {
    const { stdin } = this.child;
    if (stdin.writableCorked === 0) {
      stdin.cork();
      process.nextTick(() => stdin.uncork());
    }
    stdin.write(text);
  }

  /** The report channel closed: no waiter is left to say how the remaining steps ended. */
  private abandonJobs(): void {
    this.stop();
    for (const job of this.jobs.values()) job.step.lost('the step launcher stopped before the step ended');
    this.jobs.clear();
  }

  private fifoSet(): Promise<StepFifos | null> {
    if (!this.alive) return Promise.resolve(null);
    if (this.fifos.length < FIFO_BATCH / 2) this.makeFifos();
    const set = this.fifos.shift();
    if (set !== undefined) return Promise.resolve(set);
    return new Promise((resolve) => this.fifoWaiters.push(resolve));
  }

  private makeFifos(): void {
    if (this.batchPending) return;
    this.batchPending = true;
    const batch = this.nextBatch;
    this.nextBatch += 1;
    const names = Array.from({ length: FIFO_BATCH }, (_, index) =>
      ['out', 'err', 'sh'].map((kind) => `${String(batch)}-${String(index)}.${kind}`),
    );
    this.pendingNames = names.map(([stdout, stderr, script]) => ({
      stdout: join(this.fifoDir, stdout ?? ''),
      stderr: join(this.fifoDir, stderr ?? ''),
      script: join(this.fifoDir, script ?? ''),
    }));
    this.send(fifoBatchJob(this.fifoDir, names.flat(), batch));
  }

  private fifosMade(batch: number, made: boolean): void {
    if (batch !== this.nextBatch - 1) return;
    this.batchPending = false;
    if (!made) {
      this.stop();
      return;
    }
    this.fifos.push(...this.pendingNames.splice(0));
    while (this.fifoWaiters.length > 0 && this.fifos.length > 0) this.fifoWaiters.shift()?.(this.fifos.shift() ?? null);
    if (this.fifoWaiters.length > 0) this.makeFifos();
    else if (this.jobs.size > 0) this.keepShellsWaiting();
  }

  /** Steps are running: the launcher keeps this process alive until they end. */
  private busy(): void {
    clearTimeout(this.idleTimer);
    this.child.ref();
    if (this.child.stdout instanceof Socket) this.child.stdout.ref();
  }

  /** Nothing runs: this process may exit without waiting for the launcher, which ends with it. */
  private idle(): void {
    clearTimeout(this.idleTimer);
    this.removeSpentFifos();
    this.child.unref();
    if (this.child.stdout instanceof Socket) this.child.stdout.unref();
    this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
    this.idleTimer.unref();
  }
}

/** A launcher started on first use and again after it ended; null once it proved unable. */
export class StepLauncher {
  private current: LauncherProcess | null = null;
  private unable = false;

  constructor(private readonly env: Readonly<Record<string, string>>) {}

  /** Starts the step, or null: the launcher cannot run here and the caller spawns it itself. */
  async launch(request: LaunchRequest): Promise<LaunchedStep | null> {
    if (this.unable) return null;
    if (this.current === null || !this.current.alive)
      this.current = new LauncherProcess(mkdtempSync(join(tmpdir(), 'pipewright-launcher-')), this.env);
    const launcher = this.current;
    if (!(await launcher.ready)) {
      // Never ready: no /bin/sh or no setsid. A launcher that worked and then ended is replaced.
      if (launcher === this.current) this.unable = true;
      return null;
    }
    return launcher.launch(request);
  }
}
