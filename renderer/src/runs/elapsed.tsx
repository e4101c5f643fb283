import { useEffect, useState } from 'react';
import { formatDuration } from '../../../shared/pipeline/duration.js';

/**
 * Time since `since`, right from the first frame and ticking when the shown second changes
 * (not a second after mounting, which lags by up to a second); never negative.
 */
export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      const intoSecond = (((current - since) % 1000) + 1000) % 1000;
      timer = setTimeout(tick, 1000 - intoSecond);
    };
    tick();
    return () => clearTimeout(timer);
  }, [since]);
  const elapsed = Number.isFinite(now - since) ? Math.max(0, now - since) : 0;
  // Whole seconds while it ticks: "3.00s" would claim a precision the clock does not have.
  return <>{elapsed < 60_000 ? `${Math.floor(elapsed / 1000)}s` : formatDuration(elapsed)}</>;
}
