// The schedules as text: the table of `schedule list`, and one line per thing the scheduler of
// `schedule run` decides (an occurrence started, skipped, missed; a run's outcome).
import type { OccurrenceOutcome, ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import { formatOccurrence } from '../../../shared/schedule/occurrence-text.js';
import type { SchedulerEvent } from '../../services/schedule/scheduler.js';
import { runHeadline, table } from './run-text.js';
import type { Styler } from './terminal-style.js';
import { statusLabel } from './terminal-style.js';

const OUTCOME_TEXT: Record<OccurrenceOutcome, string> = {
  started: 'started',
  'skipped-overlap': 'skipped: the previous run was still going',
  'skipped-paused': 'skipped: paused',
  missed: 'missed: no scheduler was running, or a later time was due',
  'failed-to-start': 'could not start',
};

function lastText(style: Styler, schedule: ScheduleOverview): string {
  const last = schedule.last;
  if (!last) return style('gray', 'never');
  const when = formatOccurrence(last.occurrence, schedule.timezone);
  const run = last.runId ? `, run ${last.runId}${last.status ? ` ${statusLabel(style, last.status)}` : ''}` : '';
  const why = last.message ? ` (${last.message.split('\n')[0] ?? ''})` : '';
  return `${when} ${last.outcome}${run}${why}`;
}

export function scheduleTable(style: Styler, schedules: readonly ScheduleOverview[]): string {
  const header = ['SCHEDULE', 'PIPELINE', 'REF', 'ENV', 'WHEN', 'NEXT', 'LAST'].map((cell) => style('bold', cell));
  const rows = schedules.map((schedule) => [
    schedule.paused ? `${schedule.name} ${style('yellow', '(paused)')}` : schedule.name,
    schedule.pipeline,
    `${schedule.ref}${schedule.release ? ` (${schedule.release})` : ''}`,
    schedule.environment ?? '-',
    `${schedule.cron} ${schedule.timezone}`,
    schedule.next === null ? style('gray', 'none') : formatOccurrence(schedule.next, schedule.timezone),
    lastText(style, schedule),
  ]);
  return table([header, ...rows]);
}

/** One line per scheduler event, or null for events `schedule run` does not print. */
export function schedulerEventLine(style: Styler, event: SchedulerEvent): string | null {
  switch (event.type) {
    case 'occurrence': {
      const at = style('gray', formatOccurrence(event.occurrence, event.timezone));
      if (event.outcome === 'started')
        return `${at}  ${style('bold', event.schedule)}: started run ${event.runId ?? '?'}`;
      if (event.outcome === 'failed-to-start')
        return `${at}  ${style('bold', event.schedule)}: ${style('red', 'could not start')}: ${event.message ?? ''}`;
      return `${at}  ${style('bold', event.schedule)}: ${style('yellow', OUTCOME_TEXT[event.outcome])}`;
    }
    case 'missed': {
      const first = event.occurrences[0] ?? 0;
      const last = event.occurrences.at(-1) ?? first;
      const span =
        first === last
          ? formatOccurrence(first, event.timezone)
          : `${formatOccurrence(first, event.timezone)} to ${formatOccurrence(last, event.timezone)}`;
      const count = `${event.more ? 'more than ' : ''}${event.occurrences.length} occurrence${event.occurrences.length === 1 && !event.more ? '' : 's'}`;
      return `${style('bold', event.schedule)}: ${style('yellow', `${count} ${OUTCOME_TEXT[event.outcome]}`)} (${span})`;
    }
    case 'queued':
      return `${style('gray', formatOccurrence(event.occurrence, event.timezone))}  ${style('bold', event.schedule)}: queued until the previous run ends`;
    case 'run-finished':
      return `${style('bold', event.schedule)}: ${runHeadline(style, event.run)}`;
    case 'problem':
      return null;
  }
}
