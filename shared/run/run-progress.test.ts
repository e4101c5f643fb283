import { describe, expect, it } from 'vitest';
import { progressText, runProgress } from './run-progress.js';
import type { StepStatus } from './run-types.js';

const steps = (...statuses: StepStatus[]) => statuses.map((status) => ({ status }));

describe('run progress', () => {
  it('never counts a failed run with skipped steps as all done', () => {
    const progress = runProgress(steps('succeeded', 'cached', 'failed', 'skipped', 'skipped'));
    expect(progress).toMatchObject({ total: 5, done: 2, failed: 1, skipped: 2, ended: 5 });
    expect(progressText(progress)).toBe('2/5 done · 1 failed · 2 skipped');
  });

  it('counts running and waiting steps apart, and interrupted as failed', () => {
    const progress = runProgress(steps('warned', 'running', 'pending', 'interrupted', 'cancelled'));
    expect(progress).toMatchObject({ done: 1, running: 1, waiting: 1, failed: 1, cancelled: 1, ended: 3 });
    expect(progressText(progress)).toBe('1/5 done · 1 failed · 1 cancelled · 1 running');
  });
});
