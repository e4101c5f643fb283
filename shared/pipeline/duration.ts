// Durations in pipeline files read like "90s", "10m", "1h30m" or "250ms"; a bare number is
// seconds. One grammar everywhere so the schema, the engine and the studio agree.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

export const DURATION_HINT = 'a duration such as 30s, 10m, 1h30m or 500ms';

export function isDuration(value: string | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0;
  return DURATION.test(value.trim()) && parseDurationMs(value) > 0;
}

/** Milliseconds for a duration; NaN when the text is not a duration. */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number') return value * 1000;
  const text = value.trim();
  if (!DURATION.test(text)) return Number.NaN;
  let total = 0;
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  return total;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
