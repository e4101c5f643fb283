import { describe, expect, it } from 'vitest';
import type { RunListItem } from '../../../shared/run/run-types.js';
import { historyCursor, withNewestPage, withOlderPage } from './history-pages.js';

const run = (n: number): RunListItem => ({
  id: `r${n}`,
  pipeline: 'p',
  environment: null,
  status: 'succeeded',
  createdAt: n,
  finishedAt: n + 1,
  durationMs: 1,
  gitBranch: null,
  gitCommit: null,
  ref: null,
  trigger: { kind: 'manual', name: null },
  steps: {},
});
const runs = (...ns: number[]) => ns.map(run);
const ids = (list: RunListItem[]) => list.map((item) => item.id);

describe('run history pages', () => {
  it('keeps the older pages scrolled to when the newest page comes again with a new run', () => {
    const loaded = { runs: runs(9, 8, 7, 6, 5, 4), complete: false };
    const next = withNewestPage(loaded, runs(10, 9, 8), 3);
    expect(ids(next.runs)).toEqual(['r10', 'r9', 'r8', 'r7', 'r6', 'r5', 'r4']);
    expect(next.complete).toBe(false);
  });

  it('starts over when the newest page does not meet what was loaded (another pipeline, or many new runs)', () => {
    expect(ids(withNewestPage({ runs: runs(3, 2), complete: true }, runs(20, 19, 18), 3).runs)).toEqual([
      'r20',
      'r19',
      'r18',
    ]);
    expect(withNewestPage({ runs: runs(3, 2), complete: false }, runs(1), 3)).toEqual({
      runs: runs(1),
      complete: true,
    });
    expect(withNewestPage({ runs: runs(3, 2), complete: false }, [], 3)).toEqual({ runs: [], complete: true });
  });

  it('appends an older page, is complete when a page comes back short, and pages on from the last run', () => {
    const first = withOlderPage({ runs: runs(9, 8), complete: false }, runs(7, 6), 2);
    expect(first.complete).toBe(false);
    expect(historyCursor(first)).toEqual({ createdAt: 6, id: 'r6' });
    const second = withOlderPage(first, runs(6, 5), 2);
    expect(ids(second.runs)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5']);
    expect(withOlderPage(second, runs(4), 2).complete).toBe(true);
    expect(historyCursor({ runs: [], complete: true })).toBeNull();
  });
});
