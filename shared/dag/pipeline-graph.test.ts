import { describe, expect, it } from 'vitest';
import type { PipelineSpec } from '../pipeline/schema.js';
import { buildPipelineGraph, findCycle, reachable, topologicalOrder } from './pipeline-graph.js';
import { selectSteps, UnknownStepError } from './select-steps.js';

const steps = (definition: Record<string, Partial<PipelineSpec['steps'][string]>>): Pick<PipelineSpec, 'steps'> => ({
  steps: Object.fromEntries(Object.entries(definition).map(([id, step]) => [id, { run: 'true', ...step }])),
});

// ingest -> clean -> (revenue, customers) -> report, plus an unrelated lint step
const PIPELINE = steps({
  report: { inputs: ['marts/revenue.csv', 'marts/customers.csv'] },
  ingest: { outputs: ['staged/orders.jsonl'] },
  clean: { inputs: ['./staged/orders.jsonl'], outputs: ['clean'] },
  revenue: { inputs: ['clean/orders.jsonl'], outputs: ['marts/revenue.csv'] },
  customers: { needs: ['clean'], outputs: ['marts/customers.csv'] },
  lint: {},
});

describe('buildPipelineGraph', () => {
  it('infers data edges from outputs to inputs, including files inside an output folder', () => {
    const graph = buildPipelineGraph(PIPELINE);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'ingest', to: 'clean', explicit: false, via: ['staged/orders.jsonl'] },
        { from: 'clean', to: 'revenue', explicit: false, via: ['clean/orders.jsonl'] },
        { from: 'clean', to: 'customers', explicit: true, via: [] },
        { from: 'revenue', to: 'report', explicit: false, via: ['marts/revenue.csv'] },
      ]),
    );
    expect(graph.edges).toHaveLength(5);
  });

  it('keeps one edge for a step that is both needed and read', () => {
    const graph = buildPipelineGraph(steps({ a: { outputs: ['x'] }, b: { needs: ['a'], inputs: ['x/y.csv'] } }));
    expect(graph.edges).toEqual([{ from: 'a', to: 'b', explicit: true, via: ['x/y.csv'] }]);
  });

  it('orders steps topologically, taking ready steps in declaration order', () => {
    expect(topologicalOrder(buildPipelineGraph(PIPELINE))).toEqual([
      'ingest',
      'clean',
      'revenue',
      'customers',
      'report',
      'lint',
    ]);
  });

  it('finds no cycle in a DAG and the cycle in a cyclic graph', () => {
    expect(findCycle(buildPipelineGraph(PIPELINE))).toBeNull();
    const cyclic = buildPipelineGraph(steps({ a: { needs: ['c'] }, b: { needs: ['a'] }, c: { needs: ['b'] } }));
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('handles 20,000 steps in a chain (deeper than the call stack) and 20,000 independent ones in linear time', () => {
    const chain = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, index) => [`s${index}`, index === 0 ? {} : { needs: [`s${index - 1}`] }]),
    );
    const chained = buildPipelineGraph(steps(chain));
    expect(findCycle(chained)).toBeNull();
    expect(topologicalOrder(chained).slice(0, 3)).toEqual(['s0', 's1', 's2']);
    const closed = buildPipelineGraph(steps({ ...chain, s0: { needs: ['s19999'] } }));
    expect(findCycle(closed)).toHaveLength(20_001);
    const flat = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, index) => [
        `f${index}`,
        { outputs: [`out/f${index}.csv`], inputs: [`in/f${index}.csv`] },
      ]),
    );
    const started = performance.now();
    const order = topologicalOrder(buildPipelineGraph(steps(flat)));
    // Quadratic work (each input against every output, re-sorting the ready steps) takes minutes here.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(order).toEqual(Object.keys(flat));
  });

  it('walks upstream and downstream', () => {
    const graph = buildPipelineGraph(PIPELINE);
    expect([...reachable(graph, 'clean', 'downstream')].sort()).toEqual(['customers', 'report', 'revenue']);
    expect([...reachable(graph, 'report', 'upstream')].sort()).toEqual(['clean', 'customers', 'ingest', 'revenue']);
  });
});

describe('selectSteps', () => {
  const graph = buildPipelineGraph(PIPELINE);
  const sorted = (set: Set<string>) => [...set].sort();

  it('selects everything by default', () => {
    expect(selectSteps(graph, {}).size).toBe(6);
  });

  it('--only takes just the named steps', () => {
    expect(sorted(selectSteps(graph, { only: ['clean', 'lint'] }))).toEqual(['clean', 'lint']);
  });

  it('--from takes a step and everything downstream', () => {
    expect(sorted(selectSteps(graph, { from: ['revenue'] }))).toEqual(['report', 'revenue']);
  });

  it('--to takes a step and everything it needs', () => {
    expect(sorted(selectSteps(graph, { to: ['customers'] }))).toEqual(['clean', 'customers', 'ingest']);
  });

  it('--from and --to together take the steps between', () => {
    expect(sorted(selectSteps(graph, { from: ['clean'], to: ['report'] }))).toEqual([
      'clean',
      'customers',
      'report',
      'revenue',
    ]);
  });

  it('refuses a step that does not exist', () => {
    expect(() => selectSteps(graph, { from: ['claen'] })).toThrow(UnknownStepError);
  });
});
