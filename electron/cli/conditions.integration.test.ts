// `when:` conditions through the built CLI on real pipelines with the local runner: params that
// make a condition true or false, steps downstream of a condition-skipped step, --only, the
// step cache and --resume; problems of a condition reported at file:line:col.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { runJson, stepStatuses } from '../testing/cli-runs.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const run = (...args: string[]): Promise<RunSummary> => runJson(workspace.root, ...args);

const message = (summary: RunSummary, id: string) => summary.steps.find((step) => step.id === id)?.message ?? null;

const ranSteps = () => {
  if (!existsSync(workspace.path('runs.log'))) return [];
  const text = readFileSync(workspace.path('runs.log'), 'utf8');
  rmSync(workspace.path('runs.log'));
  return text.trim().split('\n').sort();
};

// extract -> regional (only for one region) -> report (needs regional's output); totals runs always.
const REGIONAL = pipelineYaml(
  'regional',
  `  extract:
    run: cp raw.csv extracted.csv; echo extract >> runs.log
    inputs: [raw.csv]
    outputs: [extracted.csv]
  regional:
    run: grep "$PW_PARAM_REGION" extracted.csv > regional.csv; echo regional >> runs.log
    when: params.region != 'all' and not params.dry_run
    inputs: [extracted.csv]
    outputs: [regional.csv]
  report:
    run: wc -l < regional.csv > report.txt; echo report >> runs.log
    inputs: [regional.csv]
    outputs: [report.txt]
  totals:
    run: wc -l < extracted.csv > totals.txt; echo totals >> runs.log
    inputs: [extracted.csv]
    outputs: [totals.txt]
`,
  `  region: { type: string, default: all, enum: [all, eu, us] }
  dry_run: { type: boolean, default: false }
`,
);

function regionalWorkspace(): TempWorkspace {
  return tempWorkspace({ 'pipelines/regional.pipeline.yaml': REGIONAL, 'raw.csv': 'id,region\n1,eu\n2,us\n3,eu\n' });
}

