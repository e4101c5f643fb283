// The studio's side of editing safely on a real workspace: unsaved edits kept as drafts through
// the contract (validated, atomic, never through a link, dropped on save), and the schema copies
// and VS Code association made when a workspace opens.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { callStudio } from '../../testing/studio-calls.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { StudioBackend } from './studio-backend.js';

let workspace: TempWorkspace;
let backend: StudioBackend;
const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

async function open(files: Record<string, string>): Promise<void> {
  workspace = tempWorkspace({
    'pipelines/demo.pipeline.yaml': pipelineYaml('demo', '  a:\n    run: echo a\n'),
    ...files,
  });
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
}
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

const LAYOUT = { version: 1 as const, positions: { a: { x: 10, y: 20 } } };

describe('drafts of unsaved edits', () => {
  it('keeps a draft with the hash of its file, says when the file changed, and drops it on save', async () => {
    await open({});
    const loaded = await call('pipeline:load', { name: 'demo' });
    expect(await call('draft:load', { name: 'demo' })).toBeNull();
    const data = { ...loaded.data, description: 'mine' };
    await call('draft:save', { name: 'demo', data, layout: LAYOUT, baseHash: loaded.hash });
    const before = readFileSync(join(workspace.root, 'pipelines/demo.pipeline.yaml'), 'utf8');
    const draft = await call('draft:load', { name: 'demo' });
    expect(draft).toMatchObject({ name: 'demo', data, layout: LAYOUT, baseHash: loaded.hash, changedOnDisk: false });
    expect(Date.parse(draft?.savedAt ?? '')).not.toBeNaN();
    expect(readFileSync(join(workspace.root, 'pipelines/demo.pipeline.yaml'), 'utf8')).toBe(before);

    writeFileSync(join(workspace.root, 'pipelines/demo.pipeline.yaml'), `${before}# edited elsewhere\n`);
    expect(await call('draft:load', { name: 'demo' })).toMatchObject({ changedOnDisk: true });

    const fresh = await call('pipeline:load', { name: 'demo' });
    await call('pipeline:save', { name: 'demo', data, layout: LAYOUT, baseHash: fresh.hash });
    expect(await call('draft:load', { name: 'demo' })).toBeNull();
    expect(existsSync(join(workspace.root, '.pipewright/drafts/demo.json'))).toBe(false);
  });

  it('refuses a bad request and a drafts folder that is a link, and discards on request', async () => {
    await open({});
    await expect(
      call('draft:save', { name: '../escape', data: {}, layout: LAYOUT, baseHash: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    await call('draft:save', { name: 'demo', data: { version: 1 }, layout: LAYOUT, baseHash: 'x' });
    await call('draft:discard', { name: 'demo' });
    expect(await call('draft:load', { name: 'demo' })).toBeNull();

    const elsewhere = join(workspace.root, 'elsewhere');
    mkdirSync(elsewhere);
    rmSync(join(workspace.root, '.pipewright/drafts'), { recursive: true, force: true });
    symlinkSync(elsewhere, join(workspace.root, '.pipewright/drafts'));
    await expect(
      call('draft:save', { name: 'demo', data: { version: 1 }, layout: LAYOUT, baseHash: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('symbolic link') });
    expect(existsSync(join(elsewhere, 'demo.json'))).toBe(false);
  });
});

describe('editor schemas when the studio opens a workspace', () => {
  it('writes the schema copies, and associates them once where the workspace has a .vscode folder', async () => {
    await open({ '.vscode/extensions.json': '{}\n' });
    expect(existsSync(join(workspace.root, '.pipewright/schema/pipeline.schema.json'))).toBe(true);
    const settings = readFileSync(join(workspace.root, '.vscode/settings.json'), 'utf8');
    expect(settings).toContain('"./.pipewright/schema/pipeline.schema.json"');
    // Removed by the user, it stays removed: the association is made once.
    rmSync(join(workspace.root, '.vscode/settings.json'));
    await backend.close();
    await backend.open(workspace.root);
    expect(existsSync(join(workspace.root, '.vscode/settings.json'))).toBe(false);
  });

  it('leaves a workspace without a .vscode folder without one', async () => {
    await open({});
    expect(existsSync(join(workspace.root, '.pipewright/schema/workspace.schema.json'))).toBe(true);
    expect(existsSync(join(workspace.root, '.vscode'))).toBe(false);
  });
});
