// Notebook steps through the studio's node side on real files: the starter notebook a dropped
// step gets (never over a file, never through a link), and a run's executed notebook served
// read-only. The runner is faked at its boundary (it plays a kernel whose last cell fails);
// notebook-steps.integration.test.ts runs real notebooks in Docker.
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { cellSource, cellTags, parseNotebook } from '../../../shared/notebook/notebook-format.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { waitFor } from '../../testing/cli-process.js';
import { notebookText } from '../../testing/notebook-files.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import type { StepProcessRequest, StepProcessResult, StepRunner } from '../runner/step-runner.js';
import { StudioBackend } from './studio-backend.js';

/** Plays the notebook runner: checks the prepared notebook, then fails its last cell. */
class FailingKernel implements StepRunner {
  prepared: string | null = null;
  identity(): string {
    return 'fake-kernel';
  }

  settled(): Promise<void> {
    return Promise.resolve();
  }

  execute(request: StepProcessRequest): Promise<StepProcessResult> {
    if (!request.notebook) return Promise.resolve({ outcome: 'exited', exitCode: 0, signal: null, error: null });
    const path = join(request.cwd, request.notebook.output);
    this.prepared = readFileSync(path, 'utf8');
    const notebook = JSON.parse(this.prepared) as { cells: Array<Record<string, unknown>> };
    const last = notebook.cells[notebook.cells.length - 1] as Record<string, unknown>;
    last.outputs = [
      {
        output_type: 'error',
        ename: 'ValueError',
        evalue: 'bad rows',
        traceback: ['\u001b[0;31mValueError\u001b[0m: bad rows'],
      },
    ];
    writeFileSync(path, JSON.stringify(notebook));
    return Promise.resolve({ outcome: 'exited', exitCode: 1, signal: null, error: null });
  }
}

let workspace: TempWorkspace;
let backend: StudioBackend;
let kernel: FailingKernel;
const events: StudioEventRecord[] = [];
const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

beforeEach(async () => {
  workspace = tempWorkspace({
    'notebooks/explore.ipynb': notebookText([
      { source: 'rows = 1\n', tags: ['parameters'] },
      { source: 'check(rows)\n' },
    ]),
    'pipelines/nb.pipeline.yaml': pipelineYaml(
      'nb',
      '  explore:\n    notebook: notebooks/explore.ipynb\n',
      '  rows: { type: integer, default: 7 }\n',
    ),
  });
  kernel = new FailingKernel();
  backend = new StudioBackend({ canOpenWorkspaces: false, runner: kernel });
  events.length = 0;
  recordStudioEvents(backend, events);
  await backend.open(workspace.root);
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

describe('starter notebooks', () => {
  it('creates a notebook with a tagged parameters cell once, and never writes over a file', async () => {
    expect(await call('notebook:create', { path: 'notebooks/new_step.ipynb' })).toEqual({
      path: 'notebooks/new_step.ipynb',
      created: true,
    });
    const starter = parseNotebook(workspace.read('notebooks/new_step.ipynb'), 'starter');
    expect(starter.cells.some((cell) => cellTags(cell).includes('parameters'))).toBe(true);
    workspace.write('notebooks/new_step.ipynb', 'mine');
    expect(await call('notebook:create', { path: 'notebooks/new_step.ipynb' })).toEqual({
      path: 'notebooks/new_step.ipynb',
      created: false,
    });
    expect(workspace.read('notebooks/new_step.ipynb')).toBe('mine');
  });

  it('refuses a path through a link out of the workspace, in a reserved place, or that is no notebook', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
    try {
      symlinkSync(outside, workspace.path('linked'));
      await expect(call('notebook:create', { path: 'linked/x.ipynb' })).rejects.toThrow(
        /leads out of the workspace|outside/,
      );
      await expect(call('notebook:create', { path: 'pipelines/x.ipynb' })).rejects.toThrow(
        '"pipelines/x.ipynb" is inside pipelines/',
      );
      await expect(call('notebook:create', { path: 'notebooks/x.py' })).rejects.toThrow(/\.ipynb/);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('executed notebooks of runs', () => {
  it('runs a notebook step with params injected, fails it naming the cell, and serves the kept notebook', async () => {
    const { runId } = await call('run:start', { pipeline: 'nb' });
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    const prepared = parseNotebook(kernel.prepared ?? '', 'prepared');
    expect(cellSource(prepared.cells[1] ?? {})).toBe('# Parameters (injected by Pipewright)\nrows = 7');
    const run = await call('run:get', { runId });
    expect(run.steps.map((step) => [step.status, step.message])).toEqual([
      ['failed', 'exit code 1: cell 3 failed: ValueError: bad rows'],
    ]);
    const log = await call('run:log', { runId, stepId: 'explore' });
    expect(log.text).toBe(
      'cell 3 of 3 (id cell-1) failed: ValueError: bad rows\n  first line: check(rows)\nValueError: bad rows\n',
    );

    const kept = await call('notebook:executed', { runId, stepId: 'explore' });
    expect(kept).toMatchObject({
      runId,
      stepId: 'explore',
      attempt: 1,
      path: `.pipewright/runs/${runId}/notebooks/explore.1.ipynb`,
    });
    expect(kept.text).toContain('bad rows');
    await expect(call('notebook:executed', { runId, stepId: 'nope' })).rejects.toThrow(
      `run ${runId} has no step "nope"`,
    );
    await expect(call('notebook:executed', { runId, stepId: 'explore', attempt: 2 })).rejects.toThrow(
      `run ${runId} kept no executed notebook of step "explore" (attempt 2)`,
    );
  });

  it('fails the step without running it when the notebook is missing', async () => {
    workspace.write(
      'pipelines/nb.pipeline.yaml',
      pipelineYaml('nb', '  explore:\n    notebook: notebooks/gone.ipynb\n'),
    );
    const { runId } = await call('run:start', { pipeline: 'nb' });
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    const run = await call('run:get', { runId });
    expect(run.steps[0]?.message).toBe('input notebooks/gone.ipynb does not exist');
    expect(kernel.prepared).toBeNull();
  });
});
