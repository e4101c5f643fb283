import { describe, expect, it } from 'vitest';
import type { RunComparison, RunSide, StepBeside } from '../../../shared/journeys/journey-types.js';
import { differingSteps } from './compare-marks.js';

const SIDE: RunSide = {
  id: 'a',
  pipeline: 'sales',
  status: 'failed',
  environment: 'test',
  ref: null,
  gitBranch: 'main',
  gitCommit: null,
  trigger: 'manual',
  createdAt: 1,
  images: {},
};

function comparison(steps: StepBeside[]): RunComparison {
  return { a: SIDE, b: { ...SIDE, id: 'b' }, params: [], steps, tests: [], metrics: [], differences: [] };
}

describe('differingSteps', () => {
  it('notes each step whose outcome differs, older run first', () => {
    const notes = differingSteps(
      comparison([
        {
          id: 'ingest',
          a: { status: 'succeeded', durationMs: 5, cached: false },
          b: { status: 'succeeded', durationMs: 9, cached: false },
          differs: false,
        },
        {
          id: 'check',
          a: { status: 'failed', durationMs: 5, cached: false },
          b: { status: 'succeeded', durationMs: 5, cached: false },
          differs: true,
        },
        { id: 'load', a: { status: 'succeeded', durationMs: 5, cached: true }, b: null, differs: true },
      ]),
    );
    expect([...notes]).toEqual([
      ['check', 'failed → succeeded'],
      ['load', 'succeeded (cache) → not run'],
    ]);
  });

  it('notes nothing without a comparison', () => {
    expect(differingSteps(null).size).toBe(0);
  });
});
