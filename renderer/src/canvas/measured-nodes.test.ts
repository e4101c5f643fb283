import { describe, expect, it } from 'vitest';
import type { StepNode } from './flow-model.js';
import { UNMEASURED_HANDLES } from './flow-model.js';
import { forgetUnmeasuredHandles, keepMeasured } from './measured-nodes.js';

const node = (id: string, x = 0): StepNode => ({
  id,
  type: 'step',
  position: { x, y: 0 },
  data: { id, step: { run: `echo ${id}` }, environment: null, run: null, errors: 0, mark: null },
});

describe('keepMeasured', () => {
  it('keeps the node React Flow measured (and moved) when the derived node did not change', () => {
    const a = node('a');
    const shown = { ...a, position: { x: 40, y: 0 }, measured: { width: 230, height: 80 } };
    expect(keepMeasured([a], [shown], [a])[0]).toBe(shown);
  });

  it("gives a changed node its predecessor's measured size, so its handles stay known", () => {
    const before = node('a');
    const after = { ...node('a'), selected: true };
    const [next] = keepMeasured([after], [{ ...before, measured: { width: 230, height: 80 } }], [before]);
    expect(next).toMatchObject({ selected: true, measured: { width: 230, height: 80 } });
  });

  it('hands over a new or never measured node as derived', () => {
    const a = node('a');
    const b = node('b');
    const result = keepMeasured([a, b], [a], [a]);
    expect(result[0]).toBe(a);
    expect(result[1]).toBe(b);
  });

  it('leaves out the handles a changed node was derived with once its predecessor was measured', () => {
    const before = { ...node('a'), handles: UNMEASURED_HANDLES };
    const after = { ...before, selected: true };
    const [next] = keepMeasured([after], [{ ...before, measured: { width: 230, height: 80 } }], [before]);
    expect(next?.handles).toBeUndefined();
    expect(next?.measured).toEqual({ width: 230, height: 80 });
  });
});

describe('keepMeasured after the overview', () => {
  it('hands a node shown again after being hidden over as derived, with the handles it was derived with', () => {
    const hidden = { ...node('a'), hidden: true, handles: UNMEASURED_HANDLES };
    const shownAgain = { ...node('a'), handles: UNMEASURED_HANDLES };
    const [next] = keepMeasured([shownAgain], [{ ...hidden, measured: { width: 230, height: 68 } }], [hidden]);
    expect(next).toBe(shownAgain);
  });
});

describe('forgetUnmeasuredHandles', () => {
  it('drops the derived handles of a measured node, so React Flow keeps the handles it measured', () => {
    const measured = { ...node('a'), handles: UNMEASURED_HANDLES, measured: { width: 230, height: 92 } };
    const [next] = forgetUnmeasuredHandles([measured]);
    expect(next?.handles).toBeUndefined();
    expect(next).toMatchObject({ id: 'a', measured: { width: 230, height: 92 } });
  });

  it('keeps a node not measured yet as it is, handles and all', () => {
    const waiting = { ...node('b'), handles: UNMEASURED_HANDLES };
    expect(forgetUnmeasuredHandles([waiting])[0]).toBe(waiting);
  });
});
