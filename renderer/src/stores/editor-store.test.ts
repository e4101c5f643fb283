import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/ipc/contract.js';
import { addStep, updateStep } from '../editor/pipeline-edits.js';
import { createEditorStore } from './editor-store.js';

const doc: PipelineDocument = {
  name: 'p',
  file: 'pipelines/p.pipeline.yaml',
  text: 'version: 1\nname: p\nsteps:\n  a:\n    run: echo a\n',
  hash: 'h1',
  data: { version: 1, name: 'p', steps: { a: { run: 'echo a' } } },
  layout: { version: 1, positions: { a: { x: 0, y: 0 } } },
  problems: [],
};

describe('the editor store', () => {
  it('undoes and redoes edits and moves, and marks the pipeline dirty', () => {
    const store = createEditorStore();
    store.getState().load(doc);
    expect(store.getState().dirty).toBe(false);
    store.getState().edit((draft) => addStep(draft, 'b', { run: 'echo b' }));
    store.getState().setPositions({ b: { x: 100, y: 0 } });
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().positions.b).toBeUndefined();
    store.getState().undo();
    expect(store.getState().draft?.steps.b).toBeUndefined();
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().draft?.steps.b).toEqual({ run: 'echo b' });
    expect(store.getState().positions.b).toEqual({ x: 100, y: 0 });
    store.getState().saved('new text', 'h2');
    expect(store.getState()).toMatchObject({ dirty: false, doc: { hash: 'h2', text: 'new text' } });
  });

  it('merges typing in one field into one undo step', () => {
    const store = createEditorStore();
    store.getState().load(doc);
    for (const run of ['e', 'ec', 'ech', 'echo']) store.getState().edit((draft) => updateStep(draft, 'a', { run }), 'a.run');
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().draft?.steps.a?.run).toBe('echo a');
  });

  it('makes a file that is not valid YAML read-only', () => {
    const store = createEditorStore();
    store.getState().load({ ...doc, data: null });
    expect(store.getState().readOnly).toMatch(/cannot show/);
    store.getState().edit(() => ({ version: 1, name: 'p', steps: {} }));
    expect(store.getState().dirty).toBe(false);
  });
});
