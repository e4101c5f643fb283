// Which steps are made ahead while a step runs: only those it is the last to hold up, never more
// than the run has places, and none whose start depends on more than its upstream.
import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { stepsToMakeAhead } from './look-ahead.js';
import { freshRow } from './step-state.js';
import type { StepState } from './step-state.js';

const state = (id: string, waitingOn: number, status: StepState['status'] = 'pending'): StepState => ({
  ...freshRow(id),
  status,
  tests: [],
  waitingOn,
  position: 0,
});

const specs: Record<string, StepSpec> = {
  next: { run: 'true' },
  other: { run: 'true' },
  third: { run: 'true' },
  conditional: { run: 'true', when: 'params.full' },
  notebook: { notebook: 'analysis.ipynb' },
};
const spec = (id: string) => specs[id] ?? { run: 'true' };
const running = state('running', 0, 'running');
const ids = (chosen: StepState[]) => chosen.map((step) => step.id);

describe('steps made ahead while a step runs', () => {
  it('are the pending steps the running one is the last to hold up', () => {
    const chosen = stepsToMakeAhead({
      running,
      downstream: [state('next', 1), state('other', 2), state('third', 1, 'skipped')],
      spec,
      made: new Set(),
      room: 4,
    });
    expect(ids(chosen)).toEqual(['next']);
  });

  it('are never more than the run has places, counting those made already', () => {
    const downstream = [state('next', 1), state('other', 1), state('third', 1)];
    expect(ids(stepsToMakeAhead({ running, downstream, spec, made: new Set(), room: 2 }))).toEqual(['next', 'other']);
    expect(ids(stepsToMakeAhead({ running, downstream, spec, made: new Set(['elsewhere']), room: 2 }))).toEqual([
      'next',
    ]);
    expect(ids(stepsToMakeAhead({ running, downstream, spec, made: new Set(['next']), room: 3 }))).toEqual([
      'other',
      'third',
    ]);
  });

  it('leave out a step with a condition and a notebook step', () => {
    const chosen = stepsToMakeAhead({
      running,
      downstream: [state('conditional', 1), state('notebook', 1), state('next', 1)],
      spec,
      made: new Set(),
      room: 4,
    });
    expect(ids(chosen)).toEqual(['next']);
  });
});
