// The tick recorder against a store that counts its transactions and can refuse a commit.
import { describe, expect, it } from 'vitest';
import { TickRecorder } from './tick-recorder.js';

function countingStore(options: { commitFails?: boolean } = {}) {
  const log: string[] = [];
  return {
    log,
    transaction(work: () => void) {
      log.push('begin');
      work();
      if (options.commitFails) throw new Error('database or disk is full');
      log.push('commit');
    },
  };
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TickRecorder', () => {
  it('commits the writes of one tick in one transaction, and the next tick in another', async () => {
    const store = countingStore();
    const recorder = new TickRecorder(store);
    for (const name of ['a', 'b', 'c'])
      recorder.write(
        () => store.log.push(name),
        () => undefined,
      );
    await nextTick();
    recorder.write(
      () => store.log.push('d'),
      () => undefined,
    );
    await nextTick();
    expect(store.log).toEqual(['begin', 'a', 'b', 'c', 'commit', 'begin', 'd', 'commit']);
  });

  it('tells a report only after the writes queued before it are committed, in order', async () => {
    const store = countingStore();
    const recorder = new TickRecorder(store);
    recorder.afterCommit(() => store.log.push('told at once'));
    recorder.write(
      () => store.log.push('write'),
      () => undefined,
    );
    recorder.afterCommit(() => store.log.push('first report'));
    recorder.afterCommit(() => store.log.push('second report'));
    expect(store.log).toEqual(['told at once']);
    await nextTick();
    expect(store.log).toEqual(['told at once', 'begin', 'write', 'commit', 'first report', 'second report']);
  });

  it('a refused write costs only itself: the others commit and its owner hears why, before the reports', async () => {
    const store = countingStore();
    const recorder = new TickRecorder(store);
    const heard: string[] = [];
    recorder.write(
      () => store.log.push('a'),
      () => heard.push('a refused'),
    );
    recorder.write(
      () => {
        throw new Error('database is locked');
      },
      (error) => heard.push(`b refused: ${(error as Error).message}`),
    );
    recorder.write(
      () => store.log.push('c'),
      () => heard.push('c refused'),
    );
    recorder.afterCommit(() => heard.push('reported'));
    await nextTick();
    expect(store.log).toEqual(['begin', 'a', 'c', 'commit']);
    expect(heard).toEqual(['b refused: database is locked', 'reported']);
  });

  it('a commit that fails refuses every write of the tick', () => {
    const store = countingStore({ commitFails: true });
    const recorder = new TickRecorder(store);
    const heard: string[] = [];
    recorder.write(
      () => undefined,
      (error) => heard.push(`a: ${(error as Error).message}`),
    );
    recorder.write(
      () => undefined,
      (error) => heard.push(`b: ${(error as Error).message}`),
    );
    recorder.flush();
    expect(heard).toEqual(['a: database or disk is full', 'b: database or disk is full']);
  });

  it('flush commits at once what is queued; with nothing queued it opens no transaction', async () => {
    const store = countingStore();
    const recorder = new TickRecorder(store);
    recorder.write(
      () => store.log.push('a'),
      () => undefined,
    );
    recorder.flush();
    expect(store.log).toEqual(['begin', 'a', 'commit']);
    await nextTick();
    recorder.flush();
    expect(store.log).toEqual(['begin', 'a', 'commit']);
  });
});
