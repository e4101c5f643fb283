// Tracing on a real run-state database: a diamond in the DAG is expanded once, an input edited by
// hand after a step wrote it is "changed" rather than raw, and a write of the step's record and
// its files is all or nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LineageFile } from '../../../shared/run/lineage-types.js';
import { newRun } from '../../testing/new-run.js';
import { RunStore } from '../store/run-store.js';
import { LineageError, traceLineage } from './lineage-trace.js';

let dir: string;
let store: RunStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-lineage-'));
  store = new RunStore(join(dir, 'state.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function recordRun(id: string, steps: string[]): void {
  store.createRun(
    newRun(id, 'p', {
      options: { maxParallel: 2, failFast: false, noCache: false },
      owner: { pid: 1, started: 'Mon Nov 26 06:30:12 2026' },
    }),
    steps,
  );
}

const file = (path: string, hash: string): LineageFile => ({ path, hash });

function record(runId: string, stepId: string, inputs: LineageFile[], outputs: LineageFile[]): void {
  store.lineage.recordWith(() => undefined, { runId, stepId }, { madeByRun: runId, params: { n: 1 }, inputs, outputs });
}

describe('traceLineage', () => {
  it('expands a step that two branches read only once, and marks it where it repeats', () => {
    recordRun('r1', ['split', 'left', 'right', 'join']);
    record('r1', 'split', [file('raw.csv', 'h0')], [file('a.csv', 'h1')]);
    record('r1', 'left', [file('a.csv', 'h1')], [file('l.csv', 'h2')]);
    record('r1', 'right', [file('a.csv', 'h1')], [file('r.csv', 'h3')]);
    record('r1', 'join', [file('l.csv', 'h2'), file('r.csv', 'h3')], [file('out.csv', 'h4')]);
    const trace = traceLineage(store.lineage, 'out.csv', null);
    const [left, right] = trace.step.inputs;
    expect(left?.from?.inputs[0]?.from?.stepId).toBe('split');
    expect(right?.from?.inputs[0]).toMatchObject({
      origin: 'made',
      from: null,
      repeated: { runId: 'r1', stepId: 'split' },
    });
    expect(trace.rawInputs).toEqual([file('raw.csv', 'h0')]);
  });

  it('calls an input changed when steps wrote its path but never these contents', () => {
    recordRun('r1', ['make', 'use']);
    record('r1', 'make', [], [file('mid.csv', 'written')]);
    record('r1', 'use', [file('mid.csv', 'edited-by-hand')], [file('out.csv', 'h')]);
    expect(traceLineage(store.lineage, './out.csv', 'r1').step.inputs).toEqual([
      { path: 'mid.csv', hash: 'edited-by-hand', origin: 'changed', from: null, repeated: null },
    ]);
  });

  it('refuses a path no run wrote, or one outside the workspace', () => {
    recordRun('r1', ['make']);
    record('r1', 'make', [], [file('out.csv', 'h')]);
    expect(() => traceLineage(store.lineage, 'other.csv', null)).toThrow(LineageError);
    expect(() => traceLineage(store.lineage, 'out.csv', 'r2')).toThrow('run r2 did not write out.csv');
    expect(() => traceLineage(store.lineage, '../out.csv', null)).toThrow('leaves the workspace');
  });

  it('writes nothing of a step whose record could not be written', () => {
    recordRun('r1', ['make']);
    expect(() =>
      store.lineage.recordWith(
        () => {
          throw new Error('disk full');
        },
        { runId: 'r1', stepId: 'make' },
        { madeByRun: 'r1', params: {}, inputs: [], outputs: [file('out.csv', 'h')] },
      ),
    ).toThrow('disk full');
    expect(store.lineage.step({ runId: 'r1', stepId: 'make' })).toBeNull();
    expect(store.lineage.everWritten('out.csv')).toBe(false);
  });
});
