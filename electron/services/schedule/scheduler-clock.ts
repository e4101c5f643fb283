// The scheduler's time: now and a one-shot timer, injected so tests drive time by hand.
export interface SchedulerClock {
  now(): number;
  /** Calls `wake` once after `ms` milliseconds; the returned function cancels it. */
  setTimer(ms: number, wake: () => void): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (ms, wake) => {
    const timer = setTimeout(wake, ms);
    return () => clearTimeout(timer);
  },
};
