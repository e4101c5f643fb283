// The Docker benchmark's anchor: containers made one after another through the Engine API,
// each configured as Pipewright's runner configures a step's (no network, the workspace mounted
// read-only, a writable /tmp, the same limits and init), so both sides ask the engine for the
// same work: its output attached before it starts, its exit code, then gone. Run as a process
// of its own (`node docker-api-anchor.js WORKSPACE COUNT IMAGE`) it is timed whole, as
// `pipewright run` is: starting Node, loading dockerode and connecting count on both sides.
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { connectDocker } from '../electron/services/docker/docker-connection.js';

async function apiContainer(engine: Docker, workspace: string, image: string): Promise<void> {
  const container = await engine.createContainer({
    Image: image,
    Cmd: ['sh', '-c', 'true'],
    WorkingDir: '/workspace',
    User: '65534:65534',
    AttachStdout: true,
    AttachStderr: true,
    Labels: { 'dev.pipewright.bench': 'anchor' },
    HostConfig: {
      Mounts: [{ Type: 'bind', Source: workspace, Target: '/workspace', ReadOnly: true }],
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=512m' },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      NetworkMode: 'none',
      Memory: 2 * 1024 ** 3,
      PidsLimit: 1024,
      Init: true,
    },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const ended = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
      stream.resume();
    });
    await container.start();
    // cast: dockerode types wait() as Promise<any>; the engine's answer to a wait is { StatusCode }
    const { StatusCode } = await (container.wait() as Promise<{ StatusCode: number }>);
    await ended;
    if (StatusCode !== 0) throw new Error(`the anchor's container exited ${StatusCode}`);
  } finally {
    await container.remove({ force: true });
  }
}

/** `count` containers one after another; the time they took, in ms. */
export async function engineApiRuns(engine: Docker, workspace: string, count: number, image: string): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await apiContainer(engine, workspace, image);
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [workspace = '', count = '0', image = ''] = process.argv.slice(2);
  await engineApiRuns(connectDocker(), workspace, Number(count), image);
  // What the bench checks: every container exited 0 (a failure throws and exits non-zero).
  console.log(JSON.stringify({ containers: Number(count) }));
}
