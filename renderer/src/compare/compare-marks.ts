// The steps two compared runs disagree on (status, or one reused the cache), as the canvas
// marks them: "failed → succeeded" from the older run to the newer.
import type { RunComparison, StepBeside } from '../../../shared/journeys/journey-types.js';

function sideText(side: StepBeside['a']): string {
  if (side === null) return 'not run';
  return side.cached && side.status !== 'cached' ? `${side.status} (cache)` : side.status;
}

/** Step id -> what changed, for each step whose outcome differs between the runs. */
export function differingSteps(comparison: RunComparison | null): ReadonlyMap<string, string> {
  const notes = new Map<string, string>();
  for (const step of comparison?.steps ?? []) {
    if (step.differs) notes.set(step.id, `${sideText(step.a)} → ${sideText(step.b)}`);
  }
  return notes;
}
