// A run's data tests through the real engine and DuckDB: the data tests of a stage run as
// batches (runStepTests -> DataTestEngine.runAll), so the checks counting failing rows of one
// file share a scan of it, and each test still reports what it reports when run alone: the
// same outcome, failing-row count, expectation and message with its example.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import { engineFor } from '../../testing/engine-run.js';
import type { EngineUnderTest } from '../../testing/engine-run.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { DataTestEngine } from '../data-tests/data-test-engine.js';
import { QuerySession } from '../data-tests/query-session.js';

let workspace: TempWorkspace;
let engine: EngineUnderTest;
afterEach(async () => {
  vi.restoreAllMocks();
  await engine?.close();
  workspace?.remove();
});

const ORDERS = [
  'id,customer_id,amount,status,email',
  '1,10,5.5,paid,ann@example.com',
  '2,99,-3,refunded,not-an-email',
  '2,,250,paid,',
  '4,12,100,,di@example.com',
  '5,98,7,weird,ed@example.com',
].join('\n');

// Written in this order in the step; the command test in the middle ends the first batch.
const TESTS: TestSpec[] = [
  { not_null: { path: 'out/orders.csv', columns: ['id', 'email'] } },
  { not_null: { path: 'out/orders.csv', columns: ['email'], mostly: 0.5 } },
  { accepted_values: { path: 'out/orders.csv', column: 'status', values: ['paid', 'open'] } },
  { range: { path: 'out/orders.csv', column: 'amount', min: 0, max: 100 } },
  { pattern: { path: 'out/orders.csv', column: 'email', regex: '[a-z]+@example\\.com' } },
  { unique: { path: 'out/orders.csv', columns: ['id'] } },
  { row_count: { path: 'out/orders.csv', min: 10 } },
  { command: 'true' },
  { accepted_values: { path: 'out/orders.csv', column: 'status', values: ['paid', 'refunded', 'weird'] } },
  { range: { path: 'out/orders.csv', column: 'amount', min: 1 } },
  { relationship: { path: 'out/orders.csv', column: 'customer_id', to: 'data/customers.csv' } },
  { row_count_change: { path: 'out/orders.csv', max_percent: 10 } },
];

const yamlOf = (test: TestSpec) => `      - ${JSON.stringify({ ...test, severity: 'warn' })}\n`;

describe("a run's data tests", () => {
  it('share the scans of a file and report what each reports alone', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  copy:\n    run: mkdir -p out && cp data/orders.csv out/orders.csv\n    outputs: [out/orders.csv]\n    tests:\n${TESTS.map(yamlOf).join('')}`,
      ),
      'data/orders.csv': `${ORDERS}\n`,
      'data/customers.csv': 'customer_id,name\n10,Ann\n11,Bob\n12,Cy\n',
    });
    const queries = vi.spyOn(QuerySession.prototype, 'row');
    engine = await engineFor(workspace.root);
    const { run } = await engine.run();
    const shared = queries.mock.calls.map(([sql]) => sql).filter((sql) => sql.includes('failing_1'));
    queries.mockRestore();
    // Five checks count failing rows before the command test, two after it: a scan for each batch.
    expect(shared).toHaveLength(2);

    const alone = await DataTestEngine.open();
    try {
      const expected = [];
      for (const [index, test] of TESTS.entries()) {
        if ('command' in test) continue;
        const outcome = await alone.run({
          root: workspace.root,
          test,
          timeoutMs: null,
          signal: new AbortController().signal,
          previousRowCount: () => null,
        });
        if (outcome === 'cancelled') throw new Error('unexpectedly cancelled');
        const { outcome: verdict, observed, expected: passes, message } = outcome;
        expected.push({ index, outcome: verdict, observed, expected: passes, message });
      }
      const reported = (run.steps[0]?.tests ?? [])
        .filter((result) => result.kind !== 'command')
        .map(({ index, outcome, observed, expected: passes, message }) => ({
          index,
          outcome,
          observed,
          expected: passes,
          message,
        }));
      expect(reported).toEqual(expected);
      expect(reported.filter((result) => result.outcome === 'failed').length).toBeGreaterThanOrEqual(8);
      expect(run.steps[0]?.tests.map((result) => result.index)).toEqual(TESTS.map((_, index) => index));
    } finally {
      alone.close();
    }
  });
});
