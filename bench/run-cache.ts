// The run cache: switching back to a branch whose 200 steps' 1 MB outputs were replaced by
// another branch's run, every output restored from the output store, against copying the
// same files with `cp -r` over the other branch's (the same physical work: 200 files replaced,
// the old blocks freed), and beside it into a new folder; and what deduplication saves on disk.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';
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

/**
 * Memory for the page cache, backed by the host before the sides are timed. A virtual machine
 * (this one among them) gets memory from its host on first touch and gives free memory back
 * after a while, and each such page costs about a millisecond per megabyte more to write. A
 * restore writes each file beside the old one and renames it over (readers never see half a
 * file), so it takes pages the old file has not freed yet, while `cp -rT` truncates and
 * rewrites in place, reusing the old file's pages at once: with untouched memory the restore
 * measured 2x the copy, with touched memory 1x, the copy unchanged. Touching the memory in a
 * child process, held until it exits, leaves that much free memory backed for both sides. What
 * it did (or why it could not) is printed with the table.
 */
function touchFreeMemory(): string {
  // A container's memory limit, where there is one, bounds what is free as the machine's does.
  const limit = process.constrainedMemory();
  const bytes = Math.floor(Math.min(2 * 1024 ** 3, freemem() / 4, limit > 0 ? limit / 4 : Infinity));
  // Every part held to the end: a part freed early would hand its pages to the next one.
  const script = `const held = []; for (let left = ${bytes}; left > 0; left -= 2 ** 28) held.push(Buffer.allocUnsafeSlow(Math.min(left, 2 ** 28)).fill(1));`;
  try {
    return `${formatSize(bytes)} of free memory touched before timing, in ${ms(timeCommand(process.execPath, ['-e', script], tmpdir()))}`;
  } catch (error) {
    // Only a figure's steadiness depends on it: the bench goes on, and says so.
    return `free memory not touched before timing (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** Both sides must end with the branch's outputs, byte for byte. */
function sameFiles(expected: string, actual: string, side: string): void {
  const result = spawnSync('diff', ['-rq', expected, actual], { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${side} did not give the branch's outputs: ${result.stdout}${result.stderr}`);
}

export async function benchRunCache(): Promise<BenchRow[]> {
  const missing =
    commandMissing('git', ['--version']) ??
    commandMissing('cp', ['--version']) ??
    commandMissing('diff', ['--version']);
  if (missing !== null)
    return [missingRow('run cache: switch-back re-run against cp -r', `anchor missing: ${missing}`)];
  const root = repository();
  const copies = mkdtempSync(join(tmpdir(), 'pipewright-bench-cp-'));
  const saved = { main: join(copies, 'main'), experiment: join(copies, 'experiment') };
  // The anchor's workspace: a copy of the outputs, which cp switches between branches as the
  // restore switches the real ones, so both replace 200 existing files with the other branch's.
  const kept = join(copies, 'kept');
  try {
    await engineRun(root);
    timeCommand('cp', ['-r', join(root, 'out'), saved.main], root);
    git(root, 'checkout', '-q', 'experiment');
    await engineRun(root);
    timeCommand('cp', ['-r', join(root, 'out'), saved.experiment], root);
    timeCommand('cp', ['-r', join(root, 'out'), kept], root);
    const restores: number[] = [];
    const overwrites: number[] = [];
    const freshCopies: number[] = [];
    console.log(`run cache: ${touchFreeMemory()}`);
    for (let i = 0; i < SWITCHES; i += 1) {
      const branch = i % 2 === 0 ? 'main' : 'experiment';
      git(root, 'checkout', '-q', branch);
      // Every side starts with no writes of earlier phases pending: the kernel slows down a
      // writer while earlier dirty pages are flushed, which would weigh on whichever came second.
      timeCommand('sync', [], root);
      const { elapsed, cached } = await engineRun(root);
      if (cached !== LAYERS * WIDTH)
        throw new Error(`a switch-back re-run ran ${LAYERS * WIDTH - cached} steps instead of restoring them`);
      restores.push(elapsed);
      sameFiles(saved[branch], join(root, 'out'), 'the restore');
      // The anchor: the branch's 200 files copied by cp over the other branch's, as a person
      // would put saved outputs back by hand (`cp -rT saved out`).
      timeCommand('sync', [], root);
      overwrites.push(timeCommand('cp', ['-rT', saved[branch], kept], root));
      sameFiles(saved[branch], kept, 'cp -rT');
      // Beside it: the same files copied into a folder that does not exist yet (nothing replaced).
      timeCommand('sync', [], root);
      freshCopies.push(timeCommand('cp', ['-r', saved[branch], join(copies, `copy-${i}`)], root));
    }
    const [restore, overwrite, fresh] = [median(restores), median(overwrites), median(freshCopies)];
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
        anchor: `cp -rT over the other branch's files ${ms(overwrite)}`,
        measured: ms(restore),
        figure: `ratio ${(restore / overwrite).toFixed(3)}`,
        target: '<= 1.5',
        pass: restore / overwrite <= 1.5,
      },
      {
        benchmark: `run cache: the same restore against cp -r into a new folder (nothing replaced)`,
        anchor: `cp -r ${ms(fresh)}`,
        measured: ms(restore),
        figure: `ratio ${(restore / fresh).toFixed(3)}`,
        target: 'reported',
        pass: true,
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
