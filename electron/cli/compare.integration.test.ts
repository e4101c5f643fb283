// `pipewright compare` through the built CLI: two real runs that differ in one param (set by
// the environment in one, by --param in the other), in one step's outcome and in one metric —
// and the comparison names exactly those differences, nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunComparison } from '../../shared/journeys/journey-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import { tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const SETTINGS = `version: 1
environments:
  test:
    params: { sample_fraction: 0.5 }
`;

// check fails only on a sample too small; evaluate's score is the fraction; summary and its
// test come out the same whatever the fraction.
const PIPELINE = `version: 1
name: model
params:
  sample_fraction: { type: number, default: 1, min: 0, max: 1 }
  region: { type: string, default: eu }
steps:
  check:
    run: '[ "$PW_PARAM_SAMPLE_FRACTION" != "0.25" ] || { echo "sample too small" >&2; exit 3; }'
  evaluate:
    run: 'mkdir -p metrics && printf ''{"score": %s}'' "$PW_PARAM_SAMPLE_FRACTION" > metrics/eval.json'
    outputs: [metrics/eval.json]
    metrics: [metrics/eval.json]
  summary:
    run: 'printf "id,region\\n1,%s\\n2,%s\\n" "$PW_PARAM_REGION" "$PW_PARAM_REGION" > summary.csv'
    outputs: [summary.csv]
    tests:
      - name: two rows
        row_count: { path: summary.csv, min: 2, max: 2 }
`;

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

async function run(args: string[]): Promise<RunSummary> {
  const result = await runCli(['run', 'model', '-e', 'test', '--no-cache', '--json', ...args], workspace.root);
  expect(result.stdout, result.stderr).not.toBe('');
  return JSON.parse(result.stdout) as RunSummary;
}

describe('pipewright compare', () => {
  it('reports exactly the param, step status and metric two runs differ in', async () => {
    workspace = tempWorkspace({ 'pipewright.yaml': SETTINGS, 'pipelines/model.pipeline.yaml': PIPELINE });
    const first = await run([]);
    const second = await run(['--param', 'sample_fraction=0.25']);
    expect(first.status).toBe('succeeded');
    expect(second.status).toBe('failed');

    const result = await runCli(['compare', first.id, second.id, '--json'], workspace.root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout) as RunComparison;
    expect(comparison.differences).toEqual([
      'param sample_fraction: 0.5 (environment) → 0.25 (run)',
      'step check: succeeded → failed',
      'metric metrics/eval.json:score of evaluate: 0.5 → 0.25 (-0.25)',
    ]);
    expect(comparison.a).toMatchObject({
      id: first.id,
      environment: 'test',
      trigger: 'manual',
      ref: null,
      status: 'succeeded',
    });
    expect(comparison.b).toMatchObject({
      id: second.id,
      environment: 'test',
      trigger: 'manual',
      ref: null,
      status: 'failed',
    });
    expect(comparison.params).toEqual([
      { name: 'region', a: { value: 'eu', source: 'default' }, b: { value: 'eu', source: 'default' }, differs: false },
      {
        name: 'sample_fraction',
        a: { value: 0.5, source: 'environment' },
        b: { value: 0.25, source: 'run' },
        differs: true,
      },
    ]);
    expect(comparison.tests).toEqual([
      {
        step: 'summary',
        name: 'two rows',
        a: { outcome: 'passed', observed: 2 },
        b: { outcome: 'passed', observed: 2 },
        differs: false,
      },
    ]);
    // Durations are there to read, with their deltas, but are not differences.
    expect(
      comparison.metrics
        .filter((metric) => metric.metric === 'duration_ms')
        .map((metric) => [metric.step, metric.differs]),
    ).toEqual([
      ['check', false],
      ['evaluate', false],
      ['summary', false],
    ]);

    const text = await runCli(['compare', 'last', first.id], workspace.root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 differences');
    expect(text.stdout).toMatch(/≠ +sample_fraction +0\.25 \(run\) +0\.5 \(environment\)/);
    expect(text.stdout).toContain('≠ step check: failed → succeeded');
  });

  it('finds no difference between a run and its re-run from the cache: the cached steps stand for their numbers', async () => {
    workspace = tempWorkspace({ 'pipewright.yaml': SETTINGS, 'pipelines/model.pipeline.yaml': PIPELINE });
    const first = await run([]);
    const cached = JSON.parse(
      (await runCli(['run', 'model', '-e', 'test', '--json'], workspace.root)).stdout,
    ) as RunSummary;
    expect(cached.steps.find((step) => step.id === 'evaluate')?.status).toBe('cached');
    const comparison = JSON.parse(
      (await runCli(['compare', first.id, cached.id, '--json'], workspace.root)).stdout,
    ) as RunComparison;
    expect(comparison.differences).toEqual([]);
    expect(comparison.metrics.find((metric) => metric.metric === 'metrics/eval.json:score')).toMatchObject({
      a: 0.5,
      b: 0.5,
      differs: false,
    });
  });

  it('shows each param with its value and source, the revision and the trigger in runs show', async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\nmetrics/\nsummary.csv\n',
      'pipewright.yaml': SETTINGS,
      'pipelines/model.pipeline.yaml': PIPELINE,
    });
    const head = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    await run(['--param', 'region=us']);
    const worktree = await runCli(['runs', 'show', 'last'], workspace.root);
    expect(worktree.stdout).toContain(`git: working tree on main at ${head}`);
    await run(['--param', 'region=us', '--ref', 'main']);
    const shown = await runCli(['runs', 'show', 'last'], workspace.root);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`ref: main at ${head}`);
    expect(shown.stdout).toContain('trigger: manual');
    expect(shown.stdout).toContain('sample_fraction = 0.5 (environment)');
    expect(shown.stdout).toContain('region = "us" (run)');
  });

  it('says which run it cannot find, as a usage error', async () => {
    workspace = tempWorkspace({ 'pipewright.yaml': SETTINGS, 'pipelines/model.pipeline.yaml': PIPELINE });
    const first = await run([]);
    const result = await runCli(['compare', first.id, 'nosuchrun'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no run "nosuchrun"');
  });
});
