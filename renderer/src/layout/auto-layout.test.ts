// The layout worker's warm-up waits for the canvas to rest. The worker is the boundary faked
// here (a Worker that records what it is asked and answers when told); the real elkjs worker is
// driven by the studio's end-to-end tests and the canvas benchmark.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { LayoutAnswer, LayoutRequest } from './layout-messages.js';

class RecordingWorker {
  static asked: LayoutRequest[] = [];
  static created = 0;
  static last: RecordingWorker | null = null;
  onmessage: ((message: MessageEvent<LayoutAnswer>) => void) | null = null;
  constructor() {
    RecordingWorker.created += 1;
    RecordingWorker.last = this;
  }
  postMessage(request: LayoutRequest): void {
    RecordingWorker.asked.push(request);
  }
  /** Answers request `id` as the worker would. */
  static answer(id: number): void {
    RecordingWorker.last?.onmessage?.({ data: { id, positions: {} } } as MessageEvent<LayoutAnswer>);
  }
}

const REST_MS = 1500;

async function freshModule() {
  vi.resetModules();
  return import('./auto-layout.js');
}

describe('warming up the layout worker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', RecordingWorker);
    RecordingWorker.asked = [];
    RecordingWorker.created = 0;
    RecordingWorker.last = null;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits until the canvas has rested, and starts again after every move', async () => {
    const { canvasMoved, prepareLayoutFor } = await freshModule();
    prepareLayoutFor(1000);
    await vi.advanceTimersByTimeAsync(REST_MS - 100);
    expect(RecordingWorker.asked).toHaveLength(0);
    canvasMoved();
    await vi.advanceTimersByTimeAsync(REST_MS - 100);
    expect(RecordingWorker.asked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(RecordingWorker.asked).toHaveLength(1);
    expect(RecordingWorker.asked[0]?.nodes.length).toBeGreaterThanOrEqual(300);

    // A move while the warm-up runs changes nothing; the second one waits for its own rest.
    canvasMoved();
    RecordingWorker.answer(RecordingWorker.asked[0]?.id ?? 0);
    await vi.advanceTimersByTimeAsync(REST_MS / 2);
    canvasMoved();
    await vi.advanceTimersByTimeAsync(REST_MS - 1);
    expect(RecordingWorker.asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(RecordingWorker.asked).toHaveLength(2);

    RecordingWorker.answer(RecordingWorker.asked[1]?.id ?? 0);
    canvasMoved();
    await vi.advanceTimersByTimeAsync(REST_MS * 10);
    expect(RecordingWorker.asked).toHaveLength(2);
  });

  it('happens once, and not at all for a small pipeline', async () => {
    const { canvasMoved, prepareLayoutFor } = await freshModule();
    prepareLayoutFor(20);
    canvasMoved();
    await vi.advanceTimersByTimeAsync(REST_MS * 10);
    expect(RecordingWorker.created).toBe(0);

    prepareLayoutFor(500);
    prepareLayoutFor(800);
    await vi.advanceTimersByTimeAsync(REST_MS);
    RecordingWorker.answer(RecordingWorker.asked[0]?.id ?? 0);
    await vi.advanceTimersByTimeAsync(REST_MS);
    RecordingWorker.answer(RecordingWorker.asked[1]?.id ?? 0);
    await vi.advanceTimersByTimeAsync(REST_MS * 10);
    expect(RecordingWorker.asked).toHaveLength(2);
    expect(RecordingWorker.created).toBe(1);
  });

  it('leaves none to run once the user asked for a layout: that one warmed ELK up', async () => {
    const { computeLayout, prepareLayoutFor } = await freshModule();
    prepareLayoutFor(1000);
    const draft: PipelineDraft = {
      version: 1,
      name: 'two',
      steps: { a: { run: 'true' }, b: { run: 'true', needs: ['a'] } },
    };
    const laidOut = computeLayout(draft);
    expect(RecordingWorker.asked).toHaveLength(1);
    expect(RecordingWorker.asked[0]?.nodes).toHaveLength(2);
    RecordingWorker.answer(RecordingWorker.asked[0]?.id ?? 0);
    await laidOut;
    await vi.advanceTimersByTimeAsync(REST_MS * 10);
    expect(RecordingWorker.asked).toHaveLength(1);
  });
});
