// Which occurrences of a schedule are due now, and which were missed, under its catch-up policy.
// The scheduler asks from the last occurrence any scheduler claimed, so an occurrence is
// decided once: run, or recorded as missed, never both and never twice.
import type { CatchUpPolicy } from '../pipeline/journey-schema.js';
import type { CompiledTiming } from './cron-timing.js';

/** How many missed occurrences are recorded one by one; older ones in the same gap are only counted. */
export const MISSED_RECORD_LIMIT = 100;

/** An occurrence this close before the scheduler started still counts as on time under catch_up: none. */
export const ON_TIME_GRACE_MS = 60_000;

export interface DueOccurrences {
  /** The occurrence to run now, if any: always the latest due one. */
  run: number | null;
  /** Occurrences that passed without a run of their own, oldest first (at most MISSED_RECORD_LIMIT). */
  missed: number[];
  /** Missed occurrences beyond those listed. */
  moreMissed: boolean;
}

export interface DueQuery {
  /** The last occurrence already decided (claimed), or when the schedule was first seen. */
  after: number;
  now: number;
  catchUp: CatchUpPolicy;
  /**
   * Since when a scheduler has been watching: occurrences before it passed while none ran.
   * `once` runs the latest of them; `none` records them as missed.
   */
  watchingSince: number;
}

/**
 * `once`: one run for everything that passed, the latest occurrence; the earlier ones are missed.
 * `none`: as `once` while a scheduler was watching; an occurrence that passed while none was
 * (before watchingSince, less a grace) is missed rather than run late.
 */
export function dueOccurrences(timing: CompiledTiming, query: DueQuery): DueOccurrences {
  const { occurrences, more } = timing.between(query.after, query.now, MISSED_RECORD_LIMIT + 1);
  const latest = occurrences.at(-1);
  if (latest === undefined) return { run: null, missed: [], moreMissed: false };
  const earlier = occurrences.slice(0, -1);
  const late = query.catchUp === 'none' && latest < query.watchingSince - ON_TIME_GRACE_MS;
  const missed = late ? occurrences : earlier;
  return {
    run: late ? null : latest,
    missed: missed.slice(-MISSED_RECORD_LIMIT),
    moreMissed: more || missed.length > MISSED_RECORD_LIMIT,
  };
}
