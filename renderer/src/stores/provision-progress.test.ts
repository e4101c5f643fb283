import { describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import { applyProvisionEvent, buildFraction, phaseState, pullFraction, startedProgress } from './provision-progress.js';

const env = 'dev';

function fold(events: ProvisionEvent[]) {
  return events.reduce(applyProvisionEvent, startedProgress('up'));
}

describe('provision progress', () => {
  it('sums the bytes of layers being pulled, counting finished layers whole', () => {
    const progress = fold([
      { type: 'layer', environment: env, image: 'python', layer: 'a', status: 'Downloading', current: 50, total: 100 },
      { type: 'layer', environment: env, image: 'python', layer: 'b', status: 'Downloading', current: 0, total: 300 },
      {
        type: 'layer',
        environment: env,
        image: 'python',
        layer: 'b',
        status: 'Pull complete',
        current: null,
        total: null,
      },
      { type: 'layer', environment: env, image: 'python', layer: 'c', status: 'Waiting', current: null, total: null },
    ]);
    expect(pullFraction(progress)).toBeCloseTo(50 / 100);
    expect(pullFraction(startedProgress('up'))).toBeNull();
  });

  it('reads the build instruction being run and keeps the output', () => {
    const progress = fold([
      { type: 'build', environment: env, line: 'Step 1/4 : FROM busybox', step: 'Step 1/4 : FROM busybox' },
      { type: 'build', environment: env, line: 'Step 3/4 : RUN make', step: 'Step 3/4 : RUN make' },
      { type: 'build', environment: env, line: 'make: not found', step: 'Step 3/4 : RUN make' },
    ]);
    expect(buildFraction(progress)).toBe(0.75);
    expect(progress.buildLines.at(-1)).toBe('make: not found');
  });

  it('marks phases done, active and failed as the provisioning moves on', () => {
    const running = fold([
      { type: 'phase', environment: env, phase: 'image', message: 'image busybox' },
      { type: 'phase', environment: env, phase: 'data', message: '1 data source(s)' },
    ]);
    expect([phaseState(running, 'image'), phaseState(running, 'data'), phaseState(running, 'services')]).toEqual([
      'done',
      'active',
      'waiting',
    ]);
    const failed = applyProvisionEvent(running, {
      type: 'finished',
      environment: env,
      action: 'up',
      ok: false,
      message: 'no space left',
    });
    expect(phaseState(failed, 'data')).toBe('failed');
    expect(failed.outcome).toEqual({ ok: false, message: 'no space left' });
    const ready = applyProvisionEvent(running, {
      type: 'finished',
      environment: env,
      action: 'up',
      ok: true,
      message: null,
    });
    expect(phaseState(ready, 'services')).toBe('done');
  });

  it('keeps the latest state of each data source and service', () => {
    const progress = fold([
      { type: 'data', environment: env, source: 'data', files: 1, totalFiles: 3, bytes: 10, done: false },
      { type: 'data', environment: env, source: 'data', files: 3, totalFiles: 3, bytes: 30, done: true },
      { type: 'service', environment: env, service: 'db', state: 'running', health: 'starting' },
      { type: 'service', environment: env, service: 'db', state: 'running', health: 'healthy' },
    ]);
    expect(progress.data.data).toEqual({ files: 3, totalFiles: 3, bytes: 30, done: true });
    expect(progress.services.db).toEqual({ state: 'running', health: 'healthy' });
  });
});
