// Cancel never waits for a measurement: a step whose output is a huge CSV is counted (its
// rows become a metric) and tested by DuckDB, and a cancel in the middle of either interrupts
// the query instead of waiting minutes for it. The CSV is 20 GiB of rows in a 21 MB file (gzip
// members of one repeated chunk), so the count cannot finish within the test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../testing/cli-process.js';
import { engineFor } from '../../testing/engine-run.js';
import type { EngineUnderTest } from '../../testing/engine-run.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { DataTestEngine } from '../data-tests/data-test-engine.js';
import { SharedScans } from '../data-tests/shared-scans.js';

let workspace: TempWorkspace;
let engine: EngineUnderTest;
afterEach(async () => {
  vi.restoreAllMocks();
  await engine?.close();
  workspace?.remove();
});

function writeHugeCsv(path: string): void {
  const member = gzipSync(Buffer.from('1,2\n'.repeat(256 * 1024)), { level: 9 });
  mkdirSync(workspace.path('data'), { recursive: true });
  writeFileSync(path, Buffer.concat([gzipSync(Buffer.from('a,b\n')), ...Array<Buffer>(20_000).fill(member)]));
}

describe('cancelling a run while DuckDB reads a huge output', () => {
  it('interrupts the row count of its metrics', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  copy:\n    run: cp data/big.csv.gz out.csv.gz\n    outputs: [out.csv.gz]\n',
      ),
    });
    writeHugeCsv(workspace.path('data/big.csv.gz'));
    const counting = vi.spyOn(DataTestEngine.prototype, 'countRows');
    engine = await engineFor(workspace.root);
    const handle = await engine.start();
    await waitFor(() => counting.mock.calls.length > 0, 'the row count to start', 60_000);
    handle.cancel();
    const { run } = await handle.done;
    expect(run.status).toBe('cancelled');
    expect(await counting.mock.results[0]?.value).toBeNull();
  });

  // A stage's data tests run as one batch (DataTestEngine.runAll): a lone test runs its own
  // query, and two checks counting failing rows of one file share a scan of it.
  it.each([
    [
      'a data test on it',
      '      - row_count: { path: out.csv.gz, min: 1 }\n',
      () => vi.spyOn(DataTestEngine.prototype, 'runAll'),
    ],
    [
      'the scan its data tests share',
      '      - not_null: { path: out.csv.gz, columns: [a] }\n      - accepted_values: { path: out.csv.gz, column: b, values: [2] }\n',
      () => vi.spyOn(SharedScans.prototype, 'answer'),
    ],
  ])('interrupts %s', async (_name, tests, spyOnStart) => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  copy:\n    run: cp data/big.csv.gz out.csv.gz\n    outputs: [out.csv.gz]\n    tests:\n${tests}`,
      ),
    });
    writeHugeCsv(workspace.path('data/big.csv.gz'));
    const testing = spyOnStart();
    engine = await engineFor(workspace.root);
    const handle = await engine.start();
    await waitFor(() => testing.mock.calls.length > 0, 'the data test to start', 60_000);
    handle.cancel();
    const { run } = await handle.done;
    expect(run.status).toBe('cancelled');
    expect(run.steps[0]).toMatchObject({ status: 'cancelled', message: 'cancelled during tests' });
  });
});
