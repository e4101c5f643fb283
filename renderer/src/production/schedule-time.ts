// When a schedule runs next, in words ("in 3 h") and as a time in the schedule's own zone, so
// "06:00 Europe/Berlin" reads as the cron expression meant it wherever the studio runs.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 40 s", "in 12 min", "in 3 h", "in 2 days"; "due now" once the time has come. */
export function untilText(at: number, now: number): string {
  const ms = at - now;
  if (ms <= 0) return 'due now';
  if (ms < MINUTE) return `in ${Math.ceil(ms / 1000)} s`;
  if (ms < HOUR) return `in ${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.round((ms - hours * HOUR) / MINUTE);
    return minutes === 0 || hours >= 6 ? `in ${Math.round(ms / HOUR)} h` : `in ${hours} h ${minutes} min`;
  }
  const days = Math.round(ms / DAY);
  return `in ${days} day${days === 1 ? '' : 's'}`;
}

/**
 * "Tue 14 May, 06:00 Europe/Berlin"; with seconds when the occurrence has them (a cron of six
 * fields). An unknown zone falls back to the studio's own.
 */
export function zonedText(at: number, timezone: string): string {
  const seconds: Intl.DateTimeFormatOptions = at % MINUTE === 0 ? {} : { second: '2-digit' };
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...seconds,
    hourCycle: 'h23',
  };
  try {
    return `${new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timezone }).format(at)} ${timezone}`;
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(at);
  }
}
