// The engine against `make -j2` on the same DAG: 20 layers of 10 steps, every step needing
// every step of the layer before. make is the physical limit for running a DAG of processes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEnvironmentRunners } from '../electron/services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../electron/services/engine/pipeline-engine.js';
import { openWorkspaceState } from '../electron/services/state/workspace-state.js';
import { Workspace } from '../electron/services/workspace/workspace.js';
import type { BenchRow } from './measure.js';
import { bareSpawnerRun } from './bare-spawner.js';
import { commandMissing, median, missingRow, ms, timeCommand } from './measure.js';

const LAYERS = 20;
const WIDTH = 10;
const PARALLEL = 2;
const REPEATS = 5;
const STEPS = LAYERS * WIDTH;

const id = (layer: number, index: number) => `s_${layer}_${index}`;
const layerIds = (layer: number) => Array.from({ length: WIDTH }, (_, index) => id(layer, index));

function pipelineFile(command: string): string {
  const steps = Array.from({ length: LAYERS }, (_, layer) => layerIds(layer).map((step) => {
    const needs = layer === 0 ? '' : `\n    needs: [${layerIds(layer - 1).join(', ')}]`;
    return `  ${step}:\n    run: ${command}${needs}`;
  }).join('\n')).join('\n');
  return `version: 1\nname: bench\nsteps:\n${steps}\n`;
}

function makefile(command: string): string {
  const rules = Array.from({ length: LAYERS }, (_, layer) => layerIds(layer).map((step) =>
    `${step}:${layer === 0 ? '' : ` ${layerIds(layer - 1).join(' ')}`}\n\t@${command}`).join('\n')).join('\n');
  const all = Array.from({ length: LAYERS }, (_, layer) => layerIds(layer)).flat();
  return `.PHONY: all ${all.join(' ')}\nall: ${layerIds(LAYERS - 1).join(' ')}\n${rules}\n`;
}

function workspaceFor(command: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-'));
  mkdirSync(join(root, 'pipelines'));
  writeFileSync(join(root, 'pipewright.yaml'), 'version: 1\n');
  writeFileSync(join(root, 'pipelines', 'bench.pipeline.yaml'), pipelineFile(command));
  writeFileSync(join(root, 'bench.mk'), makefile(command));
  return root;
}

/** Wall time of one run through the engine in this process, from start to the final record. */
async function engineRun(root: string, noCache: boolean): Promise<number> {
  const workspace = Workspace.open(root);
  const { store } = await openWorkspaceState(workspace);
  try {
    const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
    const started = performance.now();
    const { run } = await engine.start(await engine.plan({ pipeline: 'bench', maxParallel: PARALLEL, noCache })).done;
    const elapsed = performance.now() - started;
    if (run.status !== 'succeeded') throw new Error(`bench run ${run.status}`);
    return elapsed;
  } finally {
    store.close();
  }
}

export async function benchEngineVsMake(cli: string): Promise<BenchRow[]> {
  const missing = commandMissing('make', ['--version']);
  if (missing !== null) return [missingRow('engine and CLI against make -j2', `anchor missing: ${missing}`)];
  const rows: BenchRow[] = [];
  const cliRun = (root: string, ...extra: string[]) => timeCommand(process.execPath, [cli, 'run', 'bench', '-j', String(PARALLEL), '--quiet', ...extra], root);

  for (const [label, command] of [['20 ms steps (sleep 0.02)', 'sleep 0.02'], ['no-op steps (true)', 'true']] as const) {
    const root = workspaceFor(command);
    try {
      // Interleaved, so a slow moment of a shared machine weighs on all three alike.
      const times = { make: [] as number[], cli: [] as number[], engine: [] as number[], bare: [] as number[] };
      for (let i = 0; i < REPEATS; i += 1) {
        times.make.push(timeCommand('make', ['-j', String(PARALLEL), '-f', 'bench.mk'], root));
        times.cli.push(cliRun(root, '--no-cache'));
        times.engine.push(await engineRun(root, true));
        times.bare.push(await bareSpawnerRun(command, LAYERS, WIDTH, PARALLEL, root));
      }
      const [make, pipewright, engine, bare] = [median(times.make), median(times.cli), median(times.engine), median(times.bare)];
      if (command === 'true') {
        const perStep = (pipewright - make) / STEPS;
        rows.push({
          benchmark: `${label}: overhead per step, CLI`, anchor: ms(make), measured: ms(pipewright),
          figure: `${perStep.toFixed(2)} ms/step`, target: '< 5 ms/step', pass: perStep < 5,
        });
        const enginePerStep = (engine - make) / STEPS;
        rows.push({
          benchmark: `${label}: overhead per step, engine`, anchor: ms(make), measured: ms(engine),
          figure: `${enginePerStep.toFixed(2)} ms/step`, target: '< 5 ms/step', pass: enginePerStep < 5,
        });
      } else {
        rows.push({
          benchmark: `${label}: wall time, bare Node spawner (calibration)`, anchor: ms(make), measured: ms(bare),
          figure: `ratio ${(bare / make).toFixed(3)}`, target: 'reported', pass: true,
        });
        rows.push({
          benchmark: `${label}: wall time, CLI`, anchor: ms(make), measured: ms(pipewright),
          figure: `ratio ${(pipewright / make).toFixed(3)}`, target: '<= 1.25', pass: pipewright / make <= 1.25,
        });
        rows.push({
          benchmark: `${label}: wall time, engine`, anchor: ms(make), measured: ms(engine),
          figure: `ratio ${(engine / make).toFixed(3)}`, target: '<= 1.25', pass: engine / make <= 1.25,
        });
        await engineRun(root, false);
        const cachedEngine = median(await sequential(REPEATS, () => engineRun(root, false)));
        const cachedCli = median(Array.from({ length: REPEATS }, () => cliRun(root)));
        rows.push({ benchmark: 'fully cached re-run, engine', anchor: '-', measured: ms(cachedEngine), figure: ms(cachedEngine), target: '< 300 ms', pass: cachedEngine < 300 });
        rows.push({ benchmark: 'fully cached re-run, whole CLI process', anchor: '-', measured: ms(cachedCli), figure: ms(cachedCli), target: '< 800 ms', pass: cachedCli < 800 });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}

async function sequential(times: number, task: () => Promise<number>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < times; i += 1) results.push(await task());
  return results;
}
