// Where the Electron binary is, if it is installed (or can be fetched): electron's package
// downloads it on first use, which fails without internet. Returns null when it is not there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function electronBinary(root) {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}
