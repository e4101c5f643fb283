import { describe, expect, it } from 'vitest';
import { cycleEdgeIds } from './cycle-edges.js';
import { buildPipelineGraph } from './pipeline-graph.js';

const pipeline = (needs: Record<string, string[]>) =>
  buildPipelineGraph({
    steps: Object.fromEntries(Object.entries(needs).map(([id, list]) => [id, { run: `echo ${id}`, needs: list }])),
  });

describe('cycleEdgeIds', () => {
  it('marks nothing in a DAG', () => {
    expect(cycleEdgeIds(pipeline({ a: [], b: ['a'], c: ['a', 'b'] }))).toEqual(new Set());
  });

  it('marks every edge of a loop and none of the edges leading into or out of it', () => {
    const ids = cycleEdgeIds(pipeline({ start: [], a: ['start', 'c'], b: ['a'], c: ['b'], end: ['c'] }));
    expect(ids).toEqual(new Set(['c->a', 'a->b', 'b->c']));
  });

  it('marks two separate loops and a step that needs itself', () => {
    const ids = cycleEdgeIds(pipeline({ a: ['b'], b: ['a'], x: ['y'], y: ['x'], self: ['self'], free: ['a'] }));
    expect(ids).toEqual(new Set(['b->a', 'a->b', 'y->x', 'x->y', 'self->self']));
  });

  it('marks edges inferred from files, and handles a 20,000-step chain closed into a loop without recursion', () => {
    const data = buildPipelineGraph({
      steps: { write: { run: 'x', outputs: ['d.csv'], needs: ['read'] }, read: { run: 'y', inputs: ['d.csv'] } },
    });
    expect(cycleEdgeIds(data)).toEqual(new Set(['read->write', 'write->read']));
    const chain: Record<string, string[]> = {};
    for (let index = 0; index < 20_000; index += 1) chain[`s${index}`] = [`s${(index + 19_999) % 20_000}`];
    expect(cycleEdgeIds(pipeline(chain)).size).toBe(20_000);
  });
});
