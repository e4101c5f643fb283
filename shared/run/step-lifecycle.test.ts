import { describe, expect, it } from 'vitest';
import { FINAL_STEP_STATUSES, KEPT_ON_RESUME, STEP_STATUSES } from './run-types.js';
import type { StepStatus } from './run-types.js';
import { IllegalStepTransition, STEP_TRANSITIONS, canMoveStep, moveStep, statusesLeadingTo } from './step-lifecycle.js';

// Written out by hand, pair by pair, so a change to the machine is a visible change here.
const ALLOWED = new Set([
  'pending>running',
  'pending>failed',
  'pending>skipped',
  'pending>cancelled',
  'pending>skipped-condition',
  'running>running',
  'running>succeeded',
  'running>warned',
  'running>cached',
  'running>failed',
  'running>cancelled',
  'running>interrupted',
  'failed>pending',
  'skipped>pending',
  'cancelled>pending',
  'interrupted>pending',
]);

const pairs = STEP_STATUSES.flatMap((from) => STEP_STATUSES.map((to) => [from, to] as const));

describe('the step lifecycle', () => {
  it('covers every status, and nothing else', () => {
    expect(Object.keys(STEP_TRANSITIONS).sort()).toEqual([...STEP_STATUSES].sort());
    for (const targets of Object.values(STEP_TRANSITIONS))
      for (const to of targets) expect(STEP_STATUSES).toContain(to);
  });

  it.each(pairs)('%s -> %s is allowed exactly when listed', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canMoveStep(from, to)).toBe(allowed);
    if (allowed) expect(moveStep('s', from, to)).toBe(to);
    else expect(() => moveStep('s', from, to)).toThrow(new IllegalStepTransition('s', from, to));
  });

  it('never leaves a step that started without a way to a final status', () => {
    for (const from of STEP_STATUSES) {
      if (FINAL_STEP_STATUSES.has(from)) continue;
      expect(
        STEP_TRANSITIONS[from].some((to) => FINAL_STEP_STATUSES.has(to)),
        from,
      ).toBe(true);
    }
  });

  it('keeps what a resume keeps, and lets a resume start everything else again', () => {
    for (const status of STEP_STATUSES) {
      if (KEPT_ON_RESUME.has(status)) expect(STEP_TRANSITIONS[status]).toEqual([]);
      else if (status !== 'pending' && status !== 'running') expect(STEP_TRANSITIONS[status]).toEqual(['pending']);
    }
  });

  it('reaches every status from pending', () => {
    const seen = new Set<StepStatus>(['pending']);
    const queue: StepStatus[] = ['pending'];
    while (queue.length > 0) {
      for (const next of STEP_TRANSITIONS[queue.shift() as StepStatus]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...STEP_STATUSES].sort());
  });

  it('says which statuses lead to one', () => {
    expect(statusesLeadingTo('interrupted')).toEqual(['running']);
    expect(statusesLeadingTo('pending').sort()).toEqual(['cancelled', 'failed', 'interrupted', 'skipped']);
  });
});
