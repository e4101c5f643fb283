import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/run-store.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { validatePipelineCached } from './validation-cache.js';
import { Workspace } from './workspace.js';

let workspace: TempWorkspace;
let store: RunStore;
afterEach(() => {
  store?.close();
  workspace?.remove();
});

describe('validatePipelineCached', () => {
  it('returns what validation returns, and follows every change of the pipeline or pipewright.yaml', () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': 'version: 1\nname: p\nsteps:\n  a:\n    run: echo a\n    environment: dev\n',
    });
    mkdirSync(workspace.path('.pipewright'));
    store = new RunStore(join(workspace.root, '.pipewright', 'state.db'));
    const check = () => {
      const current = Workspace.open(workspace.root);
      const entry = current.resolvePipeline('p');
      const cached = validatePipelineCached(current, store, entry);
      const fresh = current.readPipeline(entry);
      expect(cached).toEqual({ spec: fresh.spec, problems: fresh.problems });
      return cached.problems.map((problem) => problem.code);
    };
    expect(check()).toEqual(['unknown-environment']);
    expect(check()).toEqual(['unknown-environment']);
    writeFileSync(workspace.path('pipewright.yaml'), 'version: 1\nenvironments:\n  dev: {}\n');
    expect(check()).toEqual([]);
    writeFileSync(workspace.path('pipelines/p.pipeline.yaml'), 'version: 1\nname: p\nsteps:\n  a:\n    run: ""\n');
    expect(check()).toEqual(['empty-run']);
  });
});
