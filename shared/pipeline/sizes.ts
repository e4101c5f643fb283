const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes of a size such as "512m" or "2g" (binary units, as Docker reads them); NaN when not a size. */
export function parseSizeBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!match) return Number.NaN;
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN));
}
