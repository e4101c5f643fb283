// Container steps against the Docker Engine API: 50 sequential `true` steps in the busybox image
// through `pipewright run`, against the same work done by one process through the Engine API
// (dockerode: create, attach for the output, start, wait, remove — the least a runner that
// shows logs can do, so the physical limit of the API; bench/docker-api-anchor.ts). That process
// is timed whole, as `pipewright run` is; the same loop inside the bench process, which starts
// nothing, and 50 `docker run --rm` processes are reported beside it. Then 20 container steps
// in parallel, none lost.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSummary } from '../shared/run/run-types.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../electron/testing/docker-support.js';
import { engineApiRuns } from './docker-api-anchor.js';
import type { BenchRow } from './measure.js';
import { commandMissing, median, missingRow, ms, timeCommand } from './measure.js';

const SEQUENTIAL = 50;
const PARALLEL = 20;
const REPEATS = 3;
const BENCHMARK = `${SEQUENTIAL} sequential container steps (true)`;

function workspaceWith(pipeline: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-docker-'));
  // Readable by others: as root, step containers run as nobody.
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'pipelines'));
  writeFileSync(
    join(root, 'pipewright.yaml'),
    `version: 1\ndefault_environment: box\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
  );
  writeFileSync(join(root, 'pipelines', 'bench.pipeline.yaml'), pipeline);
  return root;
}

const chain = () =>
  `version: 1\nname: bench\nsteps:\n${Array.from(
    { length: SEQUENTIAL },
    (_, index) => `  s${index}:\n    run: "true"${index === 0 ? '' : `\n    needs: [s${index - 1}]`}`,
  ).join('\n')}\n`;

const fan = () =>
  `version: 1\nname: bench\nsteps:\n${Array.from(
    { length: PARALLEL },
    (_, index) => `  p${index}:\n    run: echo ${index} > out/p${index}.txt\n    outputs: [out/p${index}.txt]`,
  ).join('\n')}\n`;

const ANCHOR_PROCESS = fileURLToPath(new URL('./docker-api-anchor.js', import.meta.url));

/** The anchor as a process of its own, timed whole; it must report every container done. */
function engineApiProcess(workspace: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [ANCHOR_PROCESS, workspace, String(SEQUENTIAL), BUSYBOX_IMAGE], {
    cwd: workspace,
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0 || result.stdout.trim() !== JSON.stringify({ containers: SEQUENTIAL }))
    throw new Error(`the Engine API anchor failed (${String(result.status)}): ${result.stderr}${result.stdout}`);
  return elapsed;
}

function dockerCliRuns(): number {
  const started = performance.now();
  for (let index = 0; index < SEQUENTIAL; index += 1)
    timeCommand('docker', ['run', '--rm', BUSYBOX_IMAGE, 'true'], tmpdir());
  return performance.now() - started;
}

function parallelRun(cli: string): { ms: number; finished: number; lost: number } {
  const root = workspaceWith(fan());
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, 'run', 'bench', '-j', String(PARALLEL), '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    const run = JSON.parse(result.stdout) as RunSummary;
    const finished = run.steps.filter(
      (step, index) =>
        step.status === 'succeeded' &&
        existsSync(join(root, 'out', `p${index}.txt`)) &&
        readFileSync(join(root, 'out', `p${index}.txt`), 'utf8') === `${index}\n`,
    ).length;
    return { ms: elapsed, finished, lost: PARALLEL - finished };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchDockerSteps(cli: string): Promise<BenchRow[]> {
  if (dockerMissing !== null) return [missingRow(BENCHMARK, `no Docker to measure: ${dockerMissing}`)];
  const cliMissing = commandMissing('docker', ['--version']);
  const root = workspaceWith(chain());
  const pipewrightRun = () =>
    timeCommand(process.execPath, [cli, 'run', 'bench', '-j', '1', '--no-cache', '--quiet'], root);
  try {
    const inBench = () => engineApiRuns(docker, root, SEQUENTIAL, BUSYBOX_IMAGE);
    // Warm every path once (image layers in the page cache, the CLI's first database).
    await inBench();
    engineApiProcess(root);
    if (cliMissing === null) dockerCliRuns();
    pipewrightRun();
    // Interleaved, so a slow moment of a shared machine weighs on all sides alike.
    const times = { api: [] as number[], inBench: [] as number[], cli: [] as number[], pipewright: [] as number[] };
    for (let round = 0; round < REPEATS; round += 1) {
      times.api.push(engineApiProcess(root));
      times.inBench.push(await inBench());
      if (cliMissing === null) times.cli.push(dockerCliRuns());
      times.pipewright.push(pipewrightRun());
    }
    const [api, pipewright] = [median(times.api), median(times.pipewright)];
    const parallel = parallelRun(cli);
    const cliRow: BenchRow =
      cliMissing !== null
        ? missingRow(`${BENCHMARK}, against docker run --rm`, `anchor missing: ${cliMissing}`)
        : {
            benchmark: `${BENCHMARK}, against docker run --rm`,
            anchor: `${ms(median(times.cli))} (${SEQUENTIAL} docker CLI processes)`,
            measured: ms(pipewright),
            figure: `ratio ${(pipewright / median(times.cli)).toFixed(3)}`,
            target: 'reported',
            pass: true,
          };
    return [
      {
        benchmark: BENCHMARK,
        anchor: `${ms(api)} (Engine API, one process, timed whole)`,
        measured: ms(pipewright),
        figure: `ratio ${(pipewright / api).toFixed(3)}`,
        target: '<= 1.0',
        pass: pipewright / api <= 1,
      },
      {
        benchmark: `${BENCHMARK}, against the same loop inside the bench process`,
        anchor: `${ms(median(times.inBench))} (Engine API, no process started, dockerode loaded)`,
        measured: ms(pipewright),
        figure: `ratio ${(pipewright / median(times.inBench)).toFixed(3)}`,
        target: 'reported',
        pass: true,
      },
      cliRow,
      {
        benchmark: `${PARALLEL} container steps in parallel`,
        anchor: '-',
        measured: ms(parallel.ms),
        figure: `${parallel.finished}/${PARALLEL} done, ${parallel.lost} lost`,
        target: '0 lost',
        pass: parallel.lost === 0,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
