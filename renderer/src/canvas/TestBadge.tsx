// The test badge of a step on the canvas: the verdict of its tests in the run shown (passed,
// warned, failed) with how many passed, or, before any result, how many tests it has.
import type { TestResult } from '../../../shared/run/run-types.js';
import { StatusIcon } from '../runs/status-look.js';
import { describeTally, tallyTests, testBadgeState } from '../runs/test-outcomes.js';
import type { TestBadgeState } from '../runs/test-outcomes.js';

const BADGE_STATUS = { passed: 'succeeded', warned: 'warned', failed: 'failed' } as const satisfies Record<
  TestBadgeState,
  string
>;

export function TestBadge({
  stepId,
  declared,
  results,
}: {
  stepId: string;
  declared: number;
  results: readonly TestResult[];
}) {
  const tally = tallyTests(results);
  const state = testBadgeState(tally);
  if (state === null) {
    if (declared === 0) return null;
    return (
      <span
        className="test-badge test-idle"
        data-testid={`test-badge-${stepId}`}
        data-state="idle"
        title={`${declared} test${declared === 1 ? '' : 's'}, no result yet`}
      >
        {declared} test{declared === 1 ? '' : 's'}
      </span>
    );
  }
  return (
    <span
      className={`test-badge test-${state}`}
      data-testid={`test-badge-${stepId}`}
      data-state={state}
      title={describeTally(tally)}
    >
      <StatusIcon status={BADGE_STATUS[state]} size={10} /> {tally.passed}/{tally.total} tests
    </span>
  );
}
