// A second Docker engine of the test's own, beside the machine's (MACHINE.md): its own bridge,
// data and exec roots, listening on 127.0.0.1. A test may stop and start it, which it must never
// do to the engine everyone shares. Needs root, dockerd, ip and a static busybox (for its image).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { BUSYBOX_IMAGE } from './docker-support.js';

export interface SecondEngine {
  /** DOCKER_HOST for the CLI. */
  host: string;
  docker: Docker;
  /** Stops the engine (it stops its containers within a second) and waits until it is gone. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its bridge and folders. */
  remove(): Promise<void>;
}

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path));

/** Why a second engine cannot run here, or null when it can. */
export function secondEngineMissing(): string | null {
  if (process.getuid?.() !== 0) return 'a second Docker engine needs root';
  for (const tool of ['dockerd', 'ip']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `a second Docker engine needs ${tool}`;
  }
  if (!BUSYBOX)
    return 'a second Docker engine needs a static busybox for its image (apt-get install -y busybox-static)';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
}

/** A /24 no interface of this machine uses yet, in 10.213.0.0/16. */
function freeSubnet(): string {
  const used = spawnSync('ip', ['-4', '-o', 'addr'], { encoding: 'utf8' }).stdout;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const third = 1 + ((randomBytes(1)[0] as number) % 250);
    if (!used.includes(` 10.213.${third}.`)) return `10.213.${third}`;
  }
  throw new Error('no free 10.213.x.0/24 subnet for the second engine');
}

async function answers(docker: Docker, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await docker.ping().then(
        () => true,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`the second Docker engine did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The bridges of the networks it made: a stopped engine leaves them on the machine. */
async function networkBridges(docker: Docker): Promise<string[]> {
  const predefined = new Set(['bridge', 'host', 'none']);
  return (await docker.listNetworks())
    .filter((network) => !predefined.has(network.Name) && network.Driver === 'bridge')
    .map((network) => network.Options?.['com.docker.network.bridge.name'] ?? `br-${network.Id.slice(0, 12)}`);
}

export async function startSecondEngine(): Promise<SecondEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-engine-'));
  const bridge = `pwt${randomBytes(3).toString('hex')}`;
  const subnet = freeSubnet();
  ip('link', 'add', bridge, 'type', 'bridge');
  ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
  ip('link', 'set', bridge, 'up');
  const port = await freePort();
  const host = `tcp://127.0.0.1:${port}`;
  const docker = new Docker({ host: '127.0.0.1', port });
  const pidfile = join(dir, 'dockerd.pid');
  let daemon: ChildProcess | null = null;
  const launch = async () => {
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    daemon = spawn(
      'dockerd',
      [
        '--host',
        host,
        '--data-root',
        join(dir, 'data'),
        '--exec-root',
        join(dir, 'exec'),
        '--pidfile',
        pidfile,
        '--bridge',
        bridge,
        '--iptables=false',
        '--ip6tables=false',
        '--shutdown-timeout',
        '1',
      ],
      { stdio: ['ignore', log, log] },
    );
    await answers(docker, 60_000).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}: ${readFileSync(join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
    });
  };
  const stop = async () => {
    const running = daemon;
    daemon = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await launch();
  // Its own images: a busybox like the machine's test image, under the same name.
  const context = mkdtempSync(join(tmpdir(), 'pw-engine-image-'));
  copyFileSync(BUSYBOX as string, join(context, 'busybox'));
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\n',
  );
  const build = await docker.buildImage({ context, src: ['Dockerfile', 'busybox'] }, { t: BUSYBOX_IMAGE });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(build, (error, output: Array<{ error?: string }>) => {
      const failed = output.find((message) => message.error);
      if (error || failed) reject(new Error(error?.message ?? failed?.error));
      else resolve();
    }),
  );
  rmSync(context, { recursive: true, force: true });
  return {
    host,
    docker,
    stop,
    start: launch,
    remove: async () => {
      const bridges = await networkBridges(docker);
      await stop();
      for (const name of [bridge, ...bridges]) ip('link', 'del', name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
