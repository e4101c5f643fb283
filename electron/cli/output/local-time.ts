// A moment as the terminal shows it: local date and time, year first so columns sort. Built
// from the Date fields rather than toLocaleString, whose first call loads the ICU locale data
// and costs a short command such as `pipewright runs` tens of milliseconds.
const twoDigits = (value: number) => String(value).padStart(2, '0');

export function localTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
}
