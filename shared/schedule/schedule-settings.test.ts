import { describe, expect, it } from 'vitest';
import { validateWorkspaceText } from '../validation/validate.js';
import type { WorkspaceSpec } from '../pipeline/schema.js';
import { formatOccurrence } from './occurrence-text.js';
import { workspaceSchedules } from './schedule-settings.js';

function settings(text: string): WorkspaceSpec {
  const validated = validateWorkspaceText('pipewright.yaml', text);
  expect(validated.problems).toEqual([]);
  return validated.spec as WorkspaceSpec;
}

describe('schedule settings', () => {
  it('fills in the defaults: the last environment of the promotion path, the production branch, UTC, skip, once', () => {
    const [nightly] = workspaceSchedules(
      settings(`version: 1
environments: { dev: {}, test: {}, prod: {} }
promotion: { production: trunk, path: [dev, test, prod] }
schedules:
  nightly: { pipeline: sales, cron: "0 6 * * *", params: { fraction: 0.5, full: true } }
`),
    );
    expect(nightly).toEqual({
      name: 'nightly',
      pipeline: 'sales',
      environment: 'prod',
      cron: '0 6 * * *',
      timezone: 'UTC',
      ref: 'trunk',
      overlap: 'skip',
      catchUp: 'once',
      params: { fraction: '0.5', full: 'true' },
    });
  });

  it('keeps what the schedule says, and falls back to the default environment and main', () => {
    const [first, second] = workspaceSchedules(
      settings(`version: 1
default_environment: dev
environments: { dev: {}, prod: {} }
schedules:
  pinned: { pipeline: sales, environment: prod, cron: "0 6 * * *", timezone: Europe/Berlin, ref: release-2, overlap: queue, catch_up: none }
  plain: { pipeline: sales, cron: "0 7 * * *" }
`),
    );
    expect(first).toMatchObject({
      environment: 'prod',
      timezone: 'Europe/Berlin',
      ref: 'release-2',
      overlap: 'queue',
      catchUp: 'none',
    });
    expect(second).toMatchObject({ environment: 'dev', ref: 'main' });
  });
});

describe('occurrence text', () => {
  it("shows the wall-clock time of the schedule's time zone", () => {
    expect(formatOccurrence(Date.parse('2025-03-31T04:00:00Z'), 'Europe/Berlin')).toBe(
      '2025-03-31 06:00:00 Europe/Berlin',
    );
    expect(formatOccurrence(Date.parse('2025-01-31T23:00:05Z'), 'UTC')).toBe('2025-01-31 23:00:05 UTC');
  });
});
