// The studio's channels of the two journeys on a real repository, checked with the git CLI:
// schedules listed and paused, an experiment whose gate fails and then passes, promoted into
// main as release-1 with progress events, the releases, and the comparison of the two gate runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, EventMap, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { gitCli, tempRepository } from '../../testing/git-cli.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { pipelineYaml } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { StudioBackend } from './studio-backend.js';

const SETTINGS = `version: 1
default_environment: dev
environments:
  dev: { description: local development }
  test: { description: where experiments are judged, params: { region: eu } }
  prod: { description: production }
promotion:
  path: [dev, test, prod]
schedules:
  nightly: { pipeline: sales, environment: prod, cron: "0 6 * * *", timezone: Europe/Berlin }
`;

function salesPipeline(rows: number): string {
  return pipelineYaml(
    'sales',
    `  make:
    run: 'printf "id\\n" > out.csv; seq 1 "$PW_PARAM_ROWS" >> out.csv'
    outputs: [out.csv]
    tests:
      - name: enough rows
        row_count: { path: out.csv, min: 3 }
`,
    `  rows: { type: integer, default: ${rows} }
  region: { type: string, default: all }
`,
  );
}

let workspace: TempWorkspace;
let backend: StudioBackend;
const events: StudioEventRecord[] = [];

beforeEach(async () => {
  workspace = tempRepository({
    '.gitignore': '.pipewright/\nout.csv\n',
    'pipewright.yaml': SETTINGS,
    'pipelines/sales.pipeline.yaml': salesPipeline(5),
  });
  backend = new StudioBackend({ canOpenWorkspaces: false });
  events.length = 0;
  recordStudioEvents(backend, events);
  await backend.open(workspace.root);
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

function commitOnBranch(branch: string, rows: number, message: string): void {
  workspace.write('pipelines/sales.pipeline.yaml', salesPipeline(rows));
  gitCli(workspace.root, 'commit', '-qam', message);
  expect(gitCli(workspace.root, 'branch', '--show-current')).toBe(`${branch}\n`);
}

const promotionEvents = () =>
  events
    .filter((entry) => entry.event === 'promotion:progress')
    .map((entry) => entry.payload as EventMap['promotion:progress']);

describe('the journeys in the studio', () => {
  it("tells the renderer each environment's params and where the gate runs", async () => {
    const info = await call('workspace:info', {});
    expect(info.environments.find((environment) => environment.name === 'test')?.params).toEqual({ region: 'eu' });
    expect(info.environments.find((environment) => environment.name === 'dev')?.params).toEqual({});
    expect(info.promotion).toEqual({ production: 'main', gateEnvironment: 'test' });
  });

  it('lists the schedules with their next run, and pauses and resumes one', async () => {
    const [nightly, ...others] = await call('schedules:list', {});
    expect(others).toEqual([]);
    expect(nightly).toMatchObject({
      name: 'nightly',
      pipeline: 'sales',
      environment: 'prod',
      timezone: 'Europe/Berlin',
      ref: 'main',
      paused: false,
      release: null,
      last: null,
    });
    expect(nightly?.next).toBeGreaterThan(Date.now());
    expect(nightly?.commit).toBe(gitCli(workspace.root, 'rev-parse', 'main').trim());

    await call('schedules:pause', { name: 'nightly', paused: true });
    expect((await call('schedules:list', {}))[0]?.paused).toBe(true);
    await call('schedules:pause', { name: 'nightly', paused: false });
    expect((await call('schedules:list', {}))[0]?.paused).toBe(false);
    await expect(call('schedules:pause', { name: 'nigthly', paused: true })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('nightly'),
    });
  });

  it('fails the gate of a worse experiment, promotes its fix as release-1, and compares the two gate runs', async () => {
    const mainBefore = gitCli(workspace.root, 'rev-parse', 'main').trim();
    gitCli(workspace.root, 'switch', '-q', '-c', 'fewer-rows');
    commitOnBranch('fewer-rows', 1, 'Fewer rows');
    expect((await call('experiments:list', {})).map((experiment) => [experiment.branch, experiment.gate])).toEqual([
      ['fewer-rows', null],
    ]);

    const failed = await call('promotion:promote', { branch: 'fewer-rows' });
    expect(failed.result).toBe('gate-failed');
    const failing = failed.report.conditions.filter((condition) => !condition.passed);
    expect(failing.map((condition) => condition.kind)).toEqual(['run', 'tests', 'alerts']);
    expect(failing.find((condition) => condition.kind === 'tests')?.observed).toContain('enough rows');
    expect(gitCli(workspace.root, 'rev-parse', 'main').trim()).toBe(mainBefore);
    expect(gitCli(workspace.root, 'tag', '--list')).toBe('');
    expect(promotionEvents().map((event) => event.type)).toEqual(
      expect.arrayContaining(['phase', 'run-started', 'finished']),
    );
    const [listed] = await call('experiments:list', {});
    expect(listed?.gate?.passed).toBe(false);
    expect(listed?.lastRuns.map((run) => [run.environment, run.status])).toEqual([['test', 'failed']]);

    commitOnBranch('fewer-rows', 4, 'Enough rows after all');
    const promoted = await call('promotion:promote', { branch: 'fewer-rows' });
    expect(promoted).toMatchObject({
      result: 'promoted',
      release: { name: 'release-1', branch: 'fewer-rows', production: 'main' },
    });
    const merge = gitCli(workspace.root, 'rev-parse', 'main').trim();
    expect(gitCli(workspace.root, 'rev-list', '--parents', '-n', '1', 'main').trim().split(' ')).toHaveLength(3);
    expect(gitCli(workspace.root, 'rev-parse', 'release-1^{commit}').trim()).toBe(merge);
    expect(events.some((entry) => entry.event === 'git:changed')).toBe(true);

    const releases = await call('releases:list', {});
    expect(releases.map((release) => [release.name, release.commit, release.report.passed])).toEqual([
      ['release-1', merge, true],
    ]);
    expect((await call('schedules:list', {}))[0]).toMatchObject({ release: 'release-1', commit: merge });

    const gateRuns = promotionEvents().flatMap((event) => (event.type === 'run-started' ? [event.runId] : []));
    expect(gateRuns).toHaveLength(2);
    const comparison = await call('run:compare', { a: gateRuns[0] as string, b: gateRuns[1] as string });
    expect(comparison.params.filter((param) => param.differs)).toEqual([
      { name: 'rows', a: { value: 1, source: 'default' }, b: { value: 4, source: 'default' }, differs: true },
    ]);
    expect(comparison.params.find((param) => param.name === 'region')).toMatchObject({
      a: { value: 'eu', source: 'environment' },
      differs: false,
    });
    expect(comparison.steps.map((step) => [step.id, step.a?.status, step.b?.status])).toEqual([
      ['make', 'failed', 'succeeded'],
    ]);
    expect(comparison.tests.map((test) => [test.name, test.a?.outcome, test.b?.outcome])).toEqual([
      ['enough rows', 'failed', 'passed'],
    ]);
    expect(comparison.metrics.find((metric) => metric.metric === 'rows:out.csv')).toMatchObject({
      a: 1,
      b: 4,
      delta: 3,
      differs: true,
    });
  });

  it('refuses a promotion of an unknown branch and a comparison of unknown runs as bad requests', async () => {
    await expect(call('promotion:promote', { branch: 'nope' })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('there is no branch "nope"'),
    });
    await expect(call('run:compare', { a: 'missing-a', b: 'missing-b' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(call('promotion:promote', { branch: 'main', extra: true } as never)).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});
