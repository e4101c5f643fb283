import { describe, expect, it } from 'vitest';
import type { Problem } from '../pipeline/problem.js';
import { validateWorkspaceText } from './validate.js';

const workspace = (promotion: string) => `version: 1
environments:
  dev: {}
  test: {}
  prod: {}
promotion:
${promotion}`;

const problems = (promotion: string): Problem[] =>
  validateWorkspaceText('pipewright.yaml', workspace(promotion)).problems;

describe('promotion checks', () => {
  it('accepts a complete promotion block', () => {
    expect(
      problems(`  production: main
  path: [dev, test, prod]
  gate:
    tests: no-errors
    alerts: none
    metrics:
      - { step: evaluate, metric: "metrics/eval.json:auc", min: 0.8, max: 1 }
      - { step: evaluate, metric: "metrics/eval.json:auc", no_worse_than: production, tolerance: 0.01, better: higher }
`),
    ).toEqual([]);
  });

  it('reports an unknown environment of the path with a suggestion', () => {
    expect(problems('  path: [dev, tset, prod]\n')).toMatchObject([
      { code: 'unknown-environment', line: 7, hint: 'did you mean "test"?' },
    ]);
  });

  it('reports a metric condition that asks nothing', () => {
    const found = problems('  gate:\n    metrics:\n      - { step: evaluate, metric: auc }\n');
    expect(found).toMatchObject([
      { code: 'empty-metric-condition', line: 9, path: ['promotion', 'gate', 'metrics', 0] },
    ]);
    expect(found[0]?.message).toContain('add min, max or no_worse_than: production');
  });

  it('reports tolerance and better without no_worse_than, on their keys', () => {
    const found = problems(
      '  gate:\n    metrics:\n      - step: evaluate\n        metric: auc\n        min: 0.5\n        tolerance: 0.1\n        better: lower\n',
    );
    expect(found).toMatchObject([
      { code: 'needs-no-worse-than', line: 12, column: 9, path: ['promotion', 'gate', 'metrics', 0, 'tolerance'] },
      { code: 'needs-no-worse-than', line: 13, column: 9, path: ['promotion', 'gate', 'metrics', 0, 'better'] },
    ]);
  });

  it('reports min above max', () => {
    expect(problems('  gate:\n    metrics:\n      - { step: evaluate, metric: auc, min: 2, max: 1 }\n')).toMatchObject([
      { code: 'min-above-max', line: 9, message: 'min (2) is above max (1): no value can pass' },
    ]);
  });

  it('reports a production branch git would refuse', () => {
    const found = problems('  production: "my main"\n');
    expect(found).toMatchObject([{ code: 'invalid-branch-name', line: 7, path: ['promotion', 'production'] }]);
    expect(found[0]?.message).toContain('cannot contain spaces');
    expect(problems('  production: release/2024\n')).toEqual([]);
  });
});
