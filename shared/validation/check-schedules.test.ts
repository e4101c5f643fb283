import { describe, expect, it } from 'vitest';
import { formatProblem } from '../pipeline/problem.js';
import type { Problem } from '../pipeline/problem.js';
import { validateWorkspaceText } from './validate.js';

const FILE = 'pipewright.yaml';

function problems(schedules: string): Problem[] {
  return validateWorkspaceText(
    FILE,
    `version: 1
environments:
  prod: {}
schedules:
${schedules}`,
  ).problems;
}

describe('schedule checks', () => {
  it('accepts valid schedules, with seconds, a time zone and every option', () => {
    expect(
      problems(`  nightly: { pipeline: sales, environment: prod, cron: "0 6 * * *", timezone: Europe/Berlin }
  often:
    pipeline: sales.v2
    cron: "*/10 * * * * *"
    ref: release-3
    overlap: queue
    catch_up: none
    params: { fraction: 0.5 }
`),
    ).toEqual([]);
  });

  it("reports an invalid cron expression at its position, in the cron library's words", () => {
    const found = problems('  nightly:\n    pipeline: sales\n    cron: "0 25 * * *"\n');
    expect(found).toHaveLength(1);
    const problem = found[0] as Problem;
    expect(problem).toMatchObject({
      code: 'invalid-cron',
      path: ['schedules', 'nightly', 'cron'],
      line: 7,
      column: 11,
    });
    expect(formatProblem(problem)).toBe(
      'pipewright.yaml:7:11: error: schedules.nightly.cron: invalid cron expression "0 25 * * *": Invalid value for hour: 25 (expected minute hour day-of-month month day-of-week, optionally after a seconds field) [invalid-cron]',
    );
  });

  it('reports a cron expression with the wrong number of fields', () => {
    const found = problems('  nightly: { pipeline: sales, cron: "daily at six" }\n');
    expect(found.map((problem) => [problem.code, problem.message])).toEqual([
      [
        'invalid-cron',
        expect.stringMatching(/^invalid cron expression "daily at six": .*five, six, or seven space separated parts/),
      ],
    ]);
  });

  it('reports an unknown time zone with a suggestion', () => {
    const found = problems('  nightly:\n    pipeline: sales\n    cron: "0 6 * * *"\n    timezone: Europe/Berln\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 'unknown-timezone',
      path: ['schedules', 'nightly', 'timezone'],
      line: 8,
      column: 15,
      message: expect.stringContaining('unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?)'),
    });
  });

  it('reports a pipeline that is not a pipeline name', () => {
    const found = problems('  nightly: { pipeline: "pipelines/sales.pipeline.yaml", cron: "0 6 * * *" }\n');
    expect(found.map((problem) => [problem.code, problem.path.join('.')])).toEqual([
      ['invalid-pipeline-name', 'schedules.nightly.pipeline'],
    ]);
  });

  it('still reports an unknown environment', () => {
    const found = problems('  nightly: { pipeline: sales, environment: prd, cron: "0 6 * * *" }\n');
    expect(found).toMatchObject([
      { code: 'unknown-environment', path: ['schedules', 'nightly', 'environment'], hint: 'did you mean "prod"?' },
    ]);
  });

  it('reports every wrong field of a schedule at once', () => {
    const found = problems(
      '  nightly: { pipeline: "a b", environment: staging, cron: "61 * * * *", timezone: Nowhere }\n',
    );
    expect(found.map((problem) => problem.code).sort()).toEqual([
      'invalid-cron',
      'invalid-pipeline-name',
      'unknown-environment',
      'unknown-timezone',
    ]);
  });
});
