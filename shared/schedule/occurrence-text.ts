// An occurrence as a person reads it: the wall-clock time in the schedule's own time zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** "2025-03-31 06:00:00 Europe/Berlin". */
export function formatOccurrence(time: number, timezone: string): string {
  let format = formats.get(timezone);
  if (!format) {
    // The sv-SE locale writes dates as ISO does: year-month-day hour:minute:second.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  return `${format.format(new Date(time))} ${timezone}`;
}
