// Data tests, metrics, control limits and alerts end to end through the built CLI: real
// processes, real files, the real embedded analytical engine and the real state database.
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, MetricSummary } from '../../shared/monitoring/monitoring-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

type RunWithAlerts = RunSummary & { alerts: Alert[] };

async function runJson(args: string[]): Promise<{ code: number | null; run: RunWithAlerts }> {
  const result = await runCli(['run', ...args, '--json'], workspace.root);
  if (!result.stdout.trim().startsWith('{')) throw new Error(`no run record: ${result.stderr}`);
  return { code: result.code, run: JSON.parse(result.stdout) as RunWithAlerts };
}

const csv = (rows: number, header = 'id,amount') =>
  `${header}\n${Array.from({ length: rows }, (_, index) => `${index + 1},${(index + 1) * 1.5}`).join('\n')}\n`;

describe('data tests in a run', () => {
  it('checks inputs before the step and outputs after it, with observed values in the record and the JUnit report', async () => {
    workspace = tempWorkspace({
      'data/raw.csv': 'id,amount\n1,10\n2,\n3,7.5\n4,3\n5,1\n',
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  clean:
    inputs: [data/raw.csv]
    outputs: [data/clean.csv]
    run: grep -v ',$' data/raw.csv > data/clean.csv
    tests:
      - name: raw rows
        row_count: { path: data/raw.csv, min: 3 }
      - name: raw amounts
        severity: warn
        not_null: { path: data/raw.csv, columns: [amount] }
      - name: clean amounts
        not_null: { path: data/clean.csv, columns: [amount] }
      - name: clean ids
        unique: { path: data/clean.csv, columns: [id] }
      - name: clean file
        command: test -s data/clean.csv
`,
      ),
    });
    const { code, run } = await runJson(['p', '--junit', 'report.xml']);
    expect(code).toBe(0);
    const step = run.steps[0];
    expect(step?.status).toBe('warned');
    const byName = Object.fromEntries((step?.tests ?? []).map((test) => [test.name, test]));
    expect(byName['raw rows']).toMatchObject({ stage: 'input', outcome: 'passed', observed: 5, kind: 'row_count' });
    expect(byName['raw amounts']).toMatchObject({ stage: 'input', outcome: 'failed', observed: 1, severity: 'warn' });
    expect(byName['clean amounts']).toMatchObject({ stage: 'output', outcome: 'passed', observed: 0 });
    expect(byName['clean ids']).toMatchObject({ stage: 'output', outcome: 'passed', observed: 0 });
    expect(byName['clean file']).toMatchObject({ stage: 'output', outcome: 'passed', observed: null, expected: null });
    expect(byName['raw rows']?.expected).toMatch(/3/);

    const junit = new XMLParser({ ignoreAttributes: false }).parse(workspace.read('report.xml')) as {
      testsuites: {
        testsuite: { testcase: Array<{ '@_name': string; 'system-out'?: string; failure?: { '@_type': string } }> };
      };
    };
    const cases = junit.testsuites.testsuite.testcase;
    expect(cases.map((testcase) => testcase['@_name'])).toEqual([
      'clean',
      'raw rows',
      'raw amounts',
      'clean amounts',
      'clean ids',
      'clean file',
    ]);
    expect(cases[2]?.failure?.['@_type']).toBe('warning');
    expect(cases[2]?.['system-out']).toMatch(/input test: observed 1, expected/);
    expect(cases[1]?.['system-out']).toMatch(/observed 5/);
  });

  it('does not run a step whose input fails an error test, and says why', async () => {
    workspace = tempWorkspace({
      'data/raw.csv': 'id,amount\n1,10\n',
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  clean:
    inputs: [data/raw.csv]
    outputs: [data/clean.csv]
    run: cp data/raw.csv data/clean.csv
    tests:
      - name: enough rows
        row_count: { path: data/raw.csv, min: 100 }
      - name: known column
        not_null: { path: data/raw.csv, columns: [amout] }
  report:
    inputs: [data/clean.csv]
    run: cat data/clean.csv
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    const [clean, report] = run.steps;
    expect(clean).toMatchObject({ status: 'failed', attempts: 0 });
    expect(clean?.message).toMatch(/not run: input test "enough rows", "known column"/);
    expect(clean?.tests.map((test) => [test.outcome, test.observed])).toEqual([
      ['failed', 1],
      ['error', null],
    ]);
    expect(clean?.tests[1]?.message).toMatch(/amout/);
    expect(report?.status).toBe('skipped');
    expect(() => workspace.read('data/clean.csv')).toThrow();
  });
});

describe('metrics, control limits and alerts', () => {
  it('records every run, flags a drifted row count, raises alerts and exits 1 with --fail-on-alert', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': 'version: 1\nmonitoring:\n  baseline: 5\n  alert_on: ["rows:*"]\n',
      'write-metrics.sh': `mkdir -p metrics && echo '{"model": {"auc": 0.91}, "note": "text is ignored"}' > metrics/m.json\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  copy:
    inputs: [data/in.csv]
    outputs: [data/out.csv, metrics/m.json]
    metrics: [metrics/m.json]
    run: cp data/in.csv data/out.csv && sh write-metrics.sh
    tests:
      - name: out rows
        row_count: { path: data/out.csv, min: 1 }
      - name: steady volume
        severity: warn
        row_count_change: { path: data/out.csv, max_percent: 50 }
`,
      ),
    });
    // A row count seen before is a cache hit, and a cached step adds no point: every run executes.
    for (const rows of [10, 11, 10, 12, 11]) {
      workspace.write('data/in.csv', csv(rows));
      const { code, run } = await runJson(['p', '--fail-on-alert', '--no-cache']);
      expect(code).toBe(0);
      expect(run.alerts).toEqual([]);
    }

    workspace.write('data/in.csv', csv(30));
    const drifted = await runJson(['p', '--fail-on-alert', '--no-cache']);
    expect(drifted.run.status).toBe('warned');
    expect(drifted.code).toBe(1);
    const outOfControl = drifted.run.alerts.filter((alert) => alert.kind === 'out-of-control');
    expect(outOfControl.map((alert) => [alert.step, alert.metric, alert.value])).toEqual([
      ['copy', 'rows:data/out.csv', 30],
    ]);
    expect(outOfControl[0]?.rules).toContain(1);
    const failedTest = drifted.run.alerts.find((alert) => alert.kind === 'test-failed');
    expect(failedTest).toMatchObject({ step: 'copy', metric: 'steady volume' });
    expect(failedTest?.value).toBeCloseTo(172.73, 1);

    const metrics = await runCli(['metrics', 'p', '--json'], workspace.root);
    expect(metrics.code).toBe(0);
    const summary = JSON.parse(metrics.stdout) as { baseline: number; metrics: MetricSummary[] };
    expect(summary.baseline).toBe(5);
    const byName = Object.fromEntries(summary.metrics.map((metric) => [metric.key.metric, metric]));
    expect(Object.keys(byName).sort()).toEqual([
      'duration_ms',
      'metrics/m.json:model.auc',
      'rows:data/out.csv',
      'test:out rows',
      'test:steady volume',
    ]);
    expect(byName['rows:data/out.csv']).toMatchObject({ points: 6, latest: { value: 30 }, violations: [1] });
    expect(byName['rows:data/out.csv']?.limits?.center).toBeCloseTo(10.8, 6);
    expect(byName['metrics/m.json:model.auc']?.latest.value).toBe(0.91);

    const table = await runCli(['metrics', 'p'], workspace.root);
    expect(table.stdout).toMatch(/rows:data\/out\.csv\s+30\s+6\s+10\.8.*out of control: rule 1/);

    const open = JSON.parse((await runCli(['alerts', '--json'], workspace.root)).stdout) as Alert[];
    expect(open.map((alert) => alert.id).sort()).toEqual(drifted.run.alerts.map((alert) => alert.id).sort());
    const ack = await runCli(['alerts', 'ack', 'all'], workspace.root);
    expect(ack.stdout).toMatch(`${open.length} alerts acknowledged`);
    expect(JSON.parse((await runCli(['alerts', '--json'], workspace.root)).stdout)).toEqual([]);
    const all = JSON.parse((await runCli(['alerts', '--all', '--json'], workspace.root)).stdout) as Alert[];
    expect(all.every((alert) => alert.acknowledgedAt !== null)).toBe(true);
    expect(all).toHaveLength(open.length);
  });

  it('starts a new baseline on request: the drifted level is judged again only once it has its own limits', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': 'version: 1\nmonitoring:\n  baseline: 3\n  alert_on: ["rows:*"]\n',
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  copy:\n    inputs: [in.csv]\n    outputs: [out.csv]\n    run: cp in.csv out.csv\n',
      ),
    });
    // Every run executes (--no-cache), so each adds its point to the series.
    for (const rows of [10, 11, 12, 40]) {
      workspace.write('in.csv', csv(rows));
      await runJson(['p', '--no-cache']);
    }
    const reset = await runCli(['metrics', 'p', '--reset-baseline', '--metric', 'rows:out.csv'], workspace.root);
    expect(reset.stdout).toMatch('new baseline for 1 series');
    expect((await runCli(['metrics', 'p', '--reset-baseline', '--step', 'nope'], workspace.root)).code).toBe(2);
    for (const rows of [41, 42, 40]) {
      workspace.write('in.csv', csv(rows));
      expect((await runJson(['p', '--no-cache'])).run.alerts).toEqual([]);
    }
    workspace.write('in.csv', csv(12));
    const back = await runJson(['p', '--no-cache']);
    expect(back.run.alerts.map((alert) => [alert.metric, alert.value])).toEqual([['rows:out.csv', 12]]);
    const summary = JSON.parse((await runCli(['metrics', 'p', '--json'], workspace.root)).stdout) as {
      metrics: MetricSummary[];
    };
    expect(summary.metrics.find((metric) => metric.key.metric === 'rows:out.csv')).toMatchObject({
      points: 4,
      limits: { center: 41 },
    });
  });

  it('judges again what the cache cannot know: a freshness test and a changed test on a cached step', async () => {
    const stamp = new Date().toISOString().replace('T', ' ').slice(0, 19);
    workspace = tempWorkspace({
      'events.csv': `id,at\n1,${stamp}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  load:
    inputs: [events.csv]
    outputs: [loaded.csv]
    run: cp events.csv loaded.csv
    tests:
      - name: recent events
        freshness: { path: events.csv, column: at, max_age: 4s }
`,
      ),
    });
    const written = Date.now();
    const first = await runJson(['p']);
    expect(first.run.steps[0]?.tests[0]).toMatchObject({ stage: 'input', outcome: 'passed' });
    await new Promise((wait) => setTimeout(wait, Math.max(0, written + 5000 - Date.now())));
    const stale = await runJson(['p']);
    expect(stale.run.steps[0]).toMatchObject({ status: 'failed', cachedFrom: first.run.id });
    expect(stale.run.steps[0]?.tests[0]?.outcome).toBe('failed');
    expect(stale.run.alerts.map((alert) => [alert.kind, alert.metric])).toEqual([['test-failed', 'recent events']]);

    workspace.write(
      'pipelines/p.pipeline.yaml',
      pipelineYaml(
        'p',
        `  load:
    inputs: [events.csv]
    outputs: [loaded.csv]
    run: cp events.csv loaded.csv
    tests:
      - name: many events
        severity: warn
        row_count: { path: loaded.csv, min: 5 }
`,
      ),
    );
    const retested = await runJson(['p']);
    expect(retested.run.steps[0]).toMatchObject({ status: 'warned', cachedFrom: first.run.id });
    expect(retested.run.alerts.map((alert) => [alert.kind, alert.metric, alert.value])).toEqual([
      ['test-failed', 'many events', 1],
    ]);
  });

  it("raises a resumed run's alerts once, for the steps it ran again", async () => {
    workspace = tempWorkspace({
      'in.csv': csv(3),
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  a:
    inputs: [in.csv]
    outputs: [a.csv]
    run: cp in.csv a.csv
    tests:
      - name: big enough
        severity: warn
        row_count: { path: a.csv, min: 10 }
  b:
    inputs: [a.csv]
    run: test -f go
`,
      ),
    });
    const failed = await runJson(['p']);
    expect(failed.code).toBe(1);
    expect(failed.run.alerts.map((alert) => alert.metric)).toEqual(['big enough']);
    workspace.write('go', '');
    const resumed = await runJson(['p', '--resume', 'last']);
    expect(resumed.run.status).toBe('warned');
    expect(resumed.run.alerts).toEqual([]);
    expect(JSON.parse((await runCli(['alerts', '--all', '--json'], workspace.root)).stdout)).toHaveLength(1);
  });

  it('refuses an unknown environment and an alert id that is not one', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: "true"\n') });
    const metrics = await runCli(['metrics', 'p', '--env', 'prod'], workspace.root);
    expect(metrics.code).toBe(2);
    expect(metrics.stderr).toMatch(/environment "prod" is not defined/);
    const ack = await runCli(['alerts', 'ack', 'x1'], workspace.root);
    expect(ack.code).toBe(2);
    expect(ack.stderr).toMatch(/not an alert id: x1/);
  });
});
