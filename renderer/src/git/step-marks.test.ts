import { describe, expect, it } from 'vitest';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import { stepMarks } from './step-marks.js';

const base = { version: 1, name: 'p', steps: { a: { run: 'x' }, b: { run: 'y' }, c: { run: 'z' } } };
const now = { version: 1, name: 'p', steps: { a: { run: 'x' }, b: { run: 'y2' }, d: { run: 'new' } } };

describe('stepMarks', () => {
  it('marks steps added, changed and removed since the compared version, and leaves the rest', () => {
    const marks = stepMarks(diffPipelines(base, now), null);
    expect(Object.fromEntries(marks)).toEqual({ b: 'changed', d: 'added', c: 'removed' });
  });

  it('marks steps with unresolved merge conflicts over their diff mark', () => {
    const conflict = {
      id: 'steps/b/run',
      path: ['steps', 'b', 'run'],
      step: 'b',
      field: 'run',
      kind: 'both-changed' as const,
      base: 'y',
      ours: 'y2',
      theirs: 'y3',
    };
    const file = {
      path: 'pipelines/p.pipeline.yaml',
      kind: 'pipeline' as const,
      resolved: false,
      conflicts: [conflict],
      deletedBy: null,
    };
    expect(stepMarks(diffPipelines(base, now), file).get('b')).toBe('conflict');
    expect(stepMarks(null, { ...file, resolved: true }).size).toBe(0);
  });
});
