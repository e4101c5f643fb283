// The book of containers made ahead, with the engine faked at its boundary (the real engine's
// side is made-ahead-docker.integration.test.ts): an attempt takes a container only if it asks
// for exactly what was created, and everything else is handed to be removed.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { MadeAheadContainers } from './made-ahead-containers.js';

function fakeEngine(fail = 0) {
  const created: Docker.ContainerCreateOptions[] = [];
  let failures = fail;
  const engine = {
    createContainer: (options: Docker.ContainerCreateOptions) => {
      created.push(options);
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('engine busy'));
      }
      return Promise.resolve({ id: `c${created.length}` } as Docker.Container);
    },
  } as unknown as Docker;
  return { engine, created };
}

const OPTIONS: Docker.ContainerCreateOptions = { Image: 'sha256:1', Cmd: ['sh', '-c', 'true'] };

describe('containers made ahead', () => {
  it('are taken by the attempt that asks for the same options, once', async () => {
    const { engine, created } = fakeEngine();
    const discarded: Array<Promise<Docker.Container>> = [];
    const ahead = new MadeAheadContainers(engine, (container) => discarded.push(container));
    ahead.make('r/s/1', OPTIONS);
    ahead.make('r/s/1', OPTIONS);
    expect(created).toHaveLength(1);
    expect((await ahead.take('r/s/1', { ...OPTIONS }))?.id).toBe('c1');
    expect(ahead.take('r/s/1', OPTIONS)).toBeNull();
    expect(discarded).toHaveLength(0);
  });

  it('are handed over for removal when the attempt asks for something else, or never comes', async () => {
    const { engine } = fakeEngine();
    const discarded: Array<Promise<Docker.Container>> = [];
    const ahead = new MadeAheadContainers(engine, (container) => discarded.push(container));
    ahead.make('r/a/1', OPTIONS);
    ahead.make('r/b/1', OPTIONS);
    ahead.make('r/c/1', OPTIONS);
    expect(ahead.take('r/a/1', { ...OPTIONS, Cmd: ['sh', '-c', 'false'] })).toBeNull();
    ahead.forget('r/b/1');
    ahead.forget('r/unknown/1');
    ahead.forgetAll();
    expect(await Promise.all(discarded).then((containers) => containers.map((container) => container.id))).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
    expect(ahead.take('r/c/1', OPTIONS)).toBeNull();
  });

  it('that the engine failed to create are created again by the attempt, which then meets its own error', async () => {
    const { engine, created } = fakeEngine(1);
    const ahead = new MadeAheadContainers(engine, () => undefined);
    ahead.make('r/s/1', OPTIONS);
    expect((await ahead.take('r/s/1', OPTIONS))?.id).toBe('c2');
    expect(created).toHaveLength(2);
  });
});
