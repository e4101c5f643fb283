import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PipelineFileSchema } from '../pipeline/schema.js';
import { isDeepStrictEqual } from '../yaml/deep-equal.js';
import { mergePipelineTexts, resolvePipelineMerge } from './pipeline-merge.js';
import type { ConflictChoice, PipelineMerge } from './merge-types.js';

// Small vocabularies so that independently generated versions share steps, params and tests,
// which is where a merge has decisions to make.
const STEP_IDS = ['ingest', 'clean', 'train', 'report'] as const;
const PATHS = ['data/raw.csv', 'data/clean.csv', 'data', 'models/model.pkl'] as const;

const testSpec = fc.record(
  {
    name: fc.constantFrom('not_empty', 'has_rows', 'fresh'),
    command: fc.constantFrom('true', 'test -s data/clean.csv'),
    severity: fc.constantFrom('error', 'warn'),
  },
  { requiredKeys: ['command'] },
);

const step = fc.record(
  {
    run: fc.constantFrom('python ingest.py', 'python clean.py', 'echo done'),
    environment: fc.constantFrom('python', 'docker'),
    needs: fc.uniqueArray(fc.constantFrom(...STEP_IDS), { maxLength: 2 }),
    inputs: fc.uniqueArray(fc.constantFrom(...PATHS), { maxLength: 2 }),
    outputs: fc.uniqueArray(fc.constantFrom(...PATHS), { maxLength: 2 }),
    retries: fc.integer({ min: 0, max: 3 }),
    tests: fc.array(testSpec, { maxLength: 3 }),
  },
  { requiredKeys: ['run'] },
);

const pipeline = fc.record(
  {
    version: fc.constant(1),
    name: fc.constantFrom('churn', 'sales'),
    description: fc.constantFrom('Weekly churn', 'Sales report'),
    params: fc.dictionary(
      fc.constantFrom('fraction', 'region'),
      fc.record({ type: fc.constant('integer'), default: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ['type'] }),
      { maxKeys: 2 },
    ),
    steps: fc.dictionary(fc.constantFrom(...STEP_IDS), step, { maxKeys: 4 }),
  },
  { requiredKeys: ['version', 'name', 'steps'] },
);

type Pipeline = typeof pipeline extends fc.Arbitrary<infer T> ? T : never;

/** A branch of `base`: each step kept, taken from `other`, deleted, or given other's run. */
function branchOf(base: Pipeline, other: Pipeline, picks: readonly number[]): string {
  const steps = STEP_IDS.flatMap((id, index) => {
    const mine = base.steps[id];
    const theirs = other.steps[id];
    const pick = picks[index] ?? 0;
    const chosen =
      pick === 0 ? mine : pick === 1 ? theirs : pick === 2 ? undefined : mine && theirs && { ...mine, run: theirs.run };
    return chosen ? [[id, chosen] as const] : [];
  });
  const top = picks[STEP_IDS.length] === 1 ? other : base;
  return stringify({ ...base, description: top.description, params: top.params, steps: Object.fromEntries(steps) });
}

const picks = fc.array(fc.nat(3), { minLength: STEP_IDS.length + 1, maxLength: STEP_IDS.length + 1 });
const versions = fc.tuple(pipeline, pipeline, pipeline, picks, picks).map(([base, one, two, onePicks, twoPicks]) => ({
  base: stringify(base),
  ours: branchOf(base, one, onePicks),
  theirs: branchOf(base, two, twoPicks),
}));

function expectMergedTo(merge: PipelineMerge, text: string) {
  expect(merge.conflicts).toEqual([]);
  expect(merge.data).toEqual(parse(text));
  expect(parse(merge.text)).toEqual(parse(text));
}

/**
 * Set-like lists in one order, and empty lists and maps dropped: whether a side had `params: {}`
 * or no params is not in a conflict's values, so a resolution cannot tell the two apart.
 */
function normalized(data: unknown): unknown {
  return JSON.parse(
    JSON.stringify(data, (key, value: unknown) => {
      if (value === null || typeof value !== 'object' || key === '') return value;
      if (Object.keys(value).length === 0) return undefined;
      const setLike = Array.isArray(value) && (key === 'tests' || ['needs', 'inputs', 'outputs'].includes(key));
      return setLike ? [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : value;
    }),
  );
}

describe('mergePipelineTexts properties', () => {
  it('a change on one side only is the result, and equal changes merge to that change', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, theirs }) => {
        expectMergedTo(mergePipelineTexts(base, ours, base), ours);
        expectMergedTo(mergePipelineTexts(base, base, theirs), theirs);
        expectMergedTo(mergePipelineTexts(base, ours, ours), ours);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same conflicts whichever side is ours, and writes text that reads back as the data', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, theirs }) => {
        const merge = mergePipelineTexts(base, ours, theirs);
        const swapped = mergePipelineTexts(base, theirs, ours);
        const key = (conflicts: PipelineMerge['conflicts']) => conflicts.map(({ id, kind }) => `${id} ${kind}`).sort();
        expect(key(merge.conflicts)).toEqual(key(swapped.conflicts));
        expect(parse(merge.text)).toEqual(merge.data);
        expect(PipelineFileSchema.safeParse(merge.data).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('resolving every conflict with theirs matches the merge made from their side', () => {
    fc.assert(
      fc.property(versions, ({ base, ours, theirs }) => {
        const merge = mergePipelineTexts(base, ours, theirs);
        const choices: Record<string, ConflictChoice> = Object.fromEntries(
          merge.conflicts.map(({ id }) => [id, { pick: 'theirs' }]),
        );
        const resolved: unknown = parse(resolvePipelineMerge(ours, merge, choices));
        const fromTheirSide = mergePipelineTexts(base, theirs, ours).data;
        expect(
          isDeepStrictEqual(normalized(resolved), normalized(fromTheirSide)),
          JSON.stringify({ resolved, fromTheirSide }),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
