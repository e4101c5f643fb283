// "Installs what is missing": runs `npm ci` when node_modules is absent or older than the
// lockfile, and rebuilds a native module whose install script did not run. Plain Node only,
// because it runs before any dependency is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => new URL(`../${path}`, import.meta.url);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Pipewright needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });
const installed = at('node_modules/.package-lock.json');
if (!existsSync(installed) || statSync(at('package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
  console.log('pipewright: installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
if (!existsSync(at('node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
  console.log('pipewright: building the SQLite module…');
  run('npm rebuild better-sqlite3');
}
