// A run's point judged from a bounded read of its series, on a real state database, against the
// whole control chart: the same limits and the same broken rules for every run, through failed
// runs, shifts, outliers and a baseline reset.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newRun } from '../../testing/new-run.js';
import { RunStore } from '../store/run-store.js';
import { chartOptions, controlChart, judgePoint } from './metric-charts.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-judge-'));
const store = new RunStore(join(dir, 'state.db'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const key = { pipeline: 'p', environment: '', step: 's', metric: 'duration_ms' };
const START = Date.UTC(2026, 11, 1);

/** A repeatable series: noise, a run of failed runs, a shift up, outliers, a trend. */
function valueAt(index: number, random: () => number): number {
  const noise = (random() - 0.5) * 10;
  if (index % 17 === 5) return 160 + noise;
  if (index >= 40 && index < 52) return 118 + noise;
  if (index >= 70 && index < 80) return 100 + (index - 70) * 3 + noise;
  return 100 + noise;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function record(index: number, value: number): string {
  const id = `run-${String(index).padStart(3, '0')}`;
  store.createRun(newRun(id, 'p', { createdAt: START + index * 1000 }), ['s']);
  store.finishRun(id, index % 9 === 4 ? 'failed' : 'succeeded');
  store.monitoring.recordMetrics(id, key, [{ name: key.metric, value }], START + index * 1000);
  return id;
}

describe("a run's point judged from a bounded read of its series", () => {
  it('has the limits and the broken rules the whole chart gives it, for every run', () => {
    const random = seeded(7);
    const runs = Array.from({ length: 110 }, (_, index) => {
      if (index === 60) store.monitoring.resetBaselines('p', '', {}, START + index * 1000 - 1);
      return record(index, valueAt(index, random));
    });
    for (const baseline of [5, 20]) {
      const options = { ...chartOptions(undefined), baseline };
      const chart = controlChart(store.monitoring, key, options);
      let flagged = 0;
      for (const runId of runs) {
        const charted = chart.points.find((point) => point.runId === runId);
        const judged = judgePoint(store.monitoring, key, runId, options);
        if (charted === undefined) {
          // Before the reset: no longer on the chart, and not judged either.
          expect(judged).toBeNull();
          continue;
        }
        expect(judged).toEqual({ value: charted.value, limits: chart.limits, violations: charted.violations });
        if (charted.violations.length > 0) flagged += 1;
      }
      expect(flagged).toBeGreaterThan(5);
    }
  });

  it('is null for a run that recorded no point', () => {
    expect(judgePoint(store.monitoring, key, 'no-such-run', chartOptions(undefined))).toBeNull();
  });
});
