const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes of a size such as "512m" or "2g" (binary units, as Docker reads them); NaN when not a size. */
export function parseSizeBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!match) return Number.NaN;
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN));
}

/** A byte count for people: "812 B", "14.2 KB", "3.1 MB", "1.2 GB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [unit, scale] = bytes < 1024 ** 2 ? ['KB', 1024] : bytes < 1024 ** 3 ? ['MB', 1024 ** 2] : ['GB', 1024 ** 3];
  return `${(bytes / scale).toFixed(1)} ${unit}`;
}
