// The image an environment's steps run in: pulled (with per-layer progress) or built from a
// Dockerfile in the workspace (with its output streamed). A failed build names the
// instruction that failed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import { UnsafePathError, containedPath } from '../files/contained-path.js';
import { builtImageTag, labels } from './docker-names.js';
import type { EnvironmentRef } from './docker-names.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export class ImageError extends Error {}

interface ProgressMessage {
  id?: string;
  status?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** The reference steps of this environment run: the image to pull, or the tag of its build. */
export function imageRef(ref: EnvironmentRef, environment: EnvironmentSpec): string {
  return environment.image ?? builtImageTag(ref);
}

export async function imageId(docker: Docker, reference: string): Promise<string | null> {
  try {
    return (await docker.getImage(reference).inspect()).Id;
  } catch {
    return null;
  }
}

function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  signal: AbortSignal,
  onMessage: (message: ProgressMessage) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      // A pull's stream is a Readable, which can be destroyed; the type Docker's modem gives says less.
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      reject(new ImageError('cancelled'));
    };
    signal.addEventListener('abort', abort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        signal.removeEventListener('abort', abort);
        if (error) reject(new ImageError(error.message));
        else resolve();
      },
      onMessage,
    );
  });
}

export async function pullImage(
  docker: Docker,
  reference: string,
  environment: string,
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(reference);
  } catch (error) {
    throw new ImageError(`cannot pull image ${reference}: ${errorMessage(error)}`);
  }
  let failure: string | null = null;
  await follow(docker, stream, signal, (message) => {
    if (message.error) failure = message.errorDetail?.message ?? message.error;
    if (message.id && message.status) {
      emit({
        type: 'layer',
        environment,
        image: reference,
        layer: message.id,
        status: message.status,
        current: message.progressDetail?.current ?? null,
        total: message.progressDetail?.total ?? null,
      });
    }
  });
  if (failure) throw new ImageError(`cannot pull image ${reference}: ${String(failure)}`);
}

export async function buildImage(
  docker: Docker,
  ref: EnvironmentRef,
  environment: EnvironmentSpec,
  emit: (event: ProvisionEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const build = environment.build;
  if (build === undefined) return;
  const spec = typeof build === 'string' ? { context: build } : build;
  const context = buildContext(ref.root, spec.context);
  const dockerfile = spec.dockerfile ?? 'Dockerfile';
  if (!existsSync(join(context, dockerfile))) throw new ImageError(`there is no ${dockerfile} in ${spec.context}`);
  const tag = builtImageTag(ref);
  const previous = await imageId(docker, tag);
  const stream = await docker.buildImage(
    { context, src: readdirSync(context) },
    {
      t: tag,
      dockerfile,
      buildargs: Object.fromEntries(Object.entries(spec.args ?? {}).map(([name, value]) => [name, String(value)])),
      labels: labels(ref, 'image'),
      rm: true,
      forcerm: true,
    },
  );
  let step: string | null = null;
  let failure: string | null = null;
  await follow(docker, stream, signal, (message) => {
    if (message.stream) {
      for (const line of message.stream.split('\n').filter((text) => text.trim() !== '')) {
        if (/^Step \d+\/\d+ :/.test(line)) step = line.trim();
        emit({ type: 'build', environment: ref.environment, line, step });
      }
    }
    if (message.error) failure = message.errorDetail?.message ?? message.error;
  });
  if (failure !== null) {
    throw new ImageError(
      `building ${spec.context}/${dockerfile} failed${step ? ` at ${String(step)}` : ''}: ${String(failure).trim()}`,
    );
  }
  // The image it replaces would linger untagged; a container still using it keeps it alive.
  if (previous !== null && previous !== (await imageId(docker, tag)))
    await docker
      .getImage(previous)
      .remove()
      .catch(() => undefined);
}

/** The build context's real path: a folder of the workspace, never one a link leads out to (it is all sent to the engine). */
function buildContext(root: string, path: string): string {
  let context: string;
  try {
    context = containedPath(root, path, `the build context ${path}`);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new ImageError(error.message);
    throw error;
  }
  if (!existsSync(context) || !statSync(context).isDirectory())
    throw new ImageError(`the build context ${path} is not a folder of the workspace`);
  return context;
}
