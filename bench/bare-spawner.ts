// The calibration row: the same DAG run by the least a Node program can do — spawn `sh -c`,
// wait, start the next — with no state, logs or events. Pipewright's ratio to make can only
// approach this spawner's on the same machine at the same moment.
import { spawn } from 'node:child_process';

function runCommand(command: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${String(code)}`))));
  });
}

/** Wall time of running `layers` of `width` steps, each layer after the whole previous one, `parallel` at once. */
export async function bareSpawnerRun(
  command: string,
  layers: number,
  width: number,
  parallel: number,
  cwd: string,
): Promise<number> {
  const started = performance.now();
  for (let layer = 0; layer < layers; layer += 1) {
    let next = 0;
    const slot = async () => {
      while (next < width) {
        next += 1;
        await runCommand(command, cwd);
      }
    };
    await Promise.all(Array.from({ length: parallel }, slot));
  }
  return performance.now() - started;
}
