// Alerts people keep reading, through the built CLI on the real state database: a process that
// stays out of control is one open alert counting its runs, and one bad baseline run neither
// widens the limits nor flags every later run (Phase I).
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, MetricSummary } from '../../shared/monitoring/monitoring-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

type RunWithAlerts = RunSummary & { alerts: Alert[] };

async function run(rows: number): Promise<{ code: number | null; run: RunWithAlerts }> {
  workspace.write('in.csv', `id\n${Array.from({ length: rows }, (_, index) => index + 1).join('\n')}\n`);
  // A row count seen before would be a cache hit, and a cached step adds no point: every run executes.
  const result = await runCli(['run', 'p', '--json', '--fail-on-alert', '--no-cache'], workspace.root);
  return { code: result.code, run: JSON.parse(result.stdout) as RunWithAlerts };
}

function startWorkspace(baseline: number): void {
  workspace = tempWorkspace({
    'pipewright.yaml': `version: 1\nmonitoring:\n  baseline: ${baseline}\n  alert_on: ["rows:*"]\n`,
    'pipelines/p.pipeline.yaml': pipelineYaml(
      'p',
      '  copy:\n    inputs: [in.csv]\n    outputs: [out.csv]\n    run: cp in.csv out.csv\n',
    ),
  });
}

describe('alert grouping and Phase I limits', () => {
  it('keeps one open alert per metric and rule that counts its repeats; every repeating run still fails --fail-on-alert', async () => {
    startWorkspace(4);
    for (const rows of [10, 11, 10, 11]) expect((await run(rows)).code).toBe(0);
    const first = await run(95_140);
    const second = await run(95_141);
    expect(first.code).toBe(1);
    expect(second.code).toBe(1);
    expect(second.run.alerts).toHaveLength(1);
    expect(second.run.alerts[0]).toMatchObject({
      id: first.run.alerts[0]?.id,
      repeats: 2,
      lastRunId: second.run.id,
      runId: second.run.id,
    });

    const open = JSON.parse((await runCli(['alerts', '--json'], workspace.root)).stdout) as Alert[];
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ repeats: 2, runId: first.run.id, lastRunId: second.run.id, value: 95_141 });
    // Numbers for people: no 9.514e+4 anywhere.
    expect(open[0]?.message).toContain('95,141');
    const text = (await runCli(['alerts'], workspace.root)).stdout;
    expect(text).toMatch(/×2, last seen .* in run /);
    expect(text).not.toMatch(/e\+\d/);

    await runCli(['alerts', 'ack', 'all'], workspace.root);
    const third = await run(95_142);
    expect(third.run.alerts[0]?.id).not.toBe(first.run.alerts[0]?.id);
    expect(third.run.alerts[0]?.repeats).toBe(1);
  });

  it('drops an out-of-control baseline run from the limits, and says limits from few points are provisional', async () => {
    startWorkspace(8);
    for (const rows of [10, 11, 10, 200, 11, 10, 11, 10]) await run(rows);
    const later = [];
    for (const rows of [10, 11, 10, 11, 10, 11, 10, 11, 10]) later.push(await run(rows));
    expect(later.flatMap((entry) => entry.run.alerts)).toEqual([]);

    const summary = JSON.parse((await runCli(['metrics', 'p', '--json'], workspace.root)).stdout) as {
      metrics: MetricSummary[];
    };
    const rows = summary.metrics.find((metric) => metric.key.metric === 'rows:out.csv');
    expect(rows).toMatchObject({ limitPoints: 7, reliability: 'provisional' });
    expect(rows?.limits?.center).toBeCloseTo(73 / 7, 6);
    expect((await runCli(['metrics', 'p'], workspace.root)).stdout).toMatch(/limits from 7 points: provisional/);
  });
});
