// Runs a step in a container of its own, through the Docker API: the workspace read-only, the
// step's declared outputs writable, the environment's data volumes, no capabilities, no new
// privileges, no network unless asked, memory and process limits, a read-only root with a
// writable /tmp, the host user (never root), and never the Docker socket.
import { existsSync, mkdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { isSameOrInside } from '../../../shared/dag/workspace-paths.js';
import { parseSizeBytes } from '../../../shared/pipeline/sizes.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { StepProcessRequest, StepProcessResult, StepRunner } from '../engine/step-runner.js';
import { UnsafePathError, containedPath } from '../files/contained-path.js';
import { LABEL, labels, networkName, volumeName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { containerUser } from './container-user.js';
import { engineHeartbeat } from './engine-heartbeat.js';
import { handOutputsBack, handOutputsOver } from './output-hand-over.js';

export const CONTAINER_WORKSPACE = '/workspace';
export const CONTAINER_PARAMS_FILE = '/pipewright/params.json';
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

interface WritableMount {
  host: string;
  target: string;
  /** A file created empty so it can be mounted, removed again if the step left it empty. */
  placeholder: boolean;
}

export class DockerRunner implements StepRunner {
  private readonly user = containerUser();

  constructor(private readonly options: DockerRunnerOptions) {}

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

  /**
   * Host folders (or root-level files) the step may write: what its declared outputs need, by
   * their real paths. A path a link leads out of the workspace is refused (UnsafePathError)
   * before any folder is made: a bind mount follows links on the host.
   */
  private writableMounts(root: string, outputs: readonly string[]): WritableMount[] {
    const mounts: WritableMount[] = [];
    for (const output of outputs) {
      const host = containedPath(root, output, `output ${output}`);
      // A folder output is one that exists as a folder (or is written with a trailing slash);
      // for a file, its folder is mounted, since Docker cannot mount a file that is not there.
      const isDir = existsSync(host) ? statSync(host).isDirectory() : output.endsWith('/');
      let path = isDir ? output : dirname(output);
      let placeholder = false;
      let source = isDir ? host : dirname(host);
      if (path === '.') {
        path = output;
        source = host;
        placeholder = !existsSync(host);
        if (placeholder) writeFileSync(host, '', { flag: 'wx' });
      } else {
        mkdirSync(source, { recursive: true });
      }
      mounts.push({ host: source, target: `${CONTAINER_WORKSPACE}/${path}`, placeholder });
    }
    const byDepth = mounts.sort((a, b) => a.target.length - b.target.length);
    return byDepth.filter((mount, index) => !byDepth.slice(0, index).some((outer) => isSameOrInside(mount.target, outer.target)));
  }

  private containerOptions(request: StepProcessRequest, writable: WritableMount[]): Docker.ContainerCreateOptions {
    const { ref, spec, imageId } = this.options;
    const network = spec.services && Object.keys(spec.services).length > 0 ? networkName(ref) : spec.network === 'bridge' ? 'bridge' : 'none';
    const env = {
      ...request.env,
      PW_WORKSPACE: CONTAINER_WORKSPACE,
      PW_PARAMS_FILE: CONTAINER_PARAMS_FILE,
      HOME: '/tmp',
      PYTHONDONTWRITEBYTECODE: '1',
    };
    const dataMounts = (spec.data ?? []).flatMap((data, index) => (data.mode === 'copy' || data.mode === 'sample'
      ? [{ Type: 'volume' as const, Source: volumeName(ref, index), Target: `${CONTAINER_WORKSPACE}/${data.source}`, ReadOnly: true }]
      : []));
    return {
      Image: imageId,
      Cmd: ['sh', '-c', request.command],
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
        Mounts: [
          { Type: 'bind', Source: request.cwd, Target: CONTAINER_WORKSPACE, ReadOnly: true },
          ...writable.map((mount) => ({ Type: 'bind' as const, Source: mount.host, Target: mount.target, ReadOnly: false })),
          ...dataMounts,
          { Type: 'bind', Source: request.paramsFile, Target: CONTAINER_PARAMS_FILE, ReadOnly: true },
        ],
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
    if (process.getuid?.() === 0 && (statSync(request.cwd).mode & 0o005) !== 0o005) {
      return {
        outcome: 'failed-to-start', exitCode: null, signal: null,
        error: `the workspace folder is not readable by other users: as root, Pipewright runs step containers as "nobody" (uid ${this.user.uid}); chmod o+rx ${request.cwd}`,
      };
    }
    const { docker, spec } = this.options;
    let writable: WritableMount[];
    try {
      writable = this.writableMounts(request.cwd, request.outputs);
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      return { outcome: 'failed-to-start', exitCode: null, signal: null, error: error.message };
    }
    handOutputsOver(writable.map((mount) => mount.host), this.user);
    let container: Docker.Container;
    try {
      container = await docker.createContainer(this.containerOptions(request, writable));
      if (spec.network === 'bridge' && spec.services && Object.keys(spec.services).length > 0) {
        await docker.getNetwork('bridge').connect({ Container: container.id });
      }
    } catch (error) {
      handOutputsBack(writable.map((mount) => mount.host));
      return { outcome: 'failed-to-start', exitCode: null, signal: null, error: (error as Error).message };
    }
    let stopping: 'timed-out' | 'cancelled' | null = null;
    const stop = (reason: 'timed-out' | 'cancelled') => {
      if (stopping) return;
      stopping = reason;
      void container.stop({ t: this.options.stopGraceSeconds ?? 3 }).catch(() => undefined);
    };
    const onAbort = () => stop('cancelled');
    request.signal.addEventListener('abort', onAbort, { once: true });
    const timer = request.timeoutMs === null ? undefined : setTimeout(() => stop('timed-out'), request.timeoutMs);
    const heartbeat = engineHeartbeat(docker);
    try {
      const stream = await Promise.race([container.attach({ stream: true, stdout: true, stderr: true }), heartbeat.lost]);
      const stdout = new PassThrough().on('data', (chunk: Buffer) => request.onOutput('stdout', chunk));
      const stderr = new PassThrough().on('data', (chunk: Buffer) => request.onOutput('stderr', chunk));
      docker.modem.demuxStream(stream, stdout, stderr);
      const ended = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      await Promise.race([container.start(), heartbeat.lost]);
      request.onStart(null);
      const { StatusCode } = await Promise.race([container.wait() as Promise<{ StatusCode: number }>, heartbeat.lost]);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return { outcome: stopping ?? 'exited', exitCode: StatusCode, signal: null, error: null };
    } catch (error) {
      if (stopping) return { outcome: stopping, exitCode: null, signal: null, error: null };
      return { outcome: 'lost', exitCode: null, signal: null, error: `lost the Docker engine during the step: ${(error as Error).message}` };
    } finally {
      heartbeat.stop();
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      await container.remove({ force: true }).catch(() => undefined);
      handOutputsBack(writable.map((mount) => mount.host));
      for (const mount of writable) {
        if (mount.placeholder && existsSync(mount.host) && statSync(mount.host).size === 0) rmSync(mount.host);
      }
    }
  }
}
