// Builds the images the Docker tests and benchmarks use, locally (no registry is reachable on
// the CI machines): a tiny busybox image, and a Debian image with Python from debootstrap.
// Through dockerode, like the product. Skips an image that already exists.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export const BUSYBOX_IMAGE = 'pipewright-test/busybox:latest';
export const PYTHON_IMAGE = 'pipewright-test/python:latest';

const docker = new Docker();
const exists = (name) => docker.getImage(name).inspect().then(() => true, () => false);
const follow = (stream) => new Promise((resolve, reject) => docker.modem.followProgress(stream, (error, output) => {
  const failed = output?.find((message) => message.error);
  if (error || failed) reject(new Error(error?.message ?? failed.error));
  else resolve();
}));

async function busybox() {
  if (await exists(BUSYBOX_IMAGE)) return console.log(`${BUSYBOX_IMAGE}: present`);
  if (!existsSync('/usr/bin/busybox')) throw new Error('install busybox-static (apt-get install -y busybox-static)');
  const context = mkdtempSync(join(tmpdir(), 'pw-busybox-'));
  copyFileSync('/usr/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\n');
  await follow(await docker.buildImage({ context, src: ['Dockerfile', 'busybox'] }, { t: BUSYBOX_IMAGE }));
  rmSync(context, { recursive: true, force: true });
  console.log(`${BUSYBOX_IMAGE}: built`);
}

function debianMirror() {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const match = /(?:URIs:|deb)\s+(https?:\/\/\S+debian)\b/.exec(readFileSync(file, 'utf8'));
    if (match) return match[1];
  }
  return 'http://deb.debian.org/debian';
}

async function python() {
  if (await exists(PYTHON_IMAGE)) return console.log(`${PYTHON_IMAGE}: present`);
  const rootfs = mkdtempSync(join(tmpdir(), 'pw-python-'));
  console.log(`${PYTHON_IMAGE}: debootstrap (about a minute)…`);
  const result = spawnSync('debootstrap', ['--variant=minbase', '--include=python3', 'bookworm', rootfs, debianMirror()], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('debootstrap failed (apt-get install -y debootstrap; it needs root)');
  // GNU tar carries the device nodes and ownership of a root filesystem (tar-fs cannot).
  const archive = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout;
  await follow(await docker.importImage(archive, { repo: 'pipewright-test/python', tag: 'latest' }));
  rmSync(rootfs, { recursive: true, force: true });
  console.log(`${PYTHON_IMAGE}: imported`);
}

await busybox();
if (!process.argv.includes('--busybox-only')) await python();
