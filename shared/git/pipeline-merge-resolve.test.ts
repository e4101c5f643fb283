import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validatePipelineText } from '../validation/validate.js';
import { mergePipelineTexts, resolvePipelineMerge } from './pipeline-merge.js';

const BASE = `# Churn model: train and evaluate.
version: 1
name: churn
steps:
  clean:
    run: python steps/clean.py           # drops bad rows
    tests:
      - name: not_empty
        command: test -s data/clean.csv
      - name: has_rows
        command: python checks/rows.py

  train:
    run: python steps/train.py
    retries: 1
`;

/** A branch's version of BASE: each edit replaces one exact piece of text. */
function branch(...edits: Array<[string, string]>): string {
  return edits.reduce((text, [from, to]) => {
    expect(text, `missing: ${from}`).toContain(from);
    return text.replace(from, to);
  }, BASE);
}

const CLEAN_RUN = 'python steps/clean.py ';
const WITHOUT_TRAIN = BASE.slice(0, BASE.indexOf('\n  train:\n') + 1);
const HAS_ROWS = '      - name: has_rows\n        command: python checks/rows.py\n';

describe('resolvePipelineMerge', () => {
  const ours = branch([CLEAN_RUN, 'python steps/clean.py --strict '], ['retries: 1', 'retries: 2']);
  const theirs = branch([CLEAN_RUN, 'python steps/clean_v2.py '], ['retries: 1', 'retries: 5']);
  const merge = mergePipelineTexts(BASE, ours, theirs);

  it('applies ours, theirs or a value for each conflict', () => {
    expect(merge.conflicts.map((conflict) => conflict.id)).toEqual(['steps/clean/run', 'steps/train/retries']);
    const resolved = resolvePipelineMerge(ours, merge, {
      'steps/clean/run': { pick: 'theirs' },
      'steps/train/retries': { pick: 'value', value: 4 },
    });
    expect(resolved).toBe(branch([CLEAN_RUN, 'python steps/clean_v2.py '], ['retries: 1', 'retries: 4']));
    expect(
      resolvePipelineMerge(ours, merge, {
        'steps/clean/run': { pick: 'ours' },
        'steps/train/retries': { pick: 'ours' },
      }),
    ).toBe(ours);
  });

  it('removes the key when the chosen value is undefined', () => {
    const resolved = resolvePipelineMerge(ours, merge, {
      'steps/clean/run': { pick: 'ours' },
      'steps/train/retries': { pick: 'value', value: undefined },
    });
    expect(resolved).toBe(ours.replace('    retries: 2\n', ''));
  });

  it('names every conflict that has no choice', () => {
    expect(() => resolvePipelineMerge(ours, merge, { 'steps/clean/run': { pick: 'ours' } })).toThrow(
      'no choice for merge conflicts: "steps/train/retries"',
    );
  });

  it('restores or drops a step deleted on one side', () => {
    const changedTrain = branch(['retries: 1', 'retries: 3']);
    const deleted = mergePipelineTexts(BASE, WITHOUT_TRAIN, changedTrain);
    const restored = resolvePipelineMerge(WITHOUT_TRAIN, deleted, { 'steps/train': { pick: 'theirs' } });
    // patchYaml adds the step after the last one, before the trailing blank line.
    expect(restored).toBe(`${WITHOUT_TRAIN.trimEnd()}\n  train:\n    run: python steps/train.py\n    retries: 3\n\n`);
    expect(validatePipelineText('pipelines/churn.pipeline.yaml', restored).problems).toEqual([]);

    const kept = mergePipelineTexts(BASE, changedTrain, WITHOUT_TRAIN);
    expect(resolvePipelineMerge(changedTrain, kept, { 'steps/train': { pick: 'theirs' } })).toBe(WITHOUT_TRAIN);
  });

  it('restores a test deleted on our side when their change to it is chosen', () => {
    const changedTest = branch(['python checks/rows.py', 'python checks/rows.py --min 10']);
    const oneDeleted = branch([HAS_ROWS, '']);
    const merge = mergePipelineTexts(BASE, oneDeleted, changedTest);
    expect(merge.conflicts.map(({ id, kind, step, field }) => [id, kind, step, field])).toEqual([
      ['steps/clean/tests/has_rows', 'deleted-and-changed', 'clean', 'tests'],
    ]);
    expect(resolvePipelineMerge(oneDeleted, merge, { 'steps/clean/tests/has_rows': { pick: 'theirs' } })).toBe(
      changedTest,
    );

    const allDeleted = branch([
      `    tests:\n      - name: not_empty\n        command: test -s data/clean.csv\n${HAS_ROWS}`,
      '',
    ]);
    const emptied = mergePipelineTexts(BASE, allDeleted, changedTest);
    expect(emptied.conflicts.map(({ id }) => id)).toEqual(['steps/clean/tests/has_rows']);
    expect(emptied.text).toBe(allDeleted);
    const restored = parse(
      resolvePipelineMerge(allDeleted, emptied, { 'steps/clean/tests/has_rows': { pick: 'theirs' } }),
    );
    expect(restored.steps.clean.tests).toEqual([{ name: 'has_rows', command: 'python checks/rows.py --min 10' }]);
  });

  it('resolves a param deleted on one side by keeping their change', () => {
    const withParam = BASE.replace('steps:\n', 'params:\n  fraction: { type: number, default: 1 }\nsteps:\n');
    const changed = withParam.replace('default: 1 }', 'default: 0.5 }');
    const merge = mergePipelineTexts(withParam, BASE, changed);
    expect(merge.conflicts.map(({ id, field }) => [id, field])).toEqual([['params/fraction', 'fraction']]);
    const resolved = parse(resolvePipelineMerge(BASE, merge, { 'params/fraction': { pick: 'theirs' } }));
    expect(resolved.params).toEqual({ fraction: { type: 'number', default: 0.5 } });
  });
});
