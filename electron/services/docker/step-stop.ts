// The two ways a running step is stopped from outside, a cancel and its timeout, as one
// promise every phase of a container step races: creating, attaching, starting, running and
// removing each end as soon as a stop arrives, whatever the engine is doing meanwhile.

export type StopReason = 'timed-out' | 'cancelled';

export interface StepStop {
  /** The reason once stopped, else null. */
  readonly reason: StopReason | null;
  /** Resolves with the reason at the first stop (at once when already stopped). */
  readonly stopped: Promise<StopReason>;
  /** Resolves at the first stop that comes after this call; never when already stopped. */
  next(): Promise<StopReason>;
  dispose(): void;
}

/** Node fires a longer timer at once; a timeout that long is none. */
const MAX_TIMER_MS = 2_147_483_647;

export function stepStop(signal: AbortSignal, timeoutMs: number | null): StepStop {
  let reason: StopReason | null = null;
  const waiting: Array<(reason: StopReason) => void> = [];
  const stop = (why: StopReason) => {
    if (reason) return;
    reason = why;
    for (const resolve of waiting.splice(0)) resolve(why);
  };
  const onAbort = () => stop('cancelled');
  signal.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === null || timeoutMs > MAX_TIMER_MS ? undefined : setTimeout(() => stop('timed-out'), timeoutMs);
  if (signal.aborted) stop('cancelled');
  const first = new Promise<StopReason>((resolve) => (reason ? resolve(reason) : waiting.push(resolve)));
  return {
    get reason() {
      return reason;
    },
    stopped: first,
    next: () =>
      new Promise<StopReason>((resolve) => {
        if (!reason) waiting.push(resolve);
      }),
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
