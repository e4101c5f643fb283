// `pipewright lineage` through the built CLI on a real four-step pipeline: a report traced back
// to the raw CSV, with hashes checked against sha256 of the files themselves.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LineageStep, LineageTrace } from '../../shared/run/lineage-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const sha256 = (relative: string) =>
  createHash('sha256')
    .update(readFileSync(workspace.path(relative)))
    .digest('hex');

async function run(...args: string[]): Promise<RunSummary> {
  const result = await runCli(['run', ...args, '--json'], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunSummary;
}

async function lineage(...args: string[]): Promise<LineageTrace> {
  const result = await runCli(['lineage', ...args, '--json'], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as LineageTrace;
}

// raw.csv -> clean -> enrich (with a lookup file) -> aggregate -> report
const SALES = pipelineYaml(
  'sales',
  `  clean:
    run: grep -v '^#' data/raw/sales.csv > data/clean.csv
    inputs: [data/raw/sales.csv]
    outputs: [data/clean.csv]
  enrich:
    run: paste -d, data/clean.csv data/regions.csv > data/enriched.csv
    inputs: [data/clean.csv, data/regions.csv]
    outputs: [data/enriched.csv]
  aggregate:
    run: awk -F, -v min="$PW_PARAM_MIN_AMOUNT" 'NR > 1 && $2 >= min { total += $2 } END { print total }' data/enriched.csv > data/total.txt
    inputs: [data/enriched.csv]
    outputs: [data/total.txt]
  report:
    run: mkdir -p out; echo "Sales total $(cat data/total.txt)" > out/report.md
    inputs: [data/total.txt]
    outputs: [out/report.md]
`,
  '  min_amount: { type: number, default: 10 }\n',
);

function salesWorkspace(): TempWorkspace {
  return tempWorkspace({
    'pipelines/sales.pipeline.yaml': SALES,
    'data/raw/sales.csv': '# exported 2026-12-01\nid,amount\n1,5\n2,20\n3,30\n',
    'data/regions.csv': 'region\neu\nus\neu\n',
  });
}

/** The chain from the report down, one step per level (the first input each time). */
function chain(step: LineageStep): LineageStep[] {
  const next = step.inputs.find((input) => input.from !== null)?.from;
  return next ? [step, ...chain(next)] : [step];
}

describe('pipewright lineage', () => {
  it("traces a report back to the raw CSV through four steps, with the files' sha256 and the params", async () => {
    workspace = salesWorkspace();
    const first = await run('sales', '--param', 'min_amount=10');
    expect(readFileSync(workspace.path('out/report.md'), 'utf8')).toBe('Sales total 50\n');

    const trace = await lineage('out/report.md');
    expect(trace.file).toEqual({ path: 'out/report.md', hash: sha256('out/report.md') });
    const steps = chain(trace.step);
    expect(steps.map((step) => step.stepId)).toEqual(['report', 'aggregate', 'enrich', 'clean']);
    for (const step of steps) {
      expect(step.runId).toBe(first.id);
      expect(step.madeByRun).toBe(first.id);
      expect(step.params).toEqual({ min_amount: 10 });
      for (const file of [...step.inputs, ...step.outputs]) expect(file.hash, file.path).toBe(sha256(file.path));
    }
    const [report, aggregate, enrich, clean] = steps as [LineageStep, LineageStep, LineageStep, LineageStep];
    expect(report.inputs.map((input) => [input.path, input.origin])).toEqual([['data/total.txt', 'made']]);
    expect(aggregate.inputs.map((input) => [input.path, input.origin])).toEqual([['data/enriched.csv', 'made']]);
    expect(enrich.inputs.map((input) => [input.path, input.origin])).toEqual([
      ['data/clean.csv', 'made'],
      ['data/regions.csv', 'raw'],
    ]);
    expect(clean.inputs).toEqual([
      { path: 'data/raw/sales.csv', hash: sha256('data/raw/sales.csv'), origin: 'raw', from: null, repeated: null },
    ]);
    expect(trace.rawInputs.map((file) => file.path).sort()).toEqual(['data/raw/sales.csv', 'data/regions.csv']);

    const text = await runCli(['lineage', 'out/report.md'], workspace.root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`out/report.md ${sha256('out/report.md').slice(0, 12)}`);
    expect(text.stdout).toContain('step clean in run');
    expect(text.stdout).toContain(`data/raw/sales.csv ${sha256('data/raw/sales.csv').slice(0, 12)} raw input`);
    expect(text.stdout).toContain('params min_amount=10');
  });

  it('a later run keeps its own lineage: cached steps name the run that made their outputs, --run shows an older run', async () => {
    workspace = salesWorkspace();
    const first = await run('sales');
    const oldRaw = sha256('data/raw/sales.csv');
    const oldReport = sha256('out/report.md');

    // Only the lookup file changes: clean is reused from the first run; enrich and aggregate run
    // again, and aggregate writes the same total, so the report is reused too.
    writeFileSync(workspace.path('data/regions.csv'), 'region\nus\nus\nus\n');
    const second = await run('sales');
    expect(Object.fromEntries(second.steps.map((step) => [step.id, step.status]))).toEqual({
      clean: 'cached',
      enrich: 'succeeded',
      aggregate: 'succeeded',
      report: 'cached',
    });
    const latest = chain((await lineage('out/report.md')).step);
    expect(latest.map((step) => [step.stepId, step.runId, step.madeByRun])).toEqual([
      ['report', second.id, first.id],
      ['aggregate', second.id, second.id],
      ['enrich', second.id, second.id],
      ['clean', second.id, first.id],
    ]);
    expect(latest[2]?.inputs.find((input) => input.path === 'data/regions.csv')?.hash).toBe(sha256('data/regions.csv'));

    // Now the raw CSV changes too: the first run's lineage still has the hashes of then.
    writeFileSync(workspace.path('data/raw/sales.csv'), 'id,amount\n1,100\n');
    await run('sales');
    const old = await lineage('out/report.md', '--run', first.id);
    expect(old.file.hash).toBe(oldReport);
    expect(chain(old.step).map((step) => step.runId)).toEqual([first.id, first.id, first.id, first.id]);
    expect(old.rawInputs.find((file) => file.path === 'data/raw/sales.csv')?.hash).toBe(oldRaw);
    expect(oldRaw).not.toBe(sha256('data/raw/sales.csv'));
  });

  it('says clearly when no run wrote the file', async () => {
    workspace = salesWorkspace();
    await run('sales');
    const raw = await runCli(['lineage', 'data/raw/sales.csv'], workspace.root);
    expect(raw.code).toBe(2);
    expect(raw.stderr).toContain('no recorded run wrote data/raw/sales.csv');
    const outside = await runCli(['lineage', '../elsewhere.csv'], workspace.root);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('leaves the workspace');
  });
});
