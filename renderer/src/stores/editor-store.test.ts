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
    for (const run of ['e', 'ec', 'ech', 'echo'])
      store.getState().edit((draft) => updateStep(draft, 'a', { run }), 'a.run');
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
  it('clears the unsaved marker when undo returns to the saved document', () => {
    const store = createEditorStore();
    store.getState().load(doc);
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo b' }));
    store.getState().setPositions({ a: { x: 50, y: 0 } });
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
    store.getState().redo();
    expect(store.getState().dirty).toBe(true);
  });

  it('is clean when an edit is typed back to the saved value, and after a save of what was written', () => {
    const store = createEditorStore();
    store.getState().load(doc);
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo ab' }), 'a.run');
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo a' }), 'a.run');
    expect(store.getState().dirty).toBe(false);
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo c' }));
    const written = {
      draft: store.getState().draft as NonNullable<ReturnType<typeof store.getState>['draft']>,
      positions: store.getState().positions,
    };
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo d' }));
    store.getState().saved('text', 'h2', written);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
  });

  it('counts positions the studio laid out as saved and forgets positions of steps that are gone', () => {
    const store = createEditorStore();
    store.getState().load({ ...doc, layout: { version: 1, positions: { a: { x: 0, y: 0 }, gone: { x: 9, y: 9 } } } });
    store.getState().edit((draft) => addStep(draft, 'b', { run: 'echo b' }));
    store.getState().setPositions({ b: { x: 100, y: 0 } }, false);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().layout().positions).toEqual({ a: { x: 0, y: 0 } });
  });
  it('stays clean when undo goes back past the automatic layout of a pipeline without one', () => {
    const store = createEditorStore();
    store.getState().load({ ...doc, layout: { version: 1, positions: {} } });
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo b' }));
    store.getState().setPositions({ a: { x: 10, y: 10 } }, false);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
    store.getState().setPositions({ a: { x: 60, y: 10 } });
    expect(store.getState().dirty).toBe(true);
  });

  it('is clean after a save that an automatic layout overtook, as that layout counted as saved before it', () => {
    const store = createEditorStore();
    store.getState().load({ ...doc, layout: { version: 1, positions: {} } });
    store.getState().edit((draft) => updateStep(draft, 'a', { run: 'echo b' }));
    const written = { draft: store.getState().draft, positions: store.getState().positions };
    store.getState().setPositions({ a: { x: 10, y: 10 } }, false);
    store.getState().saved('text', 'h2', written);
    expect(store.getState().dirty).toBe(false);
    store.getState().setPositions({ a: { x: 60, y: 10 } });
    expect(store.getState().dirty).toBe(true);
  });
});
