import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/monitoring/monitoring-types.js';
import { alertNotes } from './alert-notes.js';

const alert = (id: number, kind: Alert['kind'] = 'out-of-control'): Alert => ({
  id,
  kind,
  pipeline: 'sales',
  environment: 'prod',
  runId: 'r',
  step: 'clean',
  metric: `rows:m${id}.csv`,
  rules: [1],
  value: 3,
  message: `message ${id}`,
  createdAt: 0,
  acknowledgedAt: null,
  repeats: 1,
  lastSeenAt: 0,
  lastRunId: 'r',
});

describe('desktop notes of alerts', () => {
  it('gives each of a few alerts a note of its own', () => {
    expect(alertNotes([alert(1), alert(2, 'test-failed')])).toEqual([
      { title: 'Pipewright: sales — out of control', body: 'message 1' },
      { title: 'Pipewright: sales — test failed', body: 'message 2' },
    ]);
  });

  it('sums up many alerts in one note', () => {
    const notes = alertNotes([1, 2, 3, 4, 5, 6].map((id) => alert(id)));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.title).toBe('Pipewright: 6 alerts in sales');
    expect(notes[0]?.body).toMatch(/^clean: rows:m1\.csv; .*clean: rows:m5\.csv; …$/);
  });
});
