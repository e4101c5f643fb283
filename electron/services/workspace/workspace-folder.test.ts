import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateWorkspaceText } from '../../../shared/validation/validate.js';
import { RunStore } from '../store/run-store.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { WorkspaceError, WorkspaceFolder } from './workspace-folder.js';
import { Workspace } from './workspace.js';

const DOCKER_SETTINGS = 'version: 1\nenvironments:\n  dev:\n    runner: docker\n    image: python:3.12\n  local: {}\n';

let workspace: TempWorkspace;
let store: RunStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  workspace?.remove();
});

function openStore(): RunStore {
  mkdirSync(workspace.path('.pipewright'), { recursive: true });
  store = new RunStore(join(workspace.root, '.pipewright', 'state.db'));
  return store;
}

const rememberedCount = (runs: RunStore) =>
  runs.database.prepare('SELECT COUNT(*) AS n FROM validations').pluck().get();

describe('WorkspaceFolder', () => {
  it('finds the workspace around a folder inside it, as Workspace.open does', () => {
    workspace = tempWorkspace({ 'steps/deep/x.py': 'print(1)\n' });
    const folder = WorkspaceFolder.find(workspace.path('steps/deep'));
    expect(folder.root).toBe(Workspace.open(workspace.path('steps/deep')).root);
    expect(folder.stateDir).toBe(join(workspace.root, '.pipewright'));
  });

  it('says where it looked when there is no workspace', () => {
    workspace = tempWorkspace({});
    expect(() => WorkspaceFolder.find('/')).toThrow(WorkspaceError);
    expect(() => WorkspaceFolder.find('/')).toThrow(/no pipewright.yaml found in \/ or any folder above it/);
  });

  it('reads the environments the validator reads, and remembers them while pipewright.yaml is unchanged', async () => {
    workspace = tempWorkspace({ 'pipewright.yaml': DOCKER_SETTINGS });
    const runs = openStore();
    const expected = validateWorkspaceText('pipewright.yaml', DOCKER_SETTINGS).spec?.environments;
    expect(await WorkspaceFolder.find(workspace.root).environments(runs)).toEqual(expected);
    expect(await WorkspaceFolder.find(workspace.root).environments(runs)).toEqual(expected);
    expect(rememberedCount(runs)).toBe(1);
    expect(await Workspace.open(workspace.root).environments()).toEqual(expected);

    workspace.write('pipewright.yaml', 'version: 1\nenvironments:\n  prod: {}\n');
    expect(Object.keys(await WorkspaceFolder.find(workspace.root).environments(runs))).toEqual(['prod']);
    expect(rememberedCount(runs)).toBe(2);
  });

  it('has no environments while pipewright.yaml is invalid, as Workspace has none', async () => {
    workspace = tempWorkspace({ 'pipewright.yaml': 'version: 1\nenvironments: [dev]\n' });
    const runs = openStore();
    expect(Workspace.open(workspace.root).settings.spec).toBeNull();
    expect(await WorkspaceFolder.find(workspace.root).environments(runs)).toEqual({});
  });
});
