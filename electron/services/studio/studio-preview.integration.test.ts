// The preview:file channel as the renderer calls it: through the dispatcher, with the request
// validated, a run's file checked against what the run recorded, and bad paths answered as
// invalid requests naming the file.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { callStudio } from '../../testing/studio-calls.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { StudioBackend } from './studio-backend.js';

let workspace: TempWorkspace;
let backend: StudioBackend;

beforeEach(async () => {
  workspace = tempWorkspace({
    'pipelines/demo.pipeline.yaml':
      'version: 1\nname: demo\nsteps:\n  make:\n    run: printf "n\\n1\\n2\\n3\\n" > out/n.csv\n    outputs: [out/n.csv]\n',
    'out/.keep': '',
  });
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

describe('preview:file', () => {
  it('previews a run output, says when it changed, and gives no preview once it is gone', async () => {
    const { runId } = await callStudio(backend, 'run:start', { pipeline: 'demo' });
    for (
      let tries = 0;
      (await callStudio(backend, 'run:get', { runId })).status === 'running' && tries < 200;
      tries += 1
    )
      await delay(50);
    expect((await callStudio(backend, 'run:get', { runId })).status).toBe('succeeded');
    const run = { runId, stepId: 'make' };
    const current = await callStudio(backend, 'preview:file', { path: 'out/n.csv', rows: 2, run });
    expect(current.run).toEqual({ runId, stepId: 'make', state: 'current' });
    expect(current.preview).toMatchObject({ kind: 'table', rowCount: 3, rows: [[1], [2]] });
    workspace.write('out/n.csv', 'n\n7\n');
    expect((await callStudio(backend, 'preview:file', { path: 'out/n.csv', run })).run?.state).toBe('changed');
    rmSync(workspace.path('out/n.csv'));
    expect(await callStudio(backend, 'preview:file', { path: 'out/n.csv', run })).toEqual({
      preview: null,
      run: { runId, stepId: 'make', state: 'gone' },
    });
  });

  it('refuses bad requests and bad paths with the file named', async () => {
    await expect(callStudio(backend, 'preview:file', { path: '../x.csv' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(callStudio(backend, 'preview:file', { path: 'out/none.csv' })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'out/none.csv: no such file',
    });
    await expect(callStudio(backend, 'preview:file', { path: 'out', rows: 5000 })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      callStudio(backend, 'preview:file', { path: 'out', run: { runId: 'nope', stepId: 'make' } }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await callStudio(backend, 'preview:file', { path: 'out' })).toEqual({
      preview: { kind: 'folder', path: 'out', files: [], truncated: false },
      run: null,
    });
  });
});
