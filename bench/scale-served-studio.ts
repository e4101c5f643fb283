// `pipewright serve` as a user starts it, in a child process: its URL once it listens, its
// resident memory while it works, and a clean stop.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

export const CHROMIUM = process.env.PIPEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

export interface ServedStudio {
  url: string;
  pid: number;
  /** When the command was started (performance.now() of this process). */
  startedAt: number;
  stop(): Promise<void>;
}

export function serveStudio(cli: string, root: string): Promise<ServedStudio> {
  const startedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const failed = (why: string) => reject(new Error(`pipewright serve ${why}: ${output.slice(-400)}`));
    child.once('exit', (code) => failed(`exited (${String(code)})`));
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /https?:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)?.[0];
      if (!url) return;
      child.stdout?.removeAllListeners('data');
      child.removeAllListeners('exit');
      resolve({
        url,
        pid: child.pid as number,
        startedAt,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              done();
              return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Resident memory of a process in bytes (Linux). */
export function residentBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? Number.NaN) * 1024;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
    ],
  });
}

/** performance.now() in the page once the frame after the current one has been painted. */
export function painted(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
}

/** Steps drawn on the canvas: step nodes in the DOM (zoomed in) plus boxes of the overview (zoomed out). */
export function stepsDrawn(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelectorAll('.react-flow__node').length +
      Number(document.querySelector('[data-testid="canvas-overview"]')?.getAttribute('data-drawn') ?? 0),
  );
}

/** Waits until at least one step is drawn, checking every animation frame. */
export async function untilStepsDrawn(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.react-flow__node').length +
        Number(document.querySelector('[data-testid="canvas-overview"]')?.getAttribute('data-drawn') ?? 0) >
      0,
    undefined,
    { timeout, polling: 'raf' },
  );
}

/** The page's JavaScript heap after a full garbage collection, in bytes (Chromium's DevTools protocol). */
export async function heapAfterCollection(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = await session.send('Runtime.getHeapUsage');
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}

export interface FrameRecorder {
  frames: number[];
  recording: boolean;
}

/** Frame times (ms) while `gesture` runs, from a requestAnimationFrame recorder in the page. */
export async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const recorder = window as unknown as FrameRecorder;
    recorder.frames = [];
    recorder.recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      recorder.frames.push(now - last);
      last = now;
      if (recorder.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await gesture();
  return page.evaluate(() => {
    const recorder = window as unknown as FrameRecorder;
    recorder.recording = false;
    return recorder.frames.slice(1);
  });
}

export const percentile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
