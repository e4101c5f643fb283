// Runs a step in a container of its own, through the Docker API: the workspace read-only, the
// step's declared outputs writable, the environment's data volumes, no capabilities, no new
// privileges, no network unless asked, memory and process limits, a read-only root with a
// writable /tmp, the host user (never root), and never the Docker socket.
// Over 300 lines because one container's life (create, attach, start, wait, stop, hand outputs over)
// shares its cancellation and clean-up; mounts, failures, names, transfers and hand-over live beside it.
import { existsSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { parseSizeBytes } from '../../../shared/pipeline/sizes.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type {
  StepLaunch,
  StepProcessRequest,
  StepProcessResult,
  StepRunner,
  TransferProgressEvent,
} from '../runner/step-runner.js';
import { UnsafePathError } from '../files/contained-path.js';
import { NOTEBOOK_RUNNER_SCRIPT, notebookRunnerFolder } from '../runner/notebook-command.js';
import { LABEL, labels, networkName, volumeName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { containerUser } from './container-user.js';
import { OutputTail } from '../runner/output-tail.js';
import { describeStartError, diagnoseExit, engineMessage } from './container-failures.js';
import { engineHeartbeat } from './engine-heartbeat.js';
import { handOutputsBack, handOutputsOver } from './output-hand-over.js';
import { stepStop } from './step-stop.js';
import {
  CONTAINER_PARAMS_FILE,
  CONTAINER_WORKSPACE,
  bindMounts,
  existingWritableMounts,
  writableMounts,
} from './step-mounts.js';
import { MadeAheadContainers } from './made-ahead-containers.js';
import type { StepMounts, WritableMount } from './step-mounts.js';
import { copiesFiles, engineName } from './docker-hosts.js';
import { OutputRefusedError } from './output-unpack.js';
import { CONTAINER_NOTEBOOK_RUNNER, StepTransfer } from './step-transfer.js';
import { describeTransfer } from './transfer-progress.js';
import type { StepStop, StopReason } from './step-stop.js';
import { errorMessage } from '../../../shared/text/error-message.js';

const DEFAULT_MEMORY = '2g';
const DEFAULT_PIDS = 1024;

export interface DockerRunnerOptions {
  docker: Docker;
  ref: EnvironmentRef;
  spec: EnvironmentSpec;
  /** The image's id (sha256:...): what steps run, and part of their cache key. */
  imageId: string;
  stopGraceSeconds?: number;
}

export class DockerRunner implements StepRunner {
  private readonly user = containerUser();
  /** Removals of ended steps' containers: off the next step's way, awaited by settled(). */
  private readonly removals = new Set<Promise<void>>();
  private readonly ahead: MadeAheadContainers;

  constructor(private readonly options: DockerRunnerOptions) {
    // As for any step's container, a removal the engine does not answer does not hold the run:
    // the next start removes what is left.
    this.ahead = new MadeAheadContainers(options.docker, (creating) =>
      this.track(
        Promise.race([
          creating.then((container) => container.remove({ force: true })).catch(() => undefined),
          sleep(REMOVE_WAIT_MS),
        ]),
      ),
    );
  }

  async settled(): Promise<void> {
    this.ahead.forgetAll();
    while (this.removals.size > 0) await Promise.all(this.removals);
  }

  /**
   * Creates the step's container while the step before it runs, where the container would
   * mount this machine's files as they are now; the attempt re-checks its mounts and takes it.
   */
  makeAhead(launch: StepLaunch): void {
    if (copiesFiles(this.options.spec)) return;
    const writable = existingWritableMounts(launch.cwd, launch.outputs);
    if (writable === null) return;
    this.ahead.make(launch.marker, this.containerOptions(launch, bindMounts(launch, writable, this.options.spec)));
  }

  forget(marker: string): void {
    this.ahead.forget(marker);
  }

  /** Work on ended steps' containers that the run waits for at its end (settled), not before. */
  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.removals.delete(tracked));
    this.removals.add(tracked);
  }

  identity(): string {
    const { ref, spec, imageId } = this.options;
    // A branch's copy of an environment holds other data than the environment: cached apart.
    const copy = ref.branch === undefined ? '' : `:${ref.environment}`;
    return `docker:${imageId}:${spec.network ?? 'none'}:${JSON.stringify(spec.resources ?? {})}:${JSON.stringify(spec.data ?? [])}${copy}`;
  }

  /** What a run records of where its steps ran: the environment (`NAME~BRANCH` for a branch's copy) and the image. */
  get image(): { environment: string; id: string } {
    return { environment: this.options.ref.environment, id: this.options.imageId };
  }

  private containerOptions(request: StepLaunch, stepMounts: StepMounts): Docker.ContainerCreateOptions {
    const { ref, spec, imageId } = this.options;
    const network =
      spec.services && Object.keys(spec.services).length > 0
        ? networkName(ref)
        : spec.network === 'bridge'
          ? 'bridge'
          : 'none';
    const env = {
      ...request.env,
      PW_WORKSPACE: CONTAINER_WORKSPACE,
      PW_PARAMS_FILE: stepMounts.paramsFile,
      HOME: '/tmp',
      PYTHONDONTWRITEBYTECODE: '1',
    };
    const dataMounts = (spec.data ?? []).flatMap((data, index) =>
      data.mode === 'copy' || data.mode === 'sample'
        ? [
            {
              Type: 'volume' as const,
              Source: volumeName(ref, index),
              Target: `${CONTAINER_WORKSPACE}/${data.source}`,
              ReadOnly: true,
            },
          ]
        : [],
    );
    return {
      Image: imageId,
      // A notebook step runs the notebook runner directly: no shell reads its paths.
      Cmd: request.notebook
        ? ['python3', `${CONTAINER_NOTEBOOK_RUNNER}/${NOTEBOOK_RUNNER_SCRIPT}`, request.notebook.output]
        : ['sh', '-c', request.command],
      WorkingDir: CONTAINER_WORKSPACE,
      User: `${this.user.uid}:${this.user.gid}`,
      Env: Object.entries(env).map(([name, value]) => `${name}=${value}`),
      Labels: labels(ref, 'step', {
        [LABEL.pipeline]: request.owner.pipeline,
        [LABEL.run]: request.owner.run,
        [LABEL.step]: request.owner.step,
        [LABEL.attempt]: request.owner.attempt,
      }),
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: {
        Mounts: [...stepMounts.mounts, ...dataMounts],
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=512m' },
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges:true'],
        NetworkMode: network,
        Memory: parseSizeBytes(spec.resources?.memory ?? DEFAULT_MEMORY),
        PidsLimit: spec.resources?.pids ?? DEFAULT_PIDS,
        ...(spec.resources?.cpus !== undefined ? { NanoCpus: Math.round(spec.resources.cpus * 1e9) } : {}),
        Init: true,
      },
    };
  }

  async execute(request: StepProcessRequest): Promise<StepProcessResult> {
    if (request.signal.aborted) return { outcome: 'cancelled', exitCode: null, signal: null, error: null };
    if (copiesFiles(this.options.spec)) return this.executeCopying(request);
    if (process.getuid?.() === 0 && (statSync(request.cwd).mode & 0o005) !== 0o005) {
      return failedToStart(
        `the workspace folder is not readable by other users: as root, Pipewright runs step containers as "nobody" (uid ${this.user.uid}); chmod o+rx ${request.cwd}`,
      );
    }
    // The timeout counts from here: creating, attaching and starting are part of the step's time.
    const stop = stepStop(request.signal, request.timeoutMs);
    let writable: WritableMount[] = [];
    try {
      try {
        writable = writableMounts(request.cwd, request.outputs);
        handOutputsOver(
          writable.map((mount) => mount.host),
          this.user,
        );
      } catch (error) {
        return failedToStart(
          error instanceof UnsafePathError
            ? error.message
            : `preparing the step's outputs failed: ${errorMessage(error)}`,
        );
      }
      return await this.runContainer(request, bindMounts(request, writable, this.options.spec), stop);
    } finally {
      stop.dispose();
      handOutputsBack(writable.map((mount) => mount.host));
      for (const mount of writable) {
        if (mount.placeholder && existsSync(mount.host) && statSync(mount.host).size === 0) rmSync(mount.host);
      }
    }
  }

  /**
   * A step whose engine cannot see this machine (docker_host, transfer: copy): its inputs are
   * copied into volumes of its own, and its outputs back once it succeeded. Copying counts in
   * the step's time and stops with it.
   */
  private async executeCopying(request: StepProcessRequest): Promise<StepProcessResult> {
    const { docker, ref, imageId, spec } = this.options;
    const stop = stepStop(request.signal, request.timeoutMs);
    const report = (progress: TransferProgressEvent) => {
      request.onOutput('stderr', Buffer.from(describeTransfer(progress, engineName(spec))));
      request.onTransfer?.(progress);
    };
    const transfer = new StepTransfer({
      docker,
      ref,
      imageId,
      user: this.user,
      files: {
        ...request,
        root: request.cwd,
        notebookRunner: request.notebook ? join(notebookRunnerFolder(), NOTEBOOK_RUNNER_SCRIPT) : null,
      },
      report,
    });
    const copy = async (direction: 'in' | 'out'): Promise<StepProcessResult | null> => {
      const copied = await phase(direction === 'in' ? transfer.copyIn() : transfer.copyOut(), stop).catch(
        (error: unknown): { failed: unknown } => ({ failed: error }),
      );
      if ('stopped' in copied) return { outcome: copied.stopped, exitCode: null, signal: null, error: null };
      if (!('failed' in copied)) return null;
      const message =
        copied.failed instanceof OutputRefusedError || copied.failed instanceof UnsafePathError
          ? copied.failed.message
          : engineMessage(copied.failed);
      return {
        outcome: 'transfer-failed',
        exitCode: null,
        signal: null,
        error: `copying the step's ${direction === 'in' ? 'inputs to' : 'outputs back from'} ${engineName(spec)} failed: ${message}`,
      };
    };
    try {
      const copiedIn = await copy('in');
      if (copiedIn) return copiedIn;
      const result = await this.runContainer(
        request,
        { mounts: transfer.mounts(), paramsFile: CONTAINER_PARAMS_FILE },
        stop,
      );
      if (result.outcome !== 'exited' || result.exitCode !== 0) return result;
      return (await copy('out')) ?? result;
    } finally {
      stop.dispose();
      await transfer.close();
    }
  }

  /** How messages name the image steps run in. */
  private imageName(): string {
    const { spec, ref } = this.options;
    if (spec.image) return `image ${spec.image}`;
    if (spec.build) return `the image built from ${typeof spec.build === 'string' ? spec.build : spec.build.context}`;
    return `the image of environment ${ref.environment}`;
  }

  /**
   * Create, attach, start, wait, remove: each phase races the step's stop (cancel, timeout)
   * and the engine's heartbeat, so none of them can hold the step once it should end.
   */
  private async runContainer(
    request: StepProcessRequest,
    stepMounts: StepMounts,
    stop: StepStop,
  ): Promise<StepProcessResult> {
    const { docker, spec } = this.options;
    const context = { image: this.imageName(), workspace: CONTAINER_WORKSPACE };
    const stopped = (reason: StopReason): StepProcessResult => ({
      outcome: reason,
      exitCode: null,
      signal: null,
      error: null,
    });
    const options = this.containerOptions(request, stepMounts);
    const creating = this.ahead.take(request.marker, options) ?? docker.createContainer(options);
    let created: Phase<Docker.Container>;
    try {
      created = await phase(creating, stop);
    } catch (error) {
      return failedToStart(describeStartError(error, context));
    }
    if ('stopped' in created) {
      // The engine may still create it: remove it whenever it does.
      void creating.then((container) => container.remove({ force: true })).catch(() => undefined);
      return stopped(created.stopped);
    }
    const container = created.done;
    const heartbeat = engineHeartbeat(docker);
    const tail = new OutputTail();
    try {
      if (spec.network === 'bridge' && spec.services && Object.keys(spec.services).length > 0) {
        const connected = await phase(docker.getNetwork('bridge').connect({ Container: container.id }), stop).catch(
          (error: unknown): { failed: unknown } => ({ failed: error }),
        );
        if ('failed' in connected) return failedToStart(describeStartError(connected.failed, context));
        if ('stopped' in connected) return stopped(connected.stopped);
      }
      const attached = await phase(
        Promise.race([container.attach({ stream: true, stdout: true, stderr: true }), heartbeat.lost]),
        stop,
      );
      if ('stopped' in attached) return stopped(attached.stopped);
      const stream = attached.done;
      const forward = (name: 'stdout' | 'stderr') =>
        new PassThrough().on('data', (chunk: Buffer) => {
          tail.add(chunk);
          request.onOutput(name, chunk);
        });
      docker.modem.demuxStream(stream, forward('stdout'), forward('stderr'));
      const ended = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      const started = await phase(Promise.race([container.start(), heartbeat.lost]), stop).catch(
        async (error: unknown): Promise<{ failed: string } | { lost: unknown }> => {
          // A refused start is the step's problem (a mount, the image); a silent engine is lost.
          const answering = await docker.ping().then(
            () => true,
            () => false,
          );
          return answering ? { failed: describeStartError(error, context) } : { lost: error };
        },
      );
      if ('failed' in started) return failedToStart(started.failed);
      if ('lost' in started) return lost(started.lost);
      if ('stopped' in started) return stopped(started.stopped);
      request.onStart(null);
      // cast: dockerode types wait() as Promise<any>; the engine's answer to a wait is { StatusCode }
      const waiting = container.wait() as Promise<{ StatusCode: number }>;
      const waited = await phase(Promise.race([waiting, heartbeat.lost]), stop);
      if ('stopped' in waited) {
        // Stop gives the step its grace to end; the removal that follows ends it regardless.
        const grace = this.options.stopGraceSeconds ?? 3;
        await Promise.race([
          container.stop({ t: grace }).catch(() => undefined),
          heartbeat.lost.catch(() => undefined),
          sleep((grace + 5) * 1000),
        ]);
        return stopped(waited.stopped);
      }
      await Promise.race([ended, sleep(2000)]);
      const exitCode = waited.done.StatusCode;
      const killed = exitCode === 128 + 9 || exitCode === 128 + 15 ? await this.whoKilled(container) : null;
      if (killed?.lost) return lost(killed.lost);
      return {
        outcome: 'exited',
        exitCode,
        signal: null,
        error: killed?.reason ?? diagnoseExit(exitCode, tail.text(), context),
      };
    } catch (error) {
      return lost(error);
    } finally {
      heartbeat.stop();
      // The step's outcome is known and its outputs are on the host (bind mounts): the next
      // step need not wait for the engine to delete this container.
      this.track(this.remove(container, stop));
    }
  }

  /**
   * A container killed by a signal Pipewright did not send: its memory limit, `docker stop`,
   * or the engine stopping (which stops every container first, then goes away).
   */
  private async whoKilled(container: Docker.Container): Promise<{ reason?: string; lost?: unknown }> {
    const state = await container.inspect().then(
      (info) => info.State,
      (error: unknown) => ({ error }),
    );
    if ('error' in state) return { lost: state.error };
    if (state.OOMKilled) {
      return {
        reason: `killed for going over its memory limit (${this.options.spec.resources?.memory ?? DEFAULT_MEMORY}): raise resources.memory of environment ${this.options.ref.environment}`,
      };
    }
    await sleep(ENGINE_SETTLE_MS);
    const answering = await this.options.docker.ping().then(
      () => null,
      (error: unknown) => ({ error }),
    );
    if (answering) return { lost: answering.error };
    return { reason: 'the container was stopped from outside Pipewright (docker stop or docker kill)' };
  }

  /**
   * Removes the step's container and waits for it (what a finished step leaves must be gone
   * before its run ends), unless the engine is lost, it takes longer than a removal should, or a
   * stop comes now: then the removal goes on without the run, and the next start removes what is left.
   */
  private async remove(container: Docker.Container, stop: StepStop): Promise<void> {
    const removing = container.remove({ force: true }).catch(() => undefined);
    const cut = new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, REMOVE_WAIT_MS);
      deadline.unref();
      void stop.next().then(() => {
        clearTimeout(deadline);
        setTimeout(resolve, STOP_REMOVE_WAIT_MS).unref();
      });
    });
    await Promise.race([removing, cut]);
  }
}

const REMOVE_WAIT_MS = 30_000;
/** How long after a container was killed from outside the engine is asked whether it is stopping too. */
const ENGINE_SETTLE_MS = 1500;
const STOP_REMOVE_WAIT_MS = 1000;

type Phase<T> = { done: T } | { stopped: StopReason };

/** Waits for one phase of the step, or for its stop, whichever comes first. */
function phase<T>(work: Promise<T>, stop: StepStop): Promise<Phase<T>> {
  return Promise.race([work.then((done) => ({ done })), stop.stopped.then((stopped) => ({ stopped }))]);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function failedToStart(error: string): StepProcessResult {
  return { outcome: 'failed-to-start', exitCode: null, signal: null, error };
}

function lost(error: unknown): StepProcessResult {
  return {
    outcome: 'lost',
    exitCode: null,
    signal: null,
    error: `lost the Docker engine during the step: ${engineMessage(error)}`,
  };
}
