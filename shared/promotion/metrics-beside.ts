// An experiment's key metrics beside production's: the metrics its gate names, for each
// pipeline whose candidate run has the step, with the difference (candidate - production).
import type { GateSpec } from '../pipeline/journey-schema.js';
import type { MetricBeside } from '../journeys/journey-types.js';
import type { GateCandidate, RunMetricValue } from './gate.js';

export function metricsBeside(candidates: readonly GateCandidate[], gate: GateSpec | undefined): MetricBeside[] {
  const beside: MetricBeside[] = [];
  const find = (metrics: readonly RunMetricValue[] | undefined, step: string, metric: string) =>
    metrics?.find((value) => value.step === step && value.metric === metric)?.value ?? null;
  for (const candidate of candidates) {
    const seen = new Set<string>();
    for (const { step, metric } of gate?.metrics ?? []) {
      const key = `${step}\u0000${metric}`;
      if (seen.has(key) || !candidate.run?.steps.some((entry) => entry.id === step)) continue;
      seen.add(key);
      const value = find(candidate.metrics, step, metric);
      const production = find(candidate.production?.metrics, step, metric);
      beside.push({
        pipeline: candidate.pipeline,
        step,
        metric,
        candidate: value,
        production,
        delta: value !== null && production !== null ? value - production : null,
      });
    }
  }
  return beside;
}
