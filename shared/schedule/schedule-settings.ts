// A schedule of pipewright.yaml with its defaults filled in: the environment (the last of the
// promotion path, else the workspace default), the ref (the production branch), UTC, skip and
// once. The scheduler, `schedule list` and the Production view all read schedules this way.
import type { CatchUpPolicy, OverlapPolicy, ScheduleSpec } from '../pipeline/journey-schema.js';
import type { WorkspaceSpec } from '../pipeline/schema.js';
import { DEFAULT_TIMEZONE } from './cron-timing.js';

export const DEFAULT_PRODUCTION_BRANCH = 'main';

export interface ScheduleSettings {
  name: string;
  pipeline: string;
  /** null: the workspace's default environment (or none). */
  environment: string | null;
  cron: string;
  timezone: string;
  ref: string;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  /** Param values as text, the way a run request takes them (their source is "schedule"). */
  params: Record<string, string>;
}

export function scheduleSettings(workspace: WorkspaceSpec, name: string, schedule: ScheduleSpec): ScheduleSettings {
  return {
    name,
    pipeline: schedule.pipeline,
    environment: schedule.environment ?? workspace.promotion?.path?.at(-1) ?? workspace.default_environment ?? null,
    cron: schedule.cron,
    timezone: schedule.timezone ?? DEFAULT_TIMEZONE,
    ref: schedule.ref ?? workspace.promotion?.production ?? DEFAULT_PRODUCTION_BRANCH,
    overlap: schedule.overlap ?? 'skip',
    catchUp: schedule.catch_up ?? 'once',
    params: Object.fromEntries(Object.entries(schedule.params ?? {}).map(([param, value]) => [param, String(value)])),
  };
}

/** Every schedule of the workspace, in the order pipewright.yaml lists them. */
export function workspaceSchedules(workspace: WorkspaceSpec): ScheduleSettings[] {
  return Object.entries(workspace.schedules ?? {}).map(([name, schedule]) =>
    scheduleSettings(workspace, name, schedule),
  );
}
