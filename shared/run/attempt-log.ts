// A retried step's log as one text: each attempt's output under a header line of its own, so a
// reader sees where one attempt ends and the next begins, and a view can show one attempt.

const MARK = '──── attempt ';
const HEADER = /^──── attempt (\d+) ────$/;

export function attemptHeader(attempt: number): string {
  return `${MARK}${attempt} ────`;
}

/** The attempt a header line starts, or null for an ordinary line. */
export function headerAttempt(line: string): number | null {
  if (!line.startsWith(MARK)) return null;
  const found = HEADER.exec(line);
  return found ? Number(found[1]) : null;
}

/** Attempts' logs joined, each under its header (a single attempt needs none). */
export function joinAttemptLogs(logs: readonly { attempt: number; text: string }[]): string {
  if (logs.length === 1 && logs[0]?.attempt === 1) return logs[0].text;
  return logs
    .map(({ attempt, text }) => `${attemptHeader(attempt)}\n${text === '' || text.endsWith('\n') ? text : `${text}\n`}`)
    .join('');
}

/** Where each attempt's lines are in a joined log: [first, end) line indices, header included. */
export function attemptRanges(
  lineCount: number,
  lineAt: (index: number) => string,
): { attempt: number; first: number; end: number }[] {
  const ranges: { attempt: number; first: number; end: number }[] = [];
  for (let index = 0; index < lineCount; index += 1) {
    const attempt = headerAttempt(lineAt(index));
    if (attempt === null) continue;
    const last = ranges.at(-1);
    if (last) last.end = index;
    ranges.push({ attempt, first: index, end: lineCount });
  }
  return ranges;
}
