// `npm start`: opens the studio on ./sample-workspace (created on first use). The desktop app
// where the Electron binary is available; otherwise, in one line, why not, and the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { electronSqliteBinding } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../sample-workspace', import.meta.url));

if (
  !existsSync(sample) &&
  spawnSync(process.execPath, [cli, 'init', '--git', sample], { stdio: 'inherit' }).status !== 0
)
  process.exit(1);

const run = (command, args, env = {}) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};

const electron = electronBinary(root);
let binding = null;
if (electron) {
  binding = await electronSqliteBinding(root).catch((error) => {
    console.log(`pipewright: could not build the SQLite module for Electron (${error.message.split('\n')[0]}).`);
    return null;
  });
}
if (electron && binding) {
  run(electron, [root, sample], { PIPEWRIGHT_SQLITE_BINDING: binding });
} else {
  console.log(
    `pipewright: ${electron ? 'the desktop app cannot start' : 'the Electron binary is not installed here (it could not be downloaded)'}; opening the studio in your browser instead.`,
  );
  run(process.execPath, [cli, 'serve', sample]);
}
