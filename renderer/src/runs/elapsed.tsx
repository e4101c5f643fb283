import { useEffect, useState } from 'react';
import { formatDuration } from '../../../shared/pipeline/duration.js';

/** Time since `since`, ticking once a second while shown. */
export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>{formatDuration(Math.max(0, now - since))}</>;
}
