// Checks of promotion: in pipewright.yaml: the environments of its path exist, the production
// branch is a name git accepts, and each metric condition of the gate asks something that can
// be judged (a bound or a comparison with production, its options only where they apply).
import { refNameProblem } from '../git/ref-names.js';
import { didYouMean } from '../text/did-you-mean.js';
import type { JourneyReport } from './report.js';
import type { MetricGateSpec } from '../pipeline/journey-schema.js';
import type { WorkspaceSpec } from '../pipeline/schema.js';

function checkMetricCondition(condition: MetricGateSpec, index: number, report: JourneyReport): void {
  const path = ['promotion', 'gate', 'metrics', index];
  if (condition.min === undefined && condition.max === undefined && condition.no_worse_than === undefined) {
    report(
      path,
      'empty-metric-condition',
      `the condition on ${condition.metric} asks nothing: add min, max or no_worse_than: production`,
    );
  }
  if (condition.no_worse_than === undefined) {
    for (const field of ['tolerance', 'better'] as const) {
      if (condition[field] !== undefined)
        report(
          [...path, field],
          'needs-no-worse-than',
          `${field} applies only to a comparison with production (add no_worse_than: production)`,
          { target: 'key' },
        );
    }
  }
  if (condition.min !== undefined && condition.max !== undefined && condition.min > condition.max) {
    report(
      [...path, 'min'],
      'min-above-max',
      `min (${condition.min}) is above max (${condition.max}): no value can pass`,
    );
  }
}

export function checkPromotion(workspace: WorkspaceSpec, report: JourneyReport): void {
  const names = Object.keys(workspace.environments ?? {});
  (workspace.promotion?.path ?? []).forEach((environment, index) => {
    if (names.includes(environment)) return;
    const hint = didYouMean(environment, names);
    report(
      ['promotion', 'path', index],
      'unknown-environment',
      `environment "${environment}" is not defined under environments`,
      hint ? { hint } : {},
    );
  });
  const production = workspace.promotion?.production;
  const problem = production === undefined ? null : refNameProblem(production);
  if (problem !== null)
    report(
      ['promotion', 'production'],
      'invalid-branch-name',
      `"${String(production)}" cannot be the production branch: ${problem}`,
    );
  (workspace.promotion?.gate?.metrics ?? []).forEach((condition, index) =>
    checkMetricCondition(condition, index, report),
  );
}
