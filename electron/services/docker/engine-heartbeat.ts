// While a step container runs, the engine is asked every second whether it is still there. A
// stopped engine does not always break the open streams (a wait can hang without a sound),
// so two missed answers in a row count as the engine lost.
import type Docker from 'dockerode';

const INTERVAL_MS = 1000;
const MISSES_ALLOWED = 2;

export interface EngineHeartbeat {
  /** Rejects when the engine stopped answering; never resolves. */
  lost: Promise<never>;
  stop(): void;
}

export function engineHeartbeat(docker: Docker): EngineHeartbeat {
  let misses = 0;
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      docker.ping().then(
        () => {
          misses = 0;
        },
        (error: unknown) => {
          misses += 1;
          if (misses >= MISSES_ALLOWED) reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }, INTERVAL_MS);
  });
  // Whoever races it may have finished already: a late rejection is not an unhandled one.
  lost.catch(() => undefined);
  return { lost, stop: () => clearInterval(timer) };
}
