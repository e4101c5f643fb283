// How an occurrence becomes a run: an ordinary run request for the schedule's pipeline at its
// ref, triggered by the schedule, its params labelled "schedule"; and why it could not start.
import { formatProblem } from '../../../shared/pipeline/problem.js';
import type { ScheduleSettings } from '../../../shared/schedule/schedule-settings.js';
import { RunRequestError } from '../engine/run-plan.js';
import type { RunRequest } from '../engine/run-plan.js';
import { errorMessage } from '../../../shared/text/error-message.js';

/** The run of an occurrence: the schedule's pipeline at its ref, with its params labelled "schedule". */
export function scheduledRunRequest(root: string, schedule: ScheduleSettings): RunRequest {
  return {
    pipeline: schedule.pipeline,
    cwd: root,
    ref: schedule.ref,
    params: schedule.params,
    paramSource: 'schedule',
    trigger: { kind: 'schedule', name: schedule.name },
    ...(schedule.environment !== null ? { environment: schedule.environment } : {}),
  };
}

/** The reason a run could not start, with the problems of an invalid pipeline one a line. */
export function startFailure(error: unknown): string {
  const message = errorMessage(error);
  if (!(error instanceof RunRequestError) || error.problems.length === 0) return message;
  return [message, ...error.problems.map(formatProblem)].join('\n');
}
