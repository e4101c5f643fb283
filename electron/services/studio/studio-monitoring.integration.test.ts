// The studio's monitoring channels on a real workspace: runs started in the studio and runs
// made by the CLI both reach the dashboard and the notification centre.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, EventMap, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { runCli, waitFor } from '../../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { StudioBackend } from './studio-backend.js';

let workspace: TempWorkspace;
let backend: StudioBackend;
const events: StudioEventRecord[] = [];

beforeEach(async () => {
  workspace = tempWorkspace({
    'pipewright.yaml': 'version: 1\nmonitoring: { baseline: 3, alert_on: ["rows:*"] }\n',
    'pipelines/p.pipeline.yaml': pipelineYaml(
      'p',
      `  copy:
    inputs: [in.csv]
    outputs: [out.csv]
    run: cp in.csv out.csv
    tests:
      - name: has rows
        row_count: { path: out.csv, min: 1 }
`,
    ),
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

const rowsCsv = (rows: number) => `id\n${Array.from({ length: rows }, (_, index) => index).join('\n')}\n`;

async function studioRun(): Promise<void> {
  const before = events.length;
  await call('run:start', { pipeline: 'p' });
  await waitFor(
    () =>
      events
        .slice(before)
        .some((entry) => entry.event === 'run:event' && (entry.payload as RunEvent).type === 'run-finished'),
    'the run to finish',
  );
}

describe('monitoring in the studio', () => {
  // Each run gets new input: a step whose inputs did not change is cached and adds no point.
  it('charts the metrics of studio runs, announces the alert of a drifted run, and acknowledges it', async () => {
    for (const rows of [5, 6, 7]) {
      workspace.write('in.csv', rowsCsv(rows));
      await studioRun();
    }
    workspace.write('in.csv', rowsCsv(40));
    await studioRun();
    await waitFor(
      () =>
        events.some(
          (entry) =>
            entry.event === 'alerts:changed' && (entry.payload as EventMap['alerts:changed']).raised.length > 0,
        ),
      'the alert',
    );
    const raised = events
      .filter((entry) => entry.event === 'alerts:changed')
      .flatMap((entry) => (entry.payload as EventMap['alerts:changed']).raised);
    expect(raised.map((alert) => [alert.kind, alert.metric, alert.value])).toEqual([
      ['out-of-control', 'rows:out.csv', 40],
    ]);

    const overview = await call('monitor:overview', { pipeline: 'p' });
    expect(overview).toMatchObject({ pipeline: 'p', environment: '', baseline: 3 });
    expect(overview.runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(overview.metrics.find((metric) => metric.key.metric === 'rows:out.csv')).toMatchObject({
      points: 4,
      violations: [1],
    });
    expect(overview.alerts.map((alert) => alert.id)).toEqual(raised.map((alert) => alert.id));

    const chart = await call('monitor:chart', { pipeline: 'p', step: 'copy', metric: 'test:has rows' });
    expect(chart.points.map((point) => point.value)).toEqual([5, 6, 7, 40]);
    expect(chart.limits?.center).toBe(6);
    expect(chart.points.map((point) => point.violations.length > 0)).toEqual([false, false, false, true]);

    await call('alerts:acknowledge', { ids: raised.map((alert) => alert.id) });
    expect(await call('alerts:list', {})).toEqual([]);
    expect((await call('alerts:list', { acknowledged: true }))[0]?.acknowledgedAt).not.toBeNull();
  });

  it('hears of alerts raised by a run of the CLI', async () => {
    for (const rows of [5, 7, 6, 30]) {
      workspace.write('in.csv', rowsCsv(rows));
      expect((await runCli(['run', 'p', '-q'], workspace.root)).code).toBe(0);
    }
    await waitFor(
      () => events.some((entry) => entry.event === 'alerts:changed'),
      "the studio to notice the CLI run's alert",
    );
    const raised = events.flatMap((entry) =>
      entry.event === 'alerts:changed' ? (entry.payload as EventMap['alerts:changed']).raised : [],
    );
    expect(raised.map((alert) => alert.metric)).toEqual(['rows:out.csv']);
    await expect(call('monitor:chart', { pipeline: 'p', step: 'copy', metric: 'nope' })).resolves.toMatchObject({
      points: [],
      limits: null,
    });
  });
});