describe('when: conditions', () => {
  it('a false condition skips the step and what needs it, by condition; the run succeeds', async () => {
    workspace = regionalWorkspace();
    const skipped = await run('regional');
    expect(skipped.status).toBe('succeeded');
    expect(stepStatuses(skipped)).toEqual({
      extract: 'succeeded',
      regional: 'skipped-condition',
      report: 'skipped-condition',
      totals: 'succeeded',
    });
    expect(message(skipped, 'regional')).toBe("condition is false: params.region != 'all' and not params.dry_run");
    expect(message(skipped, 'report')).toBe('needs step "regional", skipped by its condition');
    expect(ranSteps()).toEqual(['extract', 'totals']);
    expect(existsSync(workspace.path('regional.csv'))).toBe(false);

    const text = await runCli(['run', 'regional', '--no-cache'], workspace.root);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/regional.*skipped \(condition\).*condition is false/);
    ranSteps();
  });

  it('a true condition runs the step; a boolean param can turn it off again', async () => {
    workspace = regionalWorkspace();
    const ran = await run('regional', '--param', 'region=eu');
    expect(stepStatuses(ran)).toEqual({
      extract: 'succeeded',
      regional: 'succeeded',
      report: 'succeeded',
      totals: 'succeeded',
    });
    expect(readFileSync(workspace.path('report.txt'), 'utf8').trim()).toBe('2');
    ranSteps();

    const dry = await run('regional', '--param', 'region=eu', '--param', 'dry_run=true');
    expect(stepStatuses(dry)).toMatchObject({ regional: 'skipped-condition', report: 'skipped-condition' });
    // Params are part of every step's cache key: the others run again with the new value.
    expect(ranSteps()).toEqual(['extract', 'totals']);
  });

  it('the condition is not in the cache key, and a step skipped by its condition never restores outputs', async () => {
    workspace = regionalWorkspace();
    const file = workspace.path('pipelines/regional.pipeline.yaml');
    await run('regional', '--param', 'region=eu');
    ranSteps();
    // The same params, a condition that is now false: nothing of the step comes back from the cache.
    writeFileSync(file, REGIONAL.replace("params.region != 'all' and not params.dry_run", "params.region == 'us'"));
    rmSync(workspace.path('regional.csv'));
    writeFileSync(workspace.path('report.txt'), 'stale\n');
    const skipped = await run('regional', '--param', 'region=eu');
    expect(stepStatuses(skipped)).toEqual({
      extract: 'cached',
      regional: 'skipped-condition',
      report: 'skipped-condition',
      totals: 'cached',
    });
    expect(skipped.steps.find((step) => step.id === 'regional')?.cachedFrom).toBeNull();
    expect(existsSync(workspace.path('regional.csv'))).toBe(false);
    expect(readFileSync(workspace.path('report.txt'), 'utf8')).toBe('stale\n');
    expect(ranSteps()).toEqual([]);

    // Another condition that holds keeps the cache: it decides whether the step runs, not what it computes.
    writeFileSync(
      file,
      REGIONAL.replace("params.region != 'all' and not params.dry_run", "params.region in ['eu', 'us']"),
    );
    writeFileSync(workspace.path('regional.csv'), '1,eu\n3,eu\n');
    writeFileSync(workspace.path('report.txt'), '2\n');
    const cached = await run('regional', '--param', 'region=eu');
    expect(stepStatuses(cached)).toEqual({ extract: 'cached', regional: 'cached', report: 'cached', totals: 'cached' });
    expect(ranSteps()).toEqual([]);
  });

  it('--only a step whose condition is false skips it by condition and says why', async () => {
    workspace = regionalWorkspace();
    await run('regional', '--param', 'region=eu');
    ranSteps();
    const only = await run('regional', '--only', 'regional', '--no-cache');
    expect(stepStatuses(only)).toEqual({ regional: 'skipped-condition' });
    expect(message(only, 'regional')).toContain('--only chooses the step, its condition still decides whether it runs');
    expect(ranSteps()).toEqual([]);

    const onlyDownstream = await run('regional', '--only', 'report', '--no-cache');
    expect(stepStatuses(onlyDownstream)).toEqual({ report: 'succeeded' });
    ranSteps();
  });

  it('--resume keeps a step skipped by its condition as it was and completes the rest', async () => {
    workspace = regionalWorkspace();
    writeFileSync(
      workspace.path('pipelines/regional.pipeline.yaml'),
      REGIONAL.replace('wc -l < extracted.csv > totals.txt', 'test -f ready && wc -l < extracted.csv > totals.txt'),
    );
    const failed = await run('regional');
    expect(stepStatuses(failed)).toEqual({
      extract: 'succeeded',
      regional: 'skipped-condition',
      report: 'skipped-condition',
      totals: 'failed',
    });
    expect(failed.status).toBe('failed');
    ranSteps();

    writeFileSync(workspace.path('ready'), '');
    const resumed = await run('--resume', failed.id);
    expect(resumed.status).toBe('succeeded');
    expect(stepStatuses(resumed)).toEqual({
      extract: 'succeeded',
      regional: 'skipped-condition',
      report: 'skipped-condition',
      totals: 'succeeded',
    });
    expect(ranSteps()).toEqual(['totals']);
  });

  it('refuses a condition naming an unknown param, at file:line:col, before any step runs', async () => {
    workspace = tempWorkspace({
      'pipelines/bad.pipeline.yaml': pipelineYaml(
        'bad',
        `  a:
    run: echo a >> runs.log
    when: params.full_refresh or params.regoin == 'eu'
`,
        `  region: { type: string, default: all }
  full_refresh: { type: boolean, default: false }
`,
      ),
    });
    const result = await runCli(['run', 'bad'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'pipelines/bad.pipeline.yaml:9:34: error: steps.a.when: when: unknown param "regoin" (did you mean "region"?)',
    );
    expect(ranSteps()).toEqual([]);

    const validate = await runCli(['validate', '--json'], workspace.root);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain('"code": "invalid-condition"');
  });
});
