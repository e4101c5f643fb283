// A step whose engine cannot see this machine's folders (a remote docker_host, or transfer:
// copy) gets two volumes of its own instead of bind mounts: one at /workspace holding what it
// declares it reads (its inputs and the code its command names) with folders for its outputs,
// one at /pipewright holding the params file. Both are filled and emptied through Docker's
// archive API on a helper container that is created and never started; only the declared
// outputs come back, each checked entry by entry (output-unpack.ts). Everything is labelled
// with the run, so teardown and the next start's clean-up find what a killed run left.
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import type { Pack } from 'tar-stream';
import { containedEntry } from '../files/contained-path.js';
import { LABEL, labels, resourcePrefix } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { unpackOutput } from './output-unpack.js';
import { TransferProgress } from './transfer-progress.js';
import type { TransferReport } from './transfer-progress.js';

export const TRANSFER_WORKSPACE = '/workspace';
export const TRANSFER_PARAMS = '/pipewright';
/** Where a notebook step's executor is, in the container (bind-mounted, or copied beside the params). */
export const CONTAINER_NOTEBOOK_RUNNER = `${TRANSFER_PARAMS}/notebook-runner`;

export interface StepFiles {
  /** Workspace root on this machine. */
  root: string;
  paramsFile: string;
  /** A notebook step's executor script, copied beside the params file (where the runner mounts it locally). */
  notebookRunner?: string | null;
  inputs: readonly string[];
  outputs: readonly string[];
  owner: { pipeline: string; run: string; step: string; attempt: string };
  marker: string;
}

export interface StepTransferOptions {
  docker: Docker;
  ref: EnvironmentRef;
  imageId: string;
  /** The user the step runs as: its folders are its own, its inputs read-only. */
  user: { uid: number; gid: number };
  files: StepFiles;
  report: TransferReport;
}

/** The volumes exist already (created with labels), on the local driver. */
const NO_COPY = { NoCopy: true, Labels: {}, DriverConfig: { Name: 'local', Options: {} } };

/** How long closing waits for the step's container to let go of its volumes. */
const RELEASE_WAIT_MS = 20_000;

export class StepTransfer {
  private helper: Docker.Container | null = null;
  /** The copy going on: a stopped step stops waiting for it, closing still does (briefly). */
  private copying: Promise<unknown> = Promise.resolve();
  private readonly volumes: { workspace: string; params: string };

  constructor(private readonly options: StepTransferOptions) {
    const id = createHash('sha256').update(options.files.marker).digest('hex').slice(0, 12);
    const prefix = `${resourcePrefix(options.ref)}-step-${id}`;
    this.volumes = { workspace: `${prefix}-workspace`, params: `${prefix}-params` };
  }

  private labels(kind: 'transfer' | 'helper'): Record<string, string> {
    const { owner } = this.options.files;
    return labels(this.options.ref, kind, {
      [LABEL.pipeline]: owner.pipeline,
      [LABEL.run]: owner.run,
      [LABEL.step]: owner.step,
      [LABEL.attempt]: owner.attempt,
    });
  }

  /**
   * The step container's mounts: its two volumes, nothing of this machine. NoCopy: a volume the
   * step may write to nothing but its root (no inputs) still counts as empty, and Docker would
   * give its root to the image's owner of the mount point (root) when the step starts.
   */
  mounts(): Docker.MountSettings[] {
    return [
      {
        Type: 'volume',
        Source: this.volumes.workspace,
        Target: TRANSFER_WORKSPACE,
        ReadOnly: false,
        VolumeOptions: NO_COPY,
      },
      { Type: 'volume', Source: this.volumes.params, Target: TRANSFER_PARAMS, ReadOnly: true, VolumeOptions: NO_COPY },
    ];
  }

  /** Creates the volumes and copies the step's inputs, code and params into them. */
  copyIn(): Promise<void> {
    const work = this.fill();
    this.copying = work.catch(() => undefined);
    return work;
  }

  private async fill(): Promise<void> {
    const { docker, imageId } = this.options;
    for (const name of Object.values(this.volumes))
      await docker.createVolume({ Name: name, Labels: this.labels('transfer') });
    this.helper = await docker.createContainer({
      Image: imageId,
      Cmd: ['true'],
      Labels: this.labels('helper'),
      NetworkDisabled: true,
      HostConfig: {
        Mounts: this.mounts().map((mount) => ({ ...mount, ReadOnly: false })),
        NetworkMode: 'none',
        CapDrop: ['ALL'],
      },
    });
    const archive = pack();
    const progress = new TransferProgress('in', this.options.report);
    // Extracted at "/": the entries for the volumes' own folders give them to the step's user.
    const upload = this.helper.putArchive(archive as unknown as NodeJS.ReadableStream, { path: '/' });
    try {
      await this.packStepFiles(archive, progress);
      archive.finalize();
    } catch (error) {
      archive.destroy();
      await upload.catch(() => undefined);
      throw error;
    }
    await upload;
    progress.finish();
  }

