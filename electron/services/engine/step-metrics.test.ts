import { afterEach, describe, expect, it } from 'vitest';
import type { TestResult } from '../../../shared/run/run-types.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { stepMetrics } from './step-metrics.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const test = (name: string, observed: number | null): TestResult => ({
  index: 0,
  name,
  kind: 'row_count',
  severity: 'error',
  stage: 'output',
  outcome: 'passed',
  observed,
  expected: '',
  exitCode: null,
  durationMs: 1,
  message: null,
  logPath: null,
});

describe('step metrics', () => {
  it('collects duration, row counts of tabular outputs, observed test values and the numbers of metrics files', async () => {
    workspace = tempWorkspace({
      'm/train.json': JSON.stringify({ auc: 0.9, loss: { train: 0.2, valid: 0.3 }, tags: ['a'], label: 'x', n: null }),
    });
    const counted: string[] = [];
    const { metrics, problems } = await stepMetrics({
      root: workspace.root,
      step: {
        run: 'x',
        outputs: ['data/out.csv', './data/known.parquet', 'report.md', 'm/train.json'],
        metrics: ['m/train.json'],
      },
      durationMs: 120,
      outputsWritten: true,
      tests: [test('rows', 7), test('logic', null)],
      rowCounts: new Map([['data/known.parquet', 5]]),
      countRows: async (path) => {
        counted.push(path);
        return 42;
      },
    });
    expect(problems).toEqual([]);
    expect(counted).toEqual(['data/out.csv']);
    expect(Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]))).toEqual({
      duration_ms: 120,
      'rows:data/known.parquet': 5,
      'rows:data/out.csv': 42,
      'test:rows': 7,
      'm/train.json:auc': 0.9,
      'm/train.json:loss.train': 0.2,
      'm/train.json:loss.valid': 0.3,
    });
  });

  it('names a metrics file that is missing, not JSON, or holds no numbers', async () => {
    workspace = tempWorkspace({ 'bad.json': '{oops', 'words.json': '{"a": "b"}' });
    const { metrics, problems } = await stepMetrics({
      root: workspace.root,
      step: { run: 'x', metrics: ['missing.json', 'bad.json', 'words.json', '../outside.json'] },
      durationMs: null,
      outputsWritten: true,
      tests: [],
      rowCounts: new Map(),
      countRows: async () => null,
    });
    expect(metrics).toEqual([]);
    expect(problems).toEqual([
      'metrics file missing.json was not written',
      expect.stringMatching(/^metrics file bad\.json is not valid JSON/),
      expect.stringMatching(/^metrics file words\.json holds no numbers/),
      'metrics file ../outside.json leaves the workspace',
    ]);
  });

  it('records no file metrics when the step did not write its outputs', async () => {
    workspace = tempWorkspace({});
    const { metrics } = await stepMetrics({
      root: workspace.root,
      step: { run: 'x', outputs: ['a.csv'], metrics: ['m.json'] },
      durationMs: null,
      outputsWritten: false,
      tests: [test('rows', 3)],
      rowCounts: new Map(),
      countRows: async () => 1,
    });
    expect(metrics).toEqual([{ name: 'test:rows', value: 3 }]);
  });
});
