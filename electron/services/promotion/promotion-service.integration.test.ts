// The promotion service as the studio calls it, with the real engine and git: the experiments
// with their gates judged on their latest runs and their metrics beside production's, a
// promotion's live events, a dry run that changes nothing, and releases read from the tags.
import { afterEach, describe, expect, it } from 'vitest';
import type { PromotionEvent } from '../../../shared/journeys/journey-types.js';
import { gitCli, tempRepository } from '../../testing/git-cli.js';
import { pipelineYaml } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { PipelineEngine } from '../engine/pipeline-engine.js';
import type { RunStore } from '../store/run-store.js';
import { Workspace } from '../workspace/workspace.js';
import { openWorkspaceState } from '../state/workspace-state.js';
import { PromotionService, PromotionUsageError } from './promotion-service.js';
import { PromotionStore } from './promotion-store.js';

let workspace: TempWorkspace;
let store: RunStore;
let engine: PipelineEngine;

afterEach(async () => {
  await engine?.close();
  store?.close();
  workspace?.remove();
});

const git = (...args: string[]) => gitCli(workspace.root, ...args).trim();

async function setUp(): Promise<PromotionService> {
  workspace = tempRepository({
    '.gitignore': '.pipewright/\nmetrics/\n',
    'pipewright.yaml': `version: 1
environments:
  test: {}
  prod: {}
promotion:
  path: [test, prod]
  params: { threshold: 3 }
  gate:
    metrics:
      - { step: score, metric: "metrics/score.json:value", min: 5 }
`,
    'pipelines/model.pipeline.yaml': pipelineYaml(
      'model',
      `  score:
    run: sh steps/score.sh
    inputs: [steps/score.sh, steps/score.txt]
    outputs: [metrics/score.json]
    metrics: [metrics/score.json]
`,
      '  threshold: { type: integer, default: 1 }\n',
    ),
    'steps/score.sh':
      'mkdir -p metrics && echo "{\\"value\\": $(cat steps/score.txt), \\"threshold\\": $PW_PARAM_THRESHOLD}" > metrics/score.json\n',
    'steps/score.txt': '6\n',
  });
  const opened = Workspace.open(workspace.root);
  ({ store } = await openWorkspaceState(opened));
  engine = new PipelineEngine({ workspace: opened, store });
  const production = await engine.plan({ pipeline: 'model', ref: 'main', environment: 'test' });
  expect((await engine.start(production).done).run.status).toBe('succeeded');
  git('checkout', '-q', '-b', 'exp');
  workspace.write('steps/score.txt', '4\n');
  git('commit', '-q', '-am', 'a lower score');
  git('branch', 'idle', 'main');
  return new PromotionService({ workspace: opened, store, engine });
}

describe('PromotionService', () => {
  it('runs the gate with live events and the promotion params, and a dry run changes nothing', async () => {
    const service = await setUp();
    const main = git('rev-parse', 'main');
    const events: PromotionEvent[] = [];

    const outcome = await service.promote('exp', { dryRun: true, onEvent: (event) => events.push(event) });

    expect(outcome.result).toBe('gate-failed');
    expect(outcome.report.conditions.find((condition) => condition.kind === 'metric')).toMatchObject({
      passed: false,
      observed: '4',
      required: '>= 5',
      pipeline: 'model',
      step: 'score',
    });
    expect(events.map((event) => (event.type === 'phase' ? event.phase : event.type))).toEqual([
      'checkout',
      'run',
      'run-started',
      'judge',
      'finished',
    ]);
    const run = store.getRun(outcome.report.runs.model as string);
    expect(run).toMatchObject({
      ref: 'exp',
      gitBranch: 'exp',
      gitCommit: git('rev-parse', 'exp'),
      environment: 'test',
      trigger: { kind: 'promotion', name: 'exp' },
    });
    expect(run?.params.threshold).toEqual({ value: 3, source: 'promotion' });

    workspace.write('steps/score.txt', '9\n');
    git('commit', '-q', '-am', 'a higher score');
    expect((await service.promote('exp', { dryRun: true })).result).toBe('dry-run-passed');
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');
    expect(new PromotionStore(store).attempts('exp').map((attempt) => attempt.outcome)).toEqual([
      'dry-run-passed',
      'gate-failed',
    ]);
  });

  it('lists every experiment with its gate on its latest run and its metrics beside production', async () => {
    const service = await setUp();
    await service.promote('exp', { dryRun: true });

    const experiments = await service.experiments();

    expect(experiments.map((experiment) => experiment.branch)).toEqual(['exp', 'idle']);
    const [exp, idle] = experiments;
    expect(exp).toMatchObject({
      commit: git('rev-parse', 'exp'),
      environment: null,
      gate: { passed: false, branch: 'exp', environment: 'test' },
    });
    expect(exp?.lastRuns).toHaveLength(1);
    expect(exp?.lastRuns[0]).toMatchObject({
      pipeline: 'model',
      ref: 'exp',
      trigger: { kind: 'promotion', name: 'exp' },
    });
    expect(exp?.metrics).toEqual([
      { pipeline: 'model', step: 'score', metric: 'metrics/score.json:value', candidate: 4, production: 6, delta: -2 },
    ]);
    expect(idle).toMatchObject({ lastRuns: [], gate: null, metrics: [] });
  });

  it('promotes for real and reads the release back from its tag', async () => {
    const service = await setUp();
    workspace.write('steps/score.txt', '7\n');
    git('commit', '-q', '-am', 'a good score');

    const outcome = await service.promote('exp');

    expect(outcome).toMatchObject({
      result: 'promoted',
      release: { name: 'release-1', branch: 'exp', production: 'main' },
    });
    const releases = await service.releases();
    expect(releases).toEqual([{ ...outcome.release, createdAt: expect.any(Number) as number }]);
    expect(releases[0]?.report).toEqual(outcome.report);
    expect((await service.promote('exp')).result).toBe('up-to-date');
  });

  it('refuses what cannot be promoted as usage errors', async () => {
    const service = await setUp();
    await expect(service.promote('exq')).rejects.toThrow(PromotionUsageError);
    await expect(service.promote('main')).rejects.toThrow('main is the production branch');
    await expect(service.promote('exp', { pipelines: ['modle'] })).rejects.toThrow(
      'exp has no pipeline "modle" (did you mean "model"?)',
    );
  });
});
