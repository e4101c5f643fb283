// `pipewright promote` and `pipewright releases` end to end through the built CLI, on real
// repositories checked with the git CLI: a failing gate changes nothing (branch, tags, working
// tree byte for byte), a passing one merges with two parents and tags release-N with the gate
// report, and a metric no worse than production is judged against `run --ref main`'s value.
import { afterEach, describe, expect, it } from 'vitest';
import type { PromotionOutcome, ReleaseInfo } from '../../shared/journeys/journey-types.js';
import { runCli } from '../testing/cli-process.js';
import { fsckProblems, gitCli, tempRepository } from '../testing/git-cli.js';
import { pipelineYaml } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { worktreeSnapshot } from '../testing/worktree-snapshot.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const git = (...args: string[]) => gitCli(workspace.root, ...args).trim();

const SETTINGS = (gate = '') => `version: 1
environments:
  dev: {}
  test: {}
  prod: {}
promotion:
  path: [dev, test, prod]
${gate}`;

const SALES = pipelineYaml(
  'sales',
  `  ingest:
    run: mkdir -p data && cp steps/orders.csv data/orders.csv
    inputs: [steps/orders.csv]
    outputs: [data/orders.csv]
    tests:
      - name: orders present
        row_count: { path: data/orders.csv, min: 1 }
`,
);

