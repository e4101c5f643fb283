// An environment's own data: a copy or a deterministic sample of a workspace folder, written
// into a Docker volume through the API (a created, never started helper container receives a
// tar stream). The volume is labelled with a fingerprint of what it holds, so bringing the
// environment up again refills it only when the source or the sampling changed.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import type { DataSpec } from '../../../shared/pipeline/schema.js';
import { UnsafePathError, containedPath } from '../files/contained-path.js';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import { LABEL, labels, volumeName } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { SAMPLED_EXTENSIONS, sampleTable } from './data-sample.js';

export class DataError extends Error {}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesOf(path);
      return entry.isFile() ? [path] : [];
    });
}

function fingerprint(data: DataSpec, dir: string, files: string[]): string {
  const listing = files.map((file) => {
    const info = statSync(file);
    return [relative(dir, file), info.size, info.mtimeMs];
  });
  return createHash('sha256').update(JSON.stringify({ data, listing })).digest('hex').slice(0, 32);
}

/** The source folder's real path; one a link leads out to is refused (its files would go into the volume). */
export function dataSourceDir(ref: EnvironmentRef, data: DataSpec): string {
  let dir: string;
  try {
    dir = containedPath(ref.root, data.source, `data source ${data.source}`);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new DataError(error.message);
    throw error;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataError(
      `data source ${data.source} is not a folder of the workspace (copies and samples are made of folders)`,
    );
  }
  return dir;
}

/** Makes the volume for `data` hold what it should; the volume's name. */
export async function fillDataVolume(
  docker: Docker,
  ref: EnvironmentRef,
  data: DataSpec,
  index: number,
  helperImage: string,
  owner: { uid: number; gid: number },
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
): Promise<string> {
  const dir = dataSourceDir(ref, data);
  const files = filesOf(dir);
  const print = fingerprint(data, dir, files);
  const name = volumeName(ref, index);
  const existing = await docker
    .getVolume(name)
    .inspect()
    .catch(() => null);
  if (existing?.Labels?.[LABEL.data] === print) {
    emit({
      type: 'data',
      environment: ref.environment,
      source: data.source,
      files: files.length,
      totalFiles: files.length,
      bytes: 0,
      done: true,
    });
    return name;
  }
  if (existing) await docker.getVolume(name).remove();
  await docker.createVolume({ Name: name, Labels: labels(ref, 'volume', { [LABEL.data]: print }) });

  const helper = await docker.createContainer({
    Image: helperImage,
    Cmd: ['true'],
    Labels: labels(ref, 'helper'),
    HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] },
  });
  try {
    const archive = pack();
    // tar-stream packs are streamx streams: pipeable like Node streams, typed apart.
    const upload = helper.putArchive(archive as unknown as NodeJS.ReadableStream, { path: '/data' });
    let bytes = 0;
    for (const [done, file] of files.entries()) {
      if (signal.aborted) throw new DataError('cancelled');
      const path = relative(dir, file).split('\\').join('/');
      const extension = extname(file).toLowerCase();
      const header = { name: path, mode: 0o644, uid: owner.uid, gid: owner.gid };
      if (data.mode === 'sample' && SAMPLED_EXTENSIONS.has(extension)) {
        const sampled = Buffer.from(
          sampleTable(readFileSync(file, 'utf8'), extension, {
            fraction: data.fraction,
            rows: data.rows,
            seed: data.seed ?? 0,
          }),
        );
        archive.entry(header, sampled);
        bytes += sampled.length;
      } else {
        const size = statSync(file).size;
        await new Promise<void>((resolve, reject) => {
          const entry = archive.entry({ ...header, size }, (error) => (error ? reject(error) : resolve()));
          createReadStream(file).on('error', reject).pipe(entry);
        });
        bytes += size;
      }
      emit({
        type: 'data',
        environment: ref.environment,
        source: data.source,
        files: done + 1,
        totalFiles: files.length,
        bytes,
        done: false,
      });
    }
    archive.finalize();
    await upload;
    emit({
      type: 'data',
      environment: ref.environment,
      source: data.source,
      files: files.length,
      totalFiles: files.length,
      bytes,
      done: true,
    });
  } catch (error) {
    await docker
      .getVolume(name)
      .remove()
      .catch(() => undefined);
    throw error;
  } finally {
    await helper.remove({ force: true });
  }
  return name;
}
