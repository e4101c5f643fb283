// A clock the test moves by hand, for the scheduler: time stands still until the test advances
// it, and the scheduler's one timer fires only when the test moves past it.
import type { SchedulerClock } from '../services/schedule/scheduler-clock.js';

interface Timer {
  at: number;
  wake: () => void;
}

export class FakeClock implements SchedulerClock {
  private timer: Timer | null = null;
  private waiting: Array<() => void> = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, wake: () => void): () => void {
    const timer = { at: this.time + ms, wake };
    this.timer = timer;
    for (const resolve of this.waiting.splice(0)) resolve();
    return () => {
      if (this.timer === timer) this.timer = null;
    };
  }

  /** When the scheduler's timer is set to wake it, or null while it is looking (or stopped). */
  get wakesAt(): number | null {
    return this.timer?.at ?? null;
  }

  /** Resolves once the scheduler has finished its look and set its timer again. */
  sleeping(): Promise<void> {
    return this.timer ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Once the scheduler sleeps, moves time to `to` (epoch ms or ISO text), fires the timer if it
   * is due, and waits for the scheduler to sleep again.
   */
  async advance(to: number | string): Promise<void> {
    await this.sleeping();
    this.time = typeof to === 'string' ? Date.parse(to) : to;
    const timer = this.timer;
    if (timer && timer.at <= this.time) {
      this.timer = null;
      timer.wake();
    }
    await this.sleeping();
  }
}
