// The step cache, subgraph selection and --resume, through the built CLI on real files.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { runJson, stepStatuses } from '../testing/cli-runs.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const run = (...args: string[]): Promise<RunSummary> => runJson(workspace.root, ...args);

// extract -> transform -> load, plus a side branch; every step appends to runs.log when it runs.
const CHAIN = pipelineYaml(
  'chain',
  `  extract:
    run: cat raw.csv > extracted.csv; echo extract >> runs.log
    inputs: [raw.csv]
    outputs: [extracted.csv]
  transform:
    run: sh scripts/transform.sh
    inputs: [extracted.csv]
    outputs: [out/transformed.csv]
  load:
    run: cp out/transformed.csv loaded.csv; echo load >> runs.log
    inputs: [out/transformed.csv]
    outputs: [loaded.csv]
  side:
    run: echo "$PW_PARAM_LABEL" > side.txt; echo side >> runs.log
    outputs: [side.txt]
`,
  '  label: { type: string, default: first }\n',
);

function chainWorkspace(): TempWorkspace {
  return tempWorkspace({
    'pipelines/chain.pipeline.yaml': CHAIN,
    'raw.csv': 'a,b\n1,2\n',
    'scripts/transform.sh':
      'mkdir -p out; tr a-z A-Z < extracted.csv > out/transformed.csv; echo transform >> runs.log\n',
  });
}

const ranSteps = () => {
  const text = readFileSync(workspace.path('runs.log'), 'utf8');
  rmSync(workspace.path('runs.log'));
  return text.trim().split('\n').sort();
};

describe('the step cache', () => {
  it('skips unchanged steps and re-runs what an input, a param or the step code changed', async () => {
    workspace = chainWorkspace();
    expect(stepStatuses(await run('chain'))).toEqual({
      extract: 'succeeded',
      transform: 'succeeded',
      load: 'succeeded',
      side: 'succeeded',
    });
    expect(ranSteps()).toEqual(['extract', 'load', 'side', 'transform']);

    const cachedRun = await run('chain');
    expect(stepStatuses(cachedRun)).toEqual({ extract: 'cached', transform: 'cached', load: 'cached', side: 'cached' });
    expect(cachedRun.steps.every((step) => step.cached && step.cachedFrom !== null)).toBe(true);

    writeFileSync(workspace.path('raw.csv'), 'a,b\n3,4\n');
    expect(stepStatuses(await run('chain'))).toEqual({
      extract: 'succeeded',
      transform: 'succeeded',
      load: 'succeeded',
      side: 'cached',
    });
    expect(ranSteps()).toEqual(['extract', 'load', 'transform']);
    expect(readFileSync(workspace.path('loaded.csv'), 'utf8')).toBe('A,B\n3,4\n');

    expect(stepStatuses(await run('chain', '--param', 'label=second'))).toEqual({
      extract: 'succeeded',
      transform: 'succeeded',
      load: 'succeeded',
      side: 'succeeded',
    });
    ranSteps();
    expect(stepStatuses(await run('chain', '--param', 'label=second'))).toEqual({
      extract: 'cached',
      transform: 'cached',
      load: 'cached',
      side: 'cached',
    });

    writeFileSync(
      workspace.path('scripts/transform.sh'),
      'mkdir -p out; cp extracted.csv out/transformed.csv; echo transform >> runs.log\n',
    );
    expect(stepStatuses(await run('chain', '--param', 'label=second'))).toEqual({
      extract: 'cached',
      transform: 'succeeded',
      load: 'succeeded',
      side: 'cached',
    });
    expect(ranSteps()).toEqual(['load', 'transform']);
  });

  it('puts back a deleted or changed output from the output store instead of re-running, and runs everything with --no-cache', async () => {
    workspace = chainWorkspace();
    await run('chain');
    rmSync(workspace.path('loaded.csv'));
    writeFileSync(workspace.path('side.txt'), 'tampered\n');
    rmSync(workspace.path('runs.log'));
    expect(stepStatuses(await run('chain'))).toEqual({
      extract: 'cached',
      transform: 'cached',
      load: 'cached',
      side: 'cached',
    });
    expect(readFileSync(workspace.path('loaded.csv'), 'utf8')).toBe('A,B\n1,2\n');
    expect(readFileSync(workspace.path('side.txt'), 'utf8')).toBe('first\n');
    rmSync(workspace.path('.pipewright/objects'), { recursive: true });
    rmSync(workspace.path('loaded.csv'));
    expect(stepStatuses(await run('chain'))).toEqual({
      extract: 'cached',
      transform: 'cached',
      load: 'succeeded',
      side: 'cached',
    });
    expect(ranSteps()).toEqual(['load']);
    expect(stepStatuses(await run('chain', '--no-cache'))).toEqual({
      extract: 'succeeded',
      transform: 'succeeded',
      load: 'succeeded',
      side: 'succeeded',
    });
  });

  it('always runs a step marked cache: false, and what needs it', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  fetch:\n    run: date +%N > fetched.txt\n    cache: false\n  use:\n    run: "true"\n    needs: [fetch]\n',
      ),
    });
    await run('p');
    expect(stepStatuses(await run('p'))).toEqual({ fetch: 'succeeded', use: 'succeeded' });
  });
});

describe('selecting steps', () => {
  it('runs only, from or up to a step', async () => {
    workspace = chainWorkspace();
    const ids = (summary: RunSummary) => summary.steps.map((step) => step.id);
    expect(ids(await run('chain', '--to', 'transform'))).toEqual(['extract', 'transform']);
    expect(ids(await run('chain', '--only', 'load'))).toEqual(['load']);
    expect(ids(await run('chain', '--from', 'transform'))).toEqual(['transform', 'load']);
    expect(ids(await run('chain', '--from', 'extract', '--to', 'transform'))).toEqual(['extract', 'transform']);
    expect(ids(await run('chain', '--only', 'side,extract'))).toEqual(['extract', 'side']);
  });
});

describe('--resume', () => {
  it('re-runs only what failed, was skipped or never ran, in the same run', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  first:
    run: echo first >> runs.log; echo 1 > first.txt
    outputs: [first.txt]
  gate:
    run: test -f ready && echo gate >> runs.log
    needs: [first]
  after:
    run: echo after >> runs.log
    needs: [gate]
  other:
    run: echo other >> runs.log
`,
      ),
    });
    const failed = await run('p', '--no-cache');
    expect(stepStatuses(failed)).toEqual({ first: 'succeeded', gate: 'failed', after: 'skipped', other: 'succeeded' });
    expect(ranSteps()).toEqual(['first', 'other']);

    writeFileSync(workspace.path('ready'), '');
    const resumed = await run('--resume', failed.id.slice(0, 17));
    expect(resumed.id).toBe(failed.id);
    expect(resumed.status).toBe('succeeded');
    expect(stepStatuses(resumed)).toEqual({
      first: 'succeeded',
      gate: 'succeeded',
      after: 'succeeded',
      other: 'succeeded',
    });
    expect(ranSteps()).toEqual(['after', 'gate']);
    expect(resumed.steps.find((step) => step.id === 'gate')?.attempts).toBe(2);
    expect(resumed.params).toEqual(failed.params);

    const again = await runCli(['run', '--resume', 'last', '--param', 'x=1'], workspace.root);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--param cannot be combined with --resume');
  });
});
