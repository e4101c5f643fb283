// Checks of schedules: in pipewright.yaml: each schedule's environment exists, its cron
// expression parses, its time zone is known and its pipeline is a pipeline name.
import { cronProblem, timezoneProblem } from '../schedule/cron-timing.js';
import { didYouMean } from '../text/did-you-mean.js';
import type { JourneyReport } from './report.js';
import { PIPELINE_NAME } from '../pipeline/names.js';
import type { WorkspaceSpec } from '../pipeline/schema.js';

export function checkSchedules(workspace: WorkspaceSpec, report: JourneyReport): void {
  const names = Object.keys(workspace.environments ?? {});
  for (const [name, schedule] of Object.entries(workspace.schedules ?? {})) {
    if (schedule.environment !== undefined && !names.includes(schedule.environment)) {
      const hint = didYouMean(schedule.environment, names);
      report(
        ['schedules', name, 'environment'],
        'unknown-environment',
        `environment "${schedule.environment}" is not defined under environments`,
        hint ? { hint } : {},
      );
    }
    if (!PIPELINE_NAME.test(schedule.pipeline)) {
      report(
        ['schedules', name, 'pipeline'],
        'invalid-pipeline-name',
        `"${schedule.pipeline}" is not a pipeline name: use the name of a file pipelines/NAME.pipeline.yaml (letters, digits, "_", "-" and ".")`,
      );
    }
    const cron = cronProblem(schedule.cron);
    if (cron !== null) report(['schedules', name, 'cron'], 'invalid-cron', cron);
    const timezone = schedule.timezone === undefined ? null : timezoneProblem(schedule.timezone);
    if (timezone !== null) report(['schedules', name, 'timezone'], 'unknown-timezone', timezone);
  }
}
