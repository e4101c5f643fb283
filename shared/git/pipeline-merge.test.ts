import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validatePipelineText } from '../validation/validate.js';
import { mergePipelineTexts, resolvePipelineMerge } from './pipeline-merge.js';

const FILE = 'pipelines/churn.pipeline.yaml';

const BASE = `# Churn model: train and evaluate.
version: 1
name: churn
params:
  sample_fraction: { type: number, default: 1.0, min: 0, max: 1 }   # 1.0 = all rows

steps:
  # Load the raw export.
  ingest:
    run: python steps/ingest.py          # reads data/raw
    outputs: [data/ingested.parquet]

  clean:
    run: python steps/clean.py
    inputs: [data/ingested.parquet]
    outputs: [data/clean.parquet]
    tests:
      - name: not_empty
        command: test -s data/clean.parquet
      - name: has_rows
        command: python checks/rows.py

  train:
    run: python steps/train.py --fraction "$PW_PARAM_SAMPLE_FRACTION"
    inputs: [data/clean.parquet]         # inferred edge from clean
    retries: 1
`;

/** A branch's version of BASE: each edit replaces one exact piece of text. */
function branch(...edits: Array<[string, string]>): string {
  return edits.reduce((text, [from, to]) => {
    expect(text, `missing: ${from}`).toContain(from);
    return text.replace(from, to);
  }, BASE);
}

const CLEAN_RUN = '    run: python steps/clean.py\n';