describe('pipewright promote', () => {
  it('refuses a failing experiment without changing anything, then promotes its fix as release-1', async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\ndata/\n',
      'pipewright.yaml': SETTINGS(),
      'pipelines/sales.pipeline.yaml': SALES,
      'steps/orders.csv': 'id\n1\n2\n',
      'README.md': 'sales\n',
    });
    git('checkout', '-q', '-b', 'exp');
    workspace.write('steps/orders.csv', 'id\n');
    git('commit', '-q', '-am', 'orders from the new source');
    git('checkout', '-q', 'main');
    workspace.write('README.md', 'sales, in production\n');
    git('commit', '-q', '-am', 'production moves on');
    git('checkout', '-q', 'exp');
    // Work in progress the promotion must not touch.
    workspace.write('README.md', 'uncommitted edit\n');
    workspace.write('scratch/idea.txt', 'untracked\n');
    const main = git('rev-parse', 'main');
    const before = worktreeSnapshot(workspace.root);

    const failed = await runCli(['promote', 'exp'], workspace.root);

    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stdout).toContain('✗ [sales] no failed error-severity test');
    expect(failed.stdout).toContain('observed: 1 failed: orders present (ingest)');
    expect(failed.stdout).toContain('the gate failed');
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');
    expect(worktreeSnapshot(workspace.root)).toEqual(before);

    workspace.write('steps/orders.csv', 'id\n1\n2\n3\n');
    git('commit', '-q', '-m', 'fix the source', '--', 'steps/orders.csv');
    const fixed = git('rev-parse', 'exp');
    const beforePromotion = worktreeSnapshot(workspace.root);

    const promoted = await runCli(['promote', 'exp', '--json'], workspace.root);

    expect(promoted.code, promoted.stderr).toBe(0);
    const outcome = JSON.parse(promoted.stdout) as PromotionOutcome;
    expect(outcome).toMatchObject({
      result: 'promoted',
      release: { name: 'release-1', number: 1, branch: 'exp', production: 'main' },
    });
    const merge = git('rev-parse', 'main');
    expect(git('rev-list', '--parents', '-n1', 'main').split(' ')).toEqual([merge, main, fixed]);
    expect(git('rev-parse', 'release-1^{commit}')).toBe(merge);
    expect(outcome.release?.commit).toBe(merge);
    expect(worktreeSnapshot(workspace.root)).toEqual(beforePromotion);
    expect(git('show', 'main:README.md')).toBe('sales, in production');
    expect(git('show', 'main:steps/orders.csv')).toBe('id\n1\n2\n3');
    expect(fsckProblems(workspace.root)).toBe('');

    const releases = await runCli(['releases', '--json'], workspace.root);
    expect(releases.code, releases.stderr).toBe(0);
    const listed = JSON.parse(releases.stdout) as ReleaseInfo[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      name: 'release-1',
      commit: merge,
      branch: 'exp',
      production: 'main',
      report: { passed: true, branch: 'exp', commit: fixed, environment: 'test' },
    });
    expect(listed[0]?.report.conditions.map((condition) => condition.kind)).toEqual(['run', 'tests', 'alerts']);
    expect((await runCli(['releases'], workspace.root)).stdout).toMatch(
      /^release-1 +[0-9a-f]{7} .* exp → main +gate passed in test: 3 conditions$/m,
    );
  });

  it('says what is wrong with a branch it cannot promote (exit 2)', async () => {
    workspace = tempRepository({
      'pipewright.yaml': SETTINGS(),
      'pipelines/sales.pipeline.yaml': SALES,
      'steps/orders.csv': 'id\n1\n',
    });
    git('branch', 'exp');
    const unknown = await runCli(['promote', 'exq'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no branch "exq" (did you mean "exp"?)');
    const production = await runCli(['promote', 'main'], workspace.root);
    expect(production.code).toBe(2);
    expect(production.stderr).toContain('main is the production branch');
    const pipeline = await runCli(['promote', 'exp', '--pipeline', 'sale'], workspace.root);
    expect(pipeline.code).toBe(2);
    expect(pipeline.stderr).toContain('exp has no pipeline "sale" (did you mean "sales"?)');
  });

  it('holds a metric to production: a worse candidate fails, a better one passes', async () => {
    const gate = `  gate:
    metrics:
      - { step: evaluate, metric: "metrics/eval.json:auc", no_worse_than: production, tolerance: 0.01 }
`;
    workspace = tempRepository({
      '.gitignore': '.pipewright/\nmetrics/\n',
      'pipewright.yaml': SETTINGS(gate),
      'pipelines/model.pipeline.yaml': pipelineYaml(
        'model',
        `  evaluate:
    run: sh steps/evaluate.sh
    inputs: [steps/evaluate.sh, steps/auc.txt]
    outputs: [metrics/eval.json]
    metrics: [metrics/eval.json]
`,
      ),
      'steps/evaluate.sh': 'mkdir -p metrics && printf \'{"auc": %s}\\n\' "$(cat steps/auc.txt)" > metrics/eval.json\n',
      'steps/auc.txt': '0.8\n',
    });
    const production = await runCli(['run', 'model', '--ref', 'main', '-e', 'test', '--quiet'], workspace.root);
    expect(production.code, production.stderr).toBe(0);
    git('checkout', '-q', '-b', 'exp');
    workspace.write('steps/auc.txt', '0.75\n');
    git('commit', '-q', '-am', 'a worse model');
    const main = git('rev-parse', 'main');

    const worse = await runCli(['promote', 'exp'], workspace.root);

    expect(worse.code, worse.stderr).toBe(1);
    expect(worse.stdout).toContain('✗ [model] evaluate metrics/eval.json:auc');
    expect(worse.stdout).toContain('observed: 0.75');
    expect(worse.stdout).toContain('required: no worse than production: >= 0.8 - 0.01 = 0.79');
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');

    workspace.write('steps/auc.txt', '0.85\n');
    git('commit', '-q', '-am', 'a better model');
    const better = await runCli(['promote', 'exp', '--json'], workspace.root);

    expect(better.code, better.stderr).toBe(0);
    const outcome = JSON.parse(better.stdout) as PromotionOutcome;
    expect(outcome.result).toBe('promoted');
    expect(outcome.report.conditions.find((condition) => condition.kind === 'metric')).toMatchObject({
      passed: true,
      observed: '0.85',
      required: 'no worse than production: >= 0.8 - 0.01 = 0.79',
    });
    expect(git('rev-parse', 'release-1^{commit}')).toBe(git('rev-parse', 'main'));
  });
});
