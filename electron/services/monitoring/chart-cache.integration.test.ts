// The chart cache on a real state database, written by real CLI runs: a chart asked for again
// is the one already made while nothing changed, and is made afresh after a run of another
// process, a change through this connection, or other monitoring settings.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { RunStore } from '../store/run-store.js';
import { ChartCache } from './chart-cache.js';
import { chartOptions } from './metric-charts.js';

let workspace: TempWorkspace;
let store: RunStore;
const key = { pipeline: 'p', environment: '', step: 'copy', metric: 'rows:out.csv' };

async function runWithRows(rows: number): Promise<void> {
  workspace.write('in.csv', `id\n${Array.from({ length: rows }, (_, index) => index).join('\n')}\n`);
  expect((await runCli(['run', 'p', '-q'], workspace.root)).code).toBe(0);
}

beforeEach(async () => {
  workspace = tempWorkspace({
    'pipewright.yaml': 'version: 1\n',
    'pipelines/p.pipeline.yaml': pipelineYaml(
      'p',
      '  copy:\n    inputs: [in.csv]\n    outputs: [out.csv]\n    run: cp in.csv out.csv\n',
    ),
  });
  for (const rows of [5, 6, 7]) await runWithRows(rows);
  store = new RunStore(join(workspace.root, '.pipewright', 'state.db'));
});
afterEach(() => {
  store.close();
  workspace.remove();
});

describe('the chart cache', () => {
  it('answers again with the chart it made while the database is unchanged', () => {
    let settings = 'a';
    const cache = new ChartCache(store, () => settings);
    const options = chartOptions(undefined);
    const first = cache.current().chart(key, options);
    expect(first.points.map((point) => point.value)).toEqual([5, 6, 7]);
    expect(cache.current().chart(key, options)).toBe(first);
    settings = 'b';
    expect(cache.current().chart(key, options)).not.toBe(first);
  });

  it('makes the chart afresh after a run of another process and after a change through its own connection', async () => {
    const cache = new ChartCache(store, () => '');
    const options = chartOptions(undefined);
    const before = cache.current().chart(key, options);
    await runWithRows(8);
    const after = cache.current().chart(key, options);
    expect(after.points.map((point) => point.value)).toEqual([5, 6, 7, 8]);
    expect(cache.current().chart(key, options)).toBe(after);
    expect(after).not.toBe(before);
    store.monitoring.resetBaselines('p', '', {}, Date.now() + 1000);
    expect(cache.current().chart(key, options).points).toEqual([]);
  });
});
