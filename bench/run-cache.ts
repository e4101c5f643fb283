// The run cache: switching back to a branch whose 200 steps' 1 MB outputs were replaced by
// another branch's run, every output restored from the output store, against copying the
// same files with `cp -r`; and what deduplication saves on disk after both branches ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSize } from '../shared/pipeline/sizes.js';
import { PipelineEngine } from '../electron/services/engine/pipeline-engine.js';
import { outputStoreOf } from '../electron/services/outputs/output-store.js';
import { openWorkspaceState } from '../electron/services/state/workspace-state.js';
import { Workspace } from '../electron/services/workspace/workspace.js';
import type { BenchRow } from './measure.js';
import { commandMissing, median, missingRow, ms, timeCommand } from './measure.js';

const LAYERS = 20;
const WIDTH = 10;
const SWITCHES = 4;
const MEGABYTE = 1024 * 1024;

function pipelineFile(variant: string): string {
  const id = (layer: number, index: number) => `s_${layer}_${index}`;
  const steps = Array.from({ length: LAYERS }, (_, layer) =>
    Array.from({ length: WIDTH }, (_, index) => {
      const needs =
        layer === 0 ? '' : `\n    needs: [${Array.from({ length: WIDTH }, (_, up) => id(layer - 1, up)).join(', ')}]`;
      return `  ${id(layer, index)}:\n    run: head -c ${MEGABYTE} /dev/urandom > out/${id(layer, index)}.bin\n    outputs: [out/${id(layer, index)}.bin]${needs}`;
    }).join('\n'),
  ).join('\n');
  return `version: 1\nname: bench\nparams:\n  variant: { type: string, default: ${variant} }\nsteps:\n${steps}\n`;
}

const git = (root: string, ...args: string[]) =>
  timeCommand('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], root);

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-cache-'));
  mkdirSync(join(root, 'pipelines'));
  mkdirSync(join(root, 'out'));
  writeFileSync(join(root, 'pipewright.yaml'), 'version: 1\n');
  writeFileSync(join(root, '.gitignore'), '.pipewright/\nout/\n');
  writeFileSync(join(root, 'pipelines', 'bench.pipeline.yaml'), pipelineFile('main'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'bench');
  git(root, 'checkout', '-q', '-b', 'experiment');
  writeFileSync(join(root, 'pipelines', 'bench.pipeline.yaml'), pipelineFile('experiment'));
  git(root, 'commit', '-q', '-am', 'experiment');
  git(root, 'checkout', '-q', 'main');
  return root;
}

/** One run in this process; its wall time and how many steps the cache answered. */
async function engineRun(root: string): Promise<{ elapsed: number; cached: number }> {
  const workspace = Workspace.open(root);
  const { store } = await openWorkspaceState(workspace);
  try {
    const engine = new PipelineEngine({ workspace, store });
    const started = performance.now();
    const { run } = await engine.start(await engine.plan({ pipeline: 'bench', maxParallel: 2 })).done;
    const elapsed = performance.now() - started;
    if (run.status !== 'succeeded') throw new Error(`bench run ${run.status}`);
    return { elapsed, cached: run.steps.filter((step) => step.status === 'cached').length };
  } finally {
    store.close();
  }
}

function du(path: string): number {
  const result = spawnSync('du', ['-sb', path], { encoding: 'utf8' });
  return Number(result.stdout.split('\t')[0]);
}

export async function benchRunCache(): Promise<BenchRow[]> {
  const missing = commandMissing('git', ['--version']) ?? commandMissing('cp', ['--version']);
  if (missing !== null)
    return [missingRow('run cache: switch-back re-run against cp -r', `anchor missing: ${missing}`)];
  const root = repository();
  const copies = mkdtempSync(join(tmpdir(), 'pipewright-bench-cp-'));
  try {
    await engineRun(root);
    git(root, 'checkout', '-q', 'experiment');
    await engineRun(root);
    const restores: number[] = [];
    const copyTimes: number[] = [];
    for (let i = 0; i < SWITCHES; i += 1) {
      git(root, 'checkout', '-q', i % 2 === 0 ? 'main' : 'experiment');
      // Both sides start with no writes of earlier phases pending: the kernel slows down a
      // writer while earlier dirty pages are flushed, which would weigh on whichever came second.
      timeCommand('sync', [], root);
      const { elapsed, cached } = await engineRun(root);
      if (cached !== LAYERS * WIDTH)
        throw new Error(`a switch-back re-run ran ${LAYERS * WIDTH - cached} steps instead of restoring them`);
      restores.push(elapsed);
      // The anchor: the same 200 files copied by cp, into a folder that does not exist yet.
      timeCommand('sync', [], root);
      copyTimes.push(timeCommand('cp', ['-r', join(root, 'out'), join(copies, `copy-${i}`)], root));
    }
    const [restore, copy] = [median(restores), median(copyTimes)];
    const workspace = Workspace.open(root);
    const { store } = await openWorkspaceState(workspace);
    let figures;
    try {
      figures = outputStoreOf(workspace.stateDir, store).index.figures();
    } finally {
      store.close();
    }
    const onDisk = du(join(root, '.pipewright', 'objects'));
    return [
      {
        benchmark: `run cache: switch-back re-run, ${LAYERS * WIDTH} steps x 1 MB restored`,
        anchor: `cp -r ${ms(copy)}`,
        measured: ms(restore),
        figure: `ratio ${(restore / copy).toFixed(3)}`,
        target: '<= 1.5',
        pass: restore / copy <= 1.5,
      },
      {
        benchmark: `run cache: store disk use after ${SWITCHES + 2} runs of two branches`,
        anchor: `${formatSize(figures.recordedBytes)} recorded`,
        measured: formatSize(onDisk),
        figure: `${(figures.recordedBytes / Math.max(onDisk, 1)).toFixed(1)}x deduplicated`,
        target: 'reported',
        pass: true,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(copies, { recursive: true, force: true });
  }
}
