// Recovery of a dead run with the platform injected: recorded processes whose start time still
// matches are stopped, and a reused pid is never signalled; where /proc shows environments,
// the run's other processes are found by their marker too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-process-host.js';
import { RunStore } from '../store/run-store.js';
import { freshRow } from '../engine/step-state.js';
import { recoverInterruptedRuns } from './run-recovery.js';
import type { RecoveryHost } from './run-recovery.js';

let dir: string;
let store: RunStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-recovery-'));
  store = new RunStore(join(dir, 'state.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const MONDAY = 'Mon Nov 26 06:30:12 2026';

/** A run owned by pid 100 (started on Monday) with one unfinished attempt per given process. */
function deadRun(attempts: Array<{ step: string; pid: number; started: string | null }>): void {
  store.createRun(
    {
      id: 'r1',
      pipeline: 'p',
      pipelineFile: 'pipelines/p.pipeline.yaml',
      environment: null,
      params: {},
      selection: {},
      options: { maxParallel: 2, failFast: false, noCache: false },
      createdAt: 1,
      owner: { pid: 100, started: MONDAY },
      gitBranch: null,
      gitCommit: null,
      ref: null,
      trigger: { kind: 'manual', name: null },
    },
    attempts.map((attempt) => attempt.step),
  );
  for (const attempt of attempts) {
    store.startAttempt(
      'r1',
      { ...freshRow(attempt.step), status: 'running', attempts: 1, startedAt: 2, logPath: 'x.log' },
      2,
    );
    store.attemptProcess('r1', attempt.step, 1, { pid: attempt.pid, started: attempt.started });
  }
}

function recoveryOn(
  platform: NodeJS.Platform,
  starts: Record<number, string>,
  environments: boolean,
  markedGroups: number[] = [],
): RecoveryHost & { stopped: Array<number | null> } {
  const stopped: Array<number | null> = [];
  return {
    processes: fakeHost(platform, starts),
    canSeeProcessEnvironments: () => environments,
    groupsOfMarked: () => (environments ? markedGroups : []),
    stopTree: (pgid) => {
      stopped.push(pgid);
      return Promise.resolve();
    },
    stopped,
  };
}

describe('recovering a dead run', () => {
  it.each(['darwin', 'win32'] as const)(
    'on %s stops only the recorded processes whose start time still matches',
    async (platform) => {
      deadRun([
        { step: 'same', pid: 200, started: MONDAY },
        { step: 'reused', pid: 300, started: MONDAY },
        { step: 'unknown', pid: 400, started: null },
      ]);
      // 100 (the owner) is gone; 300 now belongs to a program started on Tuesday; 400 lives.
      const host = recoveryOn(platform, { 200: MONDAY, 300: 'Tue Nov 27 10:00:00 2026', 400: MONDAY }, false);
      expect(await recoverInterruptedRuns(store, host)).toEqual(['r1']);
      expect(host.stopped).toEqual([200]);
      expect(store.getRun('r1')?.status).toBe('interrupted');
      expect(store.getRun('r1')?.steps.map((step) => step.status)).toEqual([
        'interrupted',
        'interrupted',
        'interrupted',
      ]);
    },
  );

  it("on Linux stops the recorded processes that are still the same, then finds the run's others by their marker", async () => {
    deadRun([
      { step: 'a', pid: 200, started: '5000' },
      { step: 'b', pid: 300, started: '7000' },
    ]);
    // 200 is a program started later; 300 is still the step's shell.
    const host = recoveryOn('linux', { 200: '9999', 300: '7000' }, true);
    expect(await recoverInterruptedRuns(store, host)).toEqual(['r1']);
    expect(host.stopped).toEqual([300, null]);
  });

  it("on Linux stops the groups its marked processes are in, the shell's whose pid never reached the record too", async () => {
    deadRun([{ step: 'a', pid: 300, started: '7000' }]);
    // 300 is still the step's shell; step b's shell (500) died with the run before its pid was recorded.
    const host = recoveryOn('linux', { 300: '7000' }, true, [300, 500]);
    expect(await recoverInterruptedRuns(store, host)).toEqual(['r1']);
    expect(host.stopped).toEqual([300, 300, 500, null]);
  });

  it('leaves a run alone while its owner runs', async () => {
    deadRun([{ step: 'a', pid: 200, started: MONDAY }]);
    const host = recoveryOn('darwin', { 100: MONDAY, 200: MONDAY }, false);
    expect(await recoverInterruptedRuns(store, host)).toEqual([]);
    expect(host.stopped).toEqual([]);
    expect(store.getRun('r1')?.status).toBe('running');
  });
});
