// Builds the images the Docker tests and benchmarks use, locally (no registry is reachable on
// the CI machines): a tiny busybox image, a Debian image with Python from debootstrap, and the
// same Debian with Debian's scientific Python (the ML template's and notebook steps' base image).
// Through dockerode, like the product, but for the import of a root file system (the docker CLI).
// Skips an image that already exists.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export const BUSYBOX_IMAGE = 'pipewright-test/busybox:latest';
export const PYTHON_IMAGE = 'pipewright-test/python:latest';
export const PYTHON_ML_IMAGE = 'pipewright-test/python-ml:latest';
/** Debian's packages for model work: `--include` cannot resolve these (virtual packages), apt-get inside the system can. */
const ML_PACKAGES = [
  'python3-sklearn',
  'python3-pandas',
  'python3-matplotlib',
  'python3-nbclient',
  'python3-ipykernel',
  'python3-nbformat',
];

const docker = new Docker();
const exists = (name) =>
  docker
    .getImage(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
const follow = (stream) =>
  new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => {
      const failed = output?.find((message) => message.error);
      if (error || failed) reject(new Error(error?.message ?? failed.error));
      else resolve();
    }),
  );

async function busybox() {
  if (await exists(BUSYBOX_IMAGE)) return console.log(`${BUSYBOX_IMAGE}: present`);
  if (!existsSync('/usr/bin/busybox')) throw new Error('install busybox-static (apt-get install -y busybox-static)');
  const context = mkdtempSync(join(tmpdir(), 'pw-busybox-'));
  copyFileSync('/usr/bin/busybox', join(context, 'busybox'));
  writeFileSync(
    join(context, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\n',
  );
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

function debootstrap(rootfs) {
  const result = spawnSync(
    'debootstrap',
    ['--variant=minbase', '--include=python3', 'bookworm', rootfs, debianMirror()],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error('debootstrap failed (apt-get install -y debootstrap; it needs root)');
}

function importRootfs(rootfs, image) {
  // GNU tar carries the device nodes and ownership of a root filesystem (tar-fs cannot), and the
  // docker CLI streams a large archive where dockerode's upload of 1.4 GB was cut off ("socket hang up").
  const result = spawnSync(
    'bash',
    ['-o', 'pipefail', '-c', 'tar -C "$1" -c . | docker import - "$2"', 'import', rootfs, image],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`docker import of ${image} failed`);
  console.log(`${image}: imported`);
}

function installMlPackages(rootfs) {
  const mirror = debianMirror();
  writeFileSync(join(rootfs, 'etc/apt/sources.list'), `deb ${mirror} bookworm main\n`);
  // The chroot needs the host's resolver to reach the mirror.
  copyFileSync('/etc/resolv.conf', join(rootfs, 'etc/resolv.conf'));
  const install = `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${ML_PACKAGES.join(' ')} >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*`;
  const result = spawnSync('chroot', [rootfs, 'sh', '-c', install], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
  });
  if (result.status !== 0) throw new Error(`installing ${ML_PACKAGES.join(', ')} in the chroot failed`);
}

/** One debootstrap serves both Python images: the plain one is imported, then the ML packages go on top. */
async function pythonImages() {
  const missing = { plain: !(await exists(PYTHON_IMAGE)), ml: !(await exists(PYTHON_ML_IMAGE)) };
  if (!missing.plain) console.log(`${PYTHON_IMAGE}: present`);
  if (!missing.ml) console.log(`${PYTHON_ML_IMAGE}: present`);
  if (!missing.plain && !missing.ml) return;
  const rootfs = mkdtempSync(join(tmpdir(), 'pw-python-'));
  try {
    console.log('python images: debootstrap (about a minute)…');
    debootstrap(rootfs);
    if (missing.plain) importRootfs(rootfs, PYTHON_IMAGE);
    if (missing.ml) {
      console.log(`${PYTHON_ML_IMAGE}: installing ${ML_PACKAGES.join(' ')} (about two minutes)…`);
      installMlPackages(rootfs);
      importRootfs(rootfs, PYTHON_ML_IMAGE);
    }
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

await busybox();
if (!process.argv.includes('--busybox-only')) await pythonImages();