  private async packStepFiles(archive: Pack, progress: TransferProgress): Promise<void> {
    const { root, inputs, outputs, paramsFile, notebookRunner } = this.options.files;
    const { uid, gid } = this.options.user;
    const folders = new Set<string>();
    const folder = (path: string) => {
      const parts = path.split('/');
      for (let depth = 1; depth <= parts.length; depth += 1) {
        const at = parts.slice(0, depth).join('/');
        if (folders.has(at)) continue;
        folders.add(at);
        archive.entry({ name: `${at}/`, type: 'directory', mode: 0o755, uid, gid });
      }
    };
    const files = new Set<string>();
    const file = async (absolute: string, name: string) => {
      if (files.has(name)) return;
      files.add(name);
      const size = lstatSync(absolute).size;
      await new Promise<void>((resolve, reject) => {
        const entry = archive.entry({ name, size, mode: 0o444, uid: 0, gid: 0 }, (error) =>
          error ? reject(error) : resolve(),
        );
        createReadStream(absolute).on('error', reject).pipe(entry);
      });
      progress.add(size);
    };
    const workspace = TRANSFER_WORKSPACE.slice(1);
    folder(workspace);
    for (const input of inputs) {
      const { absolute, kind } = containedEntry(root, input, `input ${input}`);
      if (kind === 'missing') continue;
      const name = posix.join(workspace, input.replace(/\/+$/, ''));
      folder(posix.dirname(name));
      if (kind === 'file') {
        await file(absolute, name);
        continue;
      }
      folder(name);
      for (const inside of filesUnder(absolute)) {
        folder(posix.dirname(posix.join(name, inside)));
        await file(join(absolute, inside), posix.join(name, inside));
      }
    }
    for (const output of outputs) {
      const name = posix.join(workspace, output.replace(/\/+$/, ''));
      const isFolder = output.endsWith('/') || containedEntry(root, output, `output ${output}`).kind === 'folder';
      folder(isFolder ? name : posix.dirname(name));
    }
    archive.entry({ name: `${TRANSFER_PARAMS.slice(1)}/`, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
    await file(paramsFile, `${TRANSFER_PARAMS.slice(1)}/params.json`);
    if (notebookRunner) {
      const runnerFolder = CONTAINER_NOTEBOOK_RUNNER.slice(1);
      archive.entry({ name: `${runnerFolder}/`, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
      await file(notebookRunner, posix.join(runnerFolder, basename(notebookRunner)));
    }
  }

  /** Copies the declared outputs back into the workspace; an output the step did not write stays missing. */
  copyOut(): Promise<void> {
    const work = this.empty();
    this.copying = work.catch(() => undefined);
    return work;
  }

  private async empty(): Promise<void> {
    const helper = this.helper;
    if (helper === null) return;
    const progress = new TransferProgress('out', this.options.report);
    for (const output of this.options.files.outputs) {
      const path = posix.join(TRANSFER_WORKSPACE, output.replace(/\/+$/, ''));
      const archive = await helper.getArchive({ path }).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (archive === null) continue;
      await unpackOutput(archive, this.options.files.root, output.replace(/\/+$/, ''), (bytes) => progress.add(bytes));
    }
    progress.finish();
  }

  /**
   * Removes the helper and the volumes, waiting for the step's container (being removed by the
   * runner) to let go of them; what still cannot go is left for the next start's clean-up.
   */
  async close(): Promise<void> {
    const { docker } = this.options;
    const deadline = Date.now() + RELEASE_WAIT_MS;
    await Promise.race([this.copying, new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS).unref())]);
    await this.helper?.remove({ force: true }).catch(() => undefined);
    for (const name of Object.values(this.volumes)) {
      for (;;) {
        const removed = await docker
          .getVolume(name)
          .remove()
          .then(() => true, isNotFound);
        if (removed || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}

/** The files under a folder, relative to it; links and special files are not the step's data. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) return filesUnder(dir, path);
      return entry.isFile() ? [path] : [];
    });
}

/** The Docker engine answered 404: the path or the volume is not there. */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 404;
}