describe('mergePipelineTexts', () => {
  it('merges disjoint edits without conflicts and keeps our comments', () => {
    const ours = branch([CLEAN_RUN, '    run: python steps/clean.py --strict   # drop bad rows\n']);
    const theirs = branch(
      ['default: 1.0', 'default: 0.5'],
      [
        '\n  train:\n',
        '\n  validate:\n    run: python steps/validate.py\n    inputs: [data/clean.parquet]\n\n  train:\n',
      ],
    );
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([]);
    // The new step follows clean, as on their branch; patchYaml puts it before the blank line
    // and writes its list inline, as this file writes its lists.
    expect(merge.text).toBe(
      ours
        .replace('default: 1.0', 'default: 0.5')
        .replace(
          'python checks/rows.py\n',
          'python checks/rows.py\n  validate:\n    run: python steps/validate.py\n    inputs: [data/clean.parquet]\n',
        ),
    );
    expect(parse(merge.text)).toEqual(merge.data);
    expect(Object.keys((merge.data as { steps: object }).steps)).toEqual(['ingest', 'clean', 'validate', 'train']);
    expect(validatePipelineText(FILE, merge.text).problems).toEqual([]);
  });

  it('reports one conflict at exactly the field both sides changed, and merges the rest', () => {
    const ours = branch([CLEAN_RUN, '    run: python steps/clean.py --strict\n']);
    const theirs = branch([CLEAN_RUN, '    run: python steps/clean_v2.py\n    retries: 2\n']);
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([
      {
        id: 'steps/clean/run',
        path: ['steps', 'clean', 'run'],
        step: 'clean',
        field: 'run',
        kind: 'both-changed',
        base: 'python steps/clean.py',
        ours: 'python steps/clean.py --strict',
        theirs: 'python steps/clean_v2.py',
      },
    ]);
    expect(merge.text).toBe(branch([CLEAN_RUN, '    run: python steps/clean.py --strict\n    retries: 2\n']));
  });

  it('reports a step deleted on one side and changed on the other as one conflict', () => {
    const withoutTrain = BASE.slice(0, BASE.indexOf('\n  train:\n') + 1);
    const changedTrain = branch(['retries: 1', 'retries: 3'], ['--fraction', '--epochs 5 --fraction']);
    const merge = mergePipelineTexts(BASE, withoutTrain, changedTrain);
    expect(merge.conflicts).toHaveLength(1);
    expect(merge.conflicts[0]).toMatchObject({
      id: 'steps/train',
      path: ['steps', 'train'],
      step: 'train',
      field: null,
      kind: 'deleted-and-changed',
      ours: undefined,
    });
    expect(merge.conflicts[0]?.theirs).toEqual({
      run: 'python steps/train.py --epochs 5 --fraction "$PW_PARAM_SAMPLE_FRACTION"',
      inputs: ['data/clean.parquet'],
      retries: 3,
    });
    expect(merge.text).toBe(withoutTrain);

    const reversed = mergePipelineTexts(BASE, changedTrain, withoutTrain);
    expect(reversed.conflicts.map(({ id, kind, theirs }) => [id, kind, theirs])).toEqual([
      ['steps/train', 'deleted-and-changed', undefined],
    ]);
  });

  it('reports a param deleted on one side and changed on the other, and a description added on both', () => {
    const ours = branch(
      ['params:\n  sample_fraction: { type: number, default: 1.0, min: 0, max: 1 }   # 1.0 = all rows\n', ''],
      ['name: churn\n', 'name: churn\ndescription: Ours\n'],
    );
    const theirs = branch(['default: 1.0', 'default: 0.25'], ['name: churn\n', 'name: churn\ndescription: Theirs\n']);
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(
      merge.conflicts.map(({ id, step, field, kind, base, ours: mine, theirs: other }) => ({
        id,
        step,
        field,
        kind,
        base,
        ours: mine,
        theirs: other,
      })),
    ).toEqual([
      {
        id: 'description',
        step: null,
        field: 'description',
        kind: 'both-added',
        base: undefined,
        ours: 'Ours',
        theirs: 'Theirs',
      },
      {
        id: 'params/sample_fraction',
        step: null,
        field: 'sample_fraction',
        kind: 'deleted-and-changed',
        base: { type: 'number', default: 1, min: 0, max: 1 },
        ours: undefined,
        theirs: { type: 'number', default: 0.25, min: 0, max: 1 },
      },
    ]);
  });

  it("merges needs and inputs as sets: both sides' additions and removals apply", () => {
    const ours = branch([
      'inputs: [data/clean.parquet]',
      'inputs: [data/clean.parquet, data/features.parquet]\n    needs: [ingest]',
    ]);
    const theirs = branch(['inputs: [data/clean.parquet]', 'inputs: [data/extra.csv]\n    needs: [clean]']);
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([]);
    const train = (merge.data as { steps: Record<string, unknown> }).steps.train;
    expect(train).toMatchObject({ inputs: ['data/features.parquet', 'data/extra.csv'], needs: ['ingest', 'clean'] });
    expect(merge.text).toContain(
      '    inputs: [data/features.parquet, data/extra.csv]\n    needs: [ingest, clean]         # inferred edge from clean\n',
    );
  });

  it('drops a list that one side emptied and the other deleted', () => {
    const ours = branch(['    outputs: [data/clean.parquet]\n', '    outputs: []\n']);
    const theirs = branch(['    outputs: [data/clean.parquet]\n', '']);
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.text).toBe(theirs);
  });

  it('merges tests by name', () => {
    const ours = branch(['test -s data/clean.parquet', 'test -s data/clean.parquet && echo ok']);
    const theirs = branch([
      '        command: python checks/rows.py\n',
      '        command: python checks/rows.py\n        severity: warn\n      - name: fresh\n        command: python checks/fresh.py\n',
    ]);
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([]);
    expect((merge.data as { steps: { clean: unknown } }).steps.clean).toMatchObject({
      tests: [
        { name: 'not_empty', command: 'test -s data/clean.parquet && echo ok' },
        { name: 'has_rows', command: 'python checks/rows.py', severity: 'warn' },
        { name: 'fresh', command: 'python checks/fresh.py' },
      ],
    });
  });

  it('reports a test both sides changed at the test field, by test name', () => {
    const ours = branch(['test -s data/clean.parquet', 'test -s data/clean.parquet && echo ok']);
    const theirs = branch(
      ['      - name: not_empty\n', '      - name: first\n        command: "true"\n      - name: not_empty\n'],
      ['test -s data/clean.parquet', 'test -f data/clean.parquet'],
    );
    const merge = mergePipelineTexts(BASE, ours, theirs);
    expect(merge.conflicts).toEqual([
      expect.objectContaining({
        id: 'steps/clean/tests/not_empty/command',
        step: 'clean',
        field: 'tests',
        kind: 'both-changed',
        ours: 'test -s data/clean.parquet && echo ok',
        theirs: 'test -f data/clean.parquet',
      }),
    ]);
    const resolved = resolvePipelineMerge(ours, merge, { 'steps/clean/tests/not_empty/command': { pick: 'theirs' } });
    expect(parse(resolved).steps.clean.tests).toEqual([
      { name: 'not_empty', command: 'test -f data/clean.parquet' },
      { name: 'has_rows', command: 'python checks/rows.py' },
      { name: 'first', command: 'true' },
    ]);
  });

  it('merges a tests list with unnamed tests as one value', () => {
    const unnamed = (text: string) => text.replace('      - name: not_empty\n        command:', '      - command:');
    const ours = unnamed(branch(['python checks/rows.py', 'python checks/rows.py --min 10']));
    const theirs = unnamed(branch(['test -s data/clean.parquet', 'test -f data/clean.parquet']));
    const merge = mergePipelineTexts(unnamed(BASE), ours, theirs);
    expect(merge.conflicts.map(({ id, kind }) => [id, kind])).toEqual([['steps/clean/tests', 'both-changed']]);
  });

  it('merges a file added on both branches against an empty base', () => {
    const ours = 'version: 1\nname: churn\nsteps:\n  ingest:\n    run: python ingest.py\n';
    const theirs =
      'version: 1\nname: churn\nsteps:\n  ingest:\n    run: python load.py\n  train:\n    run: python train.py\n';
    const merge = mergePipelineTexts(null, ours, theirs);
    expect(merge.conflicts.map(({ id, kind, base }) => [id, kind, base])).toEqual([
      ['steps/ingest/run', 'both-added', undefined],
    ]);
    expect(merge.text).toBe(
      'version: 1\nname: churn\nsteps:\n  ingest:\n    run: python ingest.py\n  train:\n    run: python train.py\n',
    );
    expect(mergePipelineTexts(null, '', theirs)).toMatchObject({ conflicts: [], text: theirs });
  });

  it('reports documents that are not maps as one whole-file conflict', () => {
    const merge = mergePipelineTexts('version: 1\n', '- not a pipeline\n', 'version: 2\n');
    expect(merge.conflicts).toEqual([
      {
        id: '',
        path: [],
        step: null,
        field: null,
        kind: 'both-changed',
        base: { version: 1 },
        ours: ['not a pipeline'],
        theirs: { version: 2 },
      },
    ]);
    expect(resolvePipelineMerge('- not a pipeline\n', merge, { '': { pick: 'value', value: undefined } })).toBe('');
  });

  it('hands back an unreadable side as one whole-file conflict', () => {
    const broken = 'steps: [\n';
    const merge = mergePipelineTexts(BASE, BASE, broken);
    expect(merge).toEqual({
      data: parse(BASE),
      text: BASE,
      conflicts: [
        { id: '', path: [], step: null, field: null, kind: 'unreadable', base: BASE, ours: BASE, theirs: broken },
      ],
    });
    expect(mergePipelineTexts(BASE, broken, BASE).data).toBeUndefined();
    expect(resolvePipelineMerge(BASE, merge, { '': { pick: 'theirs' } })).toBe(broken);
    expect(resolvePipelineMerge(BASE, merge, { '': { pick: 'value', value: 'version: 1\n' } })).toBe('version: 1\n');
    expect(() => resolvePipelineMerge(BASE, merge, { '': { pick: 'value', value: { version: 1 } } })).toThrow(
      'text of the whole file',
    );
  });
});
