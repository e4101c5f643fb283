// How far a run is, counted honestly: steps that ended badly (failed, skipped, cancelled) are
// counted apart from those that are done, so a failed run never reads "5/5 done".
import type { StepRunSummary, StepStatus } from './run-types.js';

export interface RunProgress {
  total: number;
  /** Ended well: succeeded, cached or warned. */
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  running: number;
  /** Not started yet. */
  waiting: number;
  /** Ended any way: what the progress bar fills to. */
  ended: number;
}

const BAD: Partial<Record<StepStatus, 'failed' | 'skipped' | 'cancelled'>> = {
  failed: 'failed',
  interrupted: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

export function runProgress(steps: readonly Pick<StepRunSummary, 'status'>[]): RunProgress {
  const progress: RunProgress = {
    total: steps.length,
    done: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    running: 0,
    waiting: 0,
    ended: 0,
  };
  for (const { status } of steps) {
    const bad = BAD[status];
    if (bad) progress[bad] += 1;
    else if (status === 'running') progress.running += 1;
    else if (status === 'pending') progress.waiting += 1;
    else progress.done += 1;
  }
  progress.ended = progress.done + progress.failed + progress.skipped + progress.cancelled;
  return progress;
}

/** "3/5 done · 1 failed · 1 skipped": the bad counts only when there are any. */
export function progressText(progress: RunProgress): string {
  const parts = [`${progress.done}/${progress.total} done`];
  for (const key of ['failed', 'skipped', 'cancelled', 'running'] as const) {
    if (progress[key] > 0) parts.push(`${progress[key]} ${key}`);
  }
  return parts.join(' · ');
}
