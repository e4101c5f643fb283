import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/run-store.js';
import { ScheduleStore } from './schedule-store.js';

let dir: string | undefined;
const stores: RunStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Two connections to one state database, as two processes would have. */
function twoConnections(): [ScheduleStore, ScheduleStore] {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-claims-'));
  const path = join(dir, 'state.db');
  const [a, b] = [new RunStore(path), new RunStore(path)];
  stores.push(a, b);
  return [new ScheduleStore(a.database), new ScheduleStore(b.database)];
}

describe('schedule store', () => {
  it('lets exactly one scheduler claim an occurrence, whatever the outcome it claims it with', () => {
    const [a, b] = twoConnections();
    expect(a.claim('nightly', 1000, 'a', 'started', 1)).toBe(true);
    expect(b.claim('nightly', 1000, 'b', 'skipped-overlap', 2)).toBe(false);
    expect(a.claim('nightly', 1000, 'a', 'started', 3)).toBe(false);
    expect(b.claim('weekly', 1000, 'b', 'started', 4)).toBe(true);
    expect(a.claims('nightly', 10)).toEqual([
      {
        schedule: 'nightly',
        occurrence: 1000,
        claimedAt: 1,
        claimedBy: 'a',
        runId: null,
        outcome: 'started',
        runStatus: null,
        message: null,
      },
    ]);
  });

  it('claims a batch of missed occurrences, leaving those claimed before', () => {
    const [a, b] = twoConnections();
    b.claim('nightly', 2000, 'b', 'started', 1);
    expect(a.claimAll('nightly', [1000, 2000, 3000], 'a', 'missed', 5)).toEqual([1000, 3000]);
    expect(a.lastOccurrence('nightly')).toBe(3000);
    expect(a.lastOccurrence('weekly')).toBeNull();
    expect(b.claims('nightly', 10).map((claim) => [claim.occurrence, claim.outcome, claim.claimedBy])).toEqual([
      [3000, 'missed', 'a'],
      [2000, 'started', 'b'],
      [1000, 'missed', 'a'],
    ]);
  });

  it('records what became of a started occurrence', () => {
    const [a, b] = twoConnections();
    a.claim('nightly', 1000, 'a', 'started', 1);
    expect(b.startingElsewhere('nightly', 'b', 0)).toBe(true);
    expect(a.startingElsewhere('nightly', 'a', 0)).toBe(false);
    expect(b.startingElsewhere('nightly', 'b', 2)).toBe(false);
    a.setOutcome('nightly', 1000, 'failed-to-start', 'no pipeline named "x"');
    expect(b.lastClaim('nightly')).toMatchObject({
      occurrence: 1000,
      outcome: 'failed-to-start',
      runId: null,
      message: 'no pipeline named "x"',
    });
    expect(b.startingElsewhere('nightly', 'b', 0)).toBe(false);
  });

  it('pauses and resumes, seen from the other connection', () => {
    const [a, b] = twoConnections();
    a.setPaused('nightly', true, 1);
    a.setPaused('nightly', true, 2);
    expect(b.isPaused('nightly')).toBe(true);
    expect(b.isPaused('weekly')).toBe(false);
    b.setPaused('nightly', false, 3);
    expect(a.isPaused('nightly')).toBe(false);
  });
});
