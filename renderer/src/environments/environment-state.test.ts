import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../shared/run/environment-types.js';
import { environmentState } from './environment-state.js';

const absent: EnvironmentStatus = {
  name: 'dev',
  runner: 'docker',
  description: null,
  image: { ref: 'python:3.12-slim', present: false, id: null },
  network: { name: 'pipewright-x-dev', present: false },
  volumes: [{ source: 'data', mode: 'mount', name: 'v0', present: true }],
  services: [{ name: 'db', image: 'postgres:16', state: 'missing', health: null }],
  ready: false,
  dockerHost: null,
};

describe('environmentState', () => {
  it('calls an environment with nothing created yet not provisioned, even with a plain mount', () => {
    expect(environmentState(absent, false, true)).toBe('absent');
  });

  it('calls it partly provisioned when some of what provisioning creates exists, ready when the engine says so', () => {
    expect(
      environmentState({ ...absent, image: { ref: 'python:3.12-slim', present: true, id: 'sha256:1' } }, false, true),
    ).toBe('absent');
    expect(environmentState({ ...absent, network: { name: 'n', present: true } }, false, true)).toBe('partial');
    expect(environmentState({ ...absent, ready: true }, false, true)).toBe('ready');
  });

  it('puts provisioning and a missing engine first, and local environments apart', () => {
    expect(environmentState({ ...absent, ready: true }, true, true)).toBe('provisioning');
    expect(environmentState(absent, false, false)).toBe('unknown');
    expect(environmentState({ ...absent, runner: 'local', image: null, network: null }, false, false)).toBe('local');
  });
});
