// Metric tests (model tests) through the data-test engine, on real metrics files.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import { DataTestEngine } from './data-test-engine.js';

let root = '';
let outside = '';
let engine: DataTestEngine;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pipewright-metric-'));
  outside = mkdtempSync(join(tmpdir(), 'pipewright-metric-outside-'));
  mkdirSync(join(root, 'metrics'));
  writeFileSync(
    join(root, 'metrics/eval.json'),
    JSON.stringify({ auc: 0.83, test: { f1: 0.61, label: 'x' }, list: [1] }),
  );
  writeFileSync(join(root, 'metrics/broken.json'), '{"auc": 0.8');
  writeFileSync(join(outside, 'secret.json'), '{"auc": 1}');
  symlinkSync(join(outside, 'secret.json'), join(root, 'metrics/linked.json'));
  engine = await DataTestEngine.open();
});

afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function run(metric: NonNullable<TestSpec['metric']>) {
  const outcome = await engine.run({
    root,
    test: { metric },
    timeoutMs: null,
    signal: new AbortController().signal,
    previousRowCount: () => null,
  });
  if (outcome === 'cancelled') throw new Error('cancelled');
  return outcome;
}

describe('the metric test', () => {
  it('passes when the number is within [min, max] and records it as observed', async () => {
    expect(await run({ file: 'metrics/eval.json', key: 'auc', min: 0.8 })).toEqual({
      outcome: 'passed',
      observed: 0.83,
      expected: 'at least 0.8',
      message: null,
      rowCount: null,
    });
    expect(await run({ file: './metrics/eval.json', key: 'test.f1', min: 0.5, max: 0.9 })).toMatchObject({
      outcome: 'passed',
      observed: 0.61,
      expected: '0.5 to 0.9',
    });
  });

  it('fails below the minimum or above the maximum, saying which', async () => {
    expect(await run({ file: 'metrics/eval.json', key: 'auc', min: 0.9 })).toEqual({
      outcome: 'failed',
      observed: 0.83,
      expected: 'at least 0.9',
      message: 'metrics/eval.json: auc is 0.83, below the minimum 0.9',
      rowCount: null,
    });
    expect(await run({ file: 'metrics/eval.json', key: 'test.f1', max: 0.6 })).toMatchObject({
      outcome: 'failed',
      observed: 0.61,
      expected: 'at most 0.6',
      message: 'metrics/eval.json: test.f1 is 0.61, above the maximum 0.6',
    });
  });

  it('cannot run, with a clear error, when the file or the key is missing or the value is not a number', async () => {
    const cases: Array<[NonNullable<TestSpec['metric']>, string]> = [
      [{ file: 'metrics/none.json', key: 'auc', min: 0 }, 'metrics file metrics/none.json was not written'],
      [{ file: 'metrics/broken.json', key: 'auc', min: 0 }, 'metrics file metrics/broken.json is not valid JSON'],
      [{ file: 'metrics', key: 'auc', min: 0 }, 'metrics file metrics is a folder; it should be a JSON file'],
      [
        { file: 'metrics/eval.json', key: 'roc_auc', min: 0 },
        'metrics/eval.json: the file has no key "roc_auc" (keys: auc, test, list)',
      ],
      [
        { file: 'metrics/eval.json', key: 'test.auc', min: 0 },
        'metrics/eval.json: test has no key "auc" (keys: f1, label)',
      ],
      [
        { file: 'metrics/eval.json', key: 'auc.value', min: 0 },
        'metrics/eval.json: auc is not an object, so it has no key "value"',
      ],
      [{ file: 'metrics/eval.json', key: 'test.label', min: 0 }, 'metrics/eval.json: test.label is "x", not a number'],
      [{ file: 'metrics/eval.json', key: 'list', min: 0 }, 'metrics/eval.json: list is [1], not a number'],
    ];
    for (const [metric, message] of cases) {
      const outcome = await run(metric);
      expect(outcome.outcome, message).toBe('error');
      expect(outcome.observed).toBeNull();
      expect(outcome.message).toContain(message);
    }
  });

  it('never reads a metrics file through a link leading out of the workspace', async () => {
    const outcome = await run({ file: 'metrics/linked.json', key: 'auc', min: 0 });
    expect(outcome.outcome).toBe('error');
    expect(outcome.message).toMatch(/metrics file metrics\/linked\.json/);
  });
});
