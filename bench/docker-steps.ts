// Container steps against the docker CLI: 50 sequential `true` steps in the busybox image
// through `pipewright run`, against 50 `docker run --rm` of the same image and command; then 20
// container steps in parallel, every one of which must finish (none lost).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../shared/run/run-types.js';
import { BUSYBOX_IMAGE, dockerMissing } from '../electron/testing/docker-support.js';
import type { BenchRow } from './measure.js';
import { median, ms, timeCommand } from './measure.js';

const SEQUENTIAL = 50;
const PARALLEL = 20;
const REPEATS = 3;

function workspaceWith(pipeline: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-docker-'));
  // Readable by others: as root, step containers run as nobody.
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'pipelines'));
  writeFileSync(join(root, 'pipewright.yaml'), `version: 1\ndefault_environment: box\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`);
  writeFileSync(join(root, 'pipelines', 'bench.pipeline.yaml'), pipeline);
  return root;
}

const chain = () => `version: 1\nname: bench\nsteps:\n${Array.from({ length: SEQUENTIAL }, (_, index) =>
  `  s${index}:\n    run: "true"${index === 0 ? '' : `\n    needs: [s${index - 1}]`}`).join('\n')}\n`;

const fan = () => `version: 1\nname: bench\nsteps:\n${Array.from({ length: PARALLEL }, (_, index) =>
  `  p${index}:\n    run: echo ${index} > out/p${index}.txt\n    outputs: [out/p${index}.txt]`).join('\n')}\n`;

function dockerCliRuns(): number {
  const started = performance.now();
  for (let index = 0; index < SEQUENTIAL; index += 1) timeCommand('docker', ['run', '--rm', BUSYBOX_IMAGE, 'true'], tmpdir());
  return performance.now() - started;
}

function parallelRun(cli: string): { ms: number; finished: number; lost: number } {
  const root = workspaceWith(fan());
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, 'run', 'bench', '-j', String(PARALLEL), '--json'], { cwd: root, encoding: 'utf8' });
    const elapsed = performance.now() - started;
    const run = JSON.parse(result.stdout) as RunSummary;
    const finished = run.steps.filter((step, index) => step.status === 'succeeded'
      && existsSync(join(root, 'out', `p${index}.txt`)) && readFileSync(join(root, 'out', `p${index}.txt`), 'utf8') === `${index}\n`).length;
    return { ms: elapsed, finished, lost: PARALLEL - finished };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function benchDockerSteps(cli: string): BenchRow[] {
  if (dockerMissing !== null) {
    return [{ benchmark: 'container steps', anchor: '-', measured: '-', figure: `skipped: ${dockerMissing}`, target: '-', pass: process.env.CI !== 'true' }];
  }
  const root = workspaceWith(chain());
  try {
    // Warm both paths once (image layers in the page cache, the CLI's first database).
    dockerCliRuns();
    timeCommand(process.execPath, [cli, 'run', 'bench', '-j', '1', '--no-cache', '--quiet'], root);
    const anchor = median(Array.from({ length: REPEATS }, dockerCliRuns));
    const pipewright = median(Array.from({ length: REPEATS }, () => timeCommand(process.execPath, [cli, 'run', 'bench', '-j', '1', '--no-cache', '--quiet'], root)));
    const parallel = parallelRun(cli);
    return [
      {
        benchmark: `${SEQUENTIAL} sequential container steps (true)`, anchor: `${ms(anchor)} (docker run --rm)`, measured: ms(pipewright),
        figure: `ratio ${(pipewright / anchor).toFixed(3)}`, target: '<= 1.0', pass: pipewright / anchor <= 1,
      },
      {
        benchmark: `${PARALLEL} container steps in parallel`, anchor: '-', measured: ms(parallel.ms),
        figure: `${parallel.finished}/${PARALLEL} done, ${parallel.lost} lost`, target: '0 lost', pass: parallel.lost === 0,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
