// Starts local steps from a small long-lived shell instead of from this process. Node forks
// itself for every child (libuv's fork, not posix_spawn) and waits for the child's exec on its
// event loop: the cost grows with this process's memory, about 2–5 ms per step for the engine,
// which is more than a no-op step costs make. `/bin/sh` forks in a fraction of that, on the
// other core, while the engine goes on. Where the launcher cannot run (no `setsid`, Windows, a
// shell of the user's choosing) the local runner spawns each step itself as before.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { constants, mkdtempSync, openSync, unlink } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { LaunchedStep } from './launched-step.js';
import { startTimeOfStat } from './process-identity.js';
import { fifoBatchJob, launcherPreamble, parseLauncherReport, stepJob } from './launcher-script.js';
import type { LauncherReport } from './launcher-script.js';

/** FIFO pairs made at once: one `mkfifo` serves this many steps. */
const FIFO_BATCH = 32;
/** An idle launcher ends after this long (a studio left open keeps no shell around). */
const IDLE_MS = 5000;

interface FifoPair {
  stdout: string;
  stderr: string;
}

interface Job {
  step: LaunchedStep;
  fifos: FifoPair;
  cwd: string;
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
  private readonly fifos: FifoPair[] = [];
  private readonly fifoWaiters: Array<(pair: FifoPair | null) => void> = [];
  private nextId = 1;
  private nextBatch = 1;
  private batchPending = false;
  /** The FIFOs the pending `mkfifo` makes. */
  private pendingNames: FifoPair[] = [];
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
    const reports = createInterface({ input: this.child.stdout });
    reports.on('line', (line) => this.hear(parseLauncherReport(line)));
    reports.on('close', () => this.abandonJobs());
    this.child.stdin.write(launcherPreamble(fifoDir));
  }

  async launch(request: LaunchRequest): Promise<LaunchedStep | null> {
    this.busy();
    const fifos = await this.fifoPair();
    if (fifos === null || !this.alive) return null;
    const id = this.nextId;
    this.nextId += 1;
    // Opened before the step's shell opens them for writing: it waits for a reader, and an
    // early reader of a FIFO no writer has opened yet sees no end (Linux reports a hang-up
    // only after a writer came and went).
    const stream = (path: string) =>
      new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
    const step = new LaunchedStep(stream(fifos.stdout), stream(fifos.stderr));
    this.jobs.set(id, { step, fifos, cwd: request.cwd });
    this.child.stdin.write(stepJob({ id, ...request, stdoutFifo: fifos.stdout, stderrFifo: fifos.stderr }));
    return step;
  }

  /** Stops taking steps; those running still report through their waiters. */
  stop(): void {
    if (!this.alive) return;
    this.alive = false;
    clearTimeout(this.idleTimer);
    this.settleReady(false);
    for (const waiter of this.fifoWaiters.splice(0)) waiter(null);
    if (!this.child.stdin.destroyed) this.child.stdin.end();
  }

  private hear(report: LauncherReport | null): void {
    if (report === null) return;
    if (report.kind === 'ready') this.settleReady(true);
    else if (report.kind === 'unable') this.stop();
    else if (report.kind === 'fifos') this.fifosMade(report.batch, report.made);
    else {
      const job = this.jobs.get(report.id);
      if (job === undefined) return;
      if (report.kind === 'started') job.step.started(report.pid, report.stat ? startTimeOfStat(report.stat) : null);
      else if (report.kind === 'no-folder') job.step.failed(`ENOENT: the step's folder does not exist: ${job.cwd}`);
      else this.ended(report.id, job, report.status);
    }
  }

  private ended(id: number, job: Job, status: number): void {
    this.jobs.delete(id);
    job.step.ended(status);
    // The step's shell opened them long ago; the open descriptors outlive the names.
    for (const path of [job.fifos.stdout, job.fifos.stderr]) unlink(path, () => undefined);
    if (this.jobs.size === 0) this.idle();
  }

  /** The report channel closed: no waiter is left to say how the remaining steps ended. */
  private abandonJobs(): void {
    this.stop();
    for (const job of this.jobs.values()) job.step.lost('the step launcher stopped before the step ended');
    this.jobs.clear();
  }

  private fifoPair(): Promise<FifoPair | null> {
    if (!this.alive) return Promise.resolve(null);
    if (this.fifos.length < FIFO_BATCH / 2) this.makeFifos();
    const pair = this.fifos.shift();
    if (pair !== undefined) return Promise.resolve(pair);
    return new Promise((resolve) => this.fifoWaiters.push(resolve));
  }

  private makeFifos(): void {
    if (this.batchPending) return;
    this.batchPending = true;
    const batch = this.nextBatch;
    this.nextBatch += 1;
    const names = Array.from({ length: FIFO_BATCH }, (_, index) => [`${batch}-${index}.out`, `${batch}-${index}.err`]);
    this.pendingNames = names.map(([stdout, stderr]) => ({
      stdout: join(this.fifoDir, stdout ?? ''),
      stderr: join(this.fifoDir, stderr ?? ''),
    }));
    this.child.stdin.write(fifoBatchJob(this.fifoDir, names.flat(), batch));
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
  }

  /** Steps are running: the launcher keeps this process alive until they end. */
  private busy(): void {
    clearTimeout(this.idleTimer);
    this.child.ref();
    if (this.child.stdout instanceof Socket) this.child.stdout.ref();
  }

  /** Nothing runs: this process may exit without waiting for the launcher, which ends with it. */
  private idle(): void {
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
