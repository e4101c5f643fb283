// When a schedule's occurrences fall: a cron expression read in a time zone, on croner. Pure
// arithmetic on epoch milliseconds: croner is only asked for dates, never given a callback, so
// it starts no timer; the scheduler owns time (and tests inject it).
import { Cron } from 'croner';
import { didYouMean } from '../text/did-you-mean.js';
import { errorMessage } from '../text/error-message.js';

export const DEFAULT_TIMEZONE = 'UTC';

export interface CronTiming {
  cron: string;
  /** An IANA time zone; UTC when absent. */
  timezone?: string | undefined;
}

export interface TimingProblem {
  field: 'cron' | 'timezone';
  message: string;
}

export class TimingError extends Error {
  constructor(readonly problem: TimingProblem) {
    super(problem.message);
  }
}

/** A cron expression compiled for one time zone. */
export interface CompiledTiming {
  readonly cron: string;
  readonly timezone: string;
  /** The first occurrence strictly after `after`, or null when the expression has none left. */
  next(after: number): number | null;
  /**
   * The occurrences in (after, upTo], oldest first: at most the `limit` latest, with `more` telling
   * that earlier ones in the window were left out.
   */
  between(after: number, upTo: number, limit: number): { occurrences: number[]; more: boolean };
}

/** What is wrong with the time zone, or null when the runtime knows it. */
export function timezoneProblem(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    const hint = didYouMean(timezone, Intl.supportedValuesOf('timeZone'));
    return `unknown time zone "${timezone}"${hint ? ` (${hint})` : ''}: use an IANA name such as Europe/Berlin, America/New_York or UTC`;
  }
}

/** What is wrong with the cron expression, in croner's words, or null when it parses. */
export function cronProblem(cron: string): string | null {
  try {
    newCron(cron, DEFAULT_TIMEZONE);
    return null;
  } catch (error) {
    const reason = errorMessage(error).replace(/^CronPattern:\s*/, '');
    return `invalid cron expression "${cron}": ${reason} (expected minute hour day-of-month month day-of-week, optionally after a seconds field)`;
  }
}

export function timingProblem(timing: CronTiming): TimingProblem | null {
  const cron = cronProblem(timing.cron);
  if (cron !== null) return { field: 'cron', message: cron };
  const timezone = timezoneProblem(timing.timezone ?? DEFAULT_TIMEZONE);
  return timezone === null ? null : { field: 'timezone', message: timezone };
}

function newCron(cron: string, timezone: string): Cron {
  // Five fields, or six with seconds first; croner's seventh (year) field is not part of the format.
  return new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' });
}

/** Compiles a schedule's timing; throws TimingError naming the field that is wrong. */
export function compileTiming(timing: CronTiming): CompiledTiming {
  const problem = timingProblem(timing);
  if (problem) throw new TimingError(problem);
  const timezone = timing.timezone ?? DEFAULT_TIMEZONE;
  const cron = newCron(timing.cron, timezone);
  return {
    cron: timing.cron,
    timezone,
    next: (after) => cron.nextRun(new Date(after))?.getTime() ?? null,
    between: (after, upTo, limit) => {
      if (upTo <= after || limit < 1) return { occurrences: [], more: false };
      // previousRuns counts a run earlier in the reference's second, so upTo + 1 includes upTo.
      const latest = cron
        .previousRuns(limit + 1, new Date(upTo + 1))
        .map((date) => date.getTime())
        .filter((time) => time > after);
      const more = latest.length > limit;
      return { occurrences: latest.slice(0, limit).reverse(), more };
    },
  };
}
