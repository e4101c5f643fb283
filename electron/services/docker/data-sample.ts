// Deterministic samples of tabular files (CSV, TSV, JSON lines) for an environment's data:
// the same seed always keeps the same rows, whichever machine runs it, and a header stays.

export const SAMPLED_EXTENSIONS = new Set(['.csv', '.tsv', '.jsonl', '.ndjson']);

export interface SamplePlan {
  fraction?: number | undefined;
  rows?: number | undefined;
  seed: number;
}

/** FNV-1a: a fast, stable hash of a row and the seed, as a number in [0, 1). */
function rank(row: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < row.length; i += 1) {
    hash ^= row.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/** Records of a CSV text: a line break inside a quoted field does not end a record. */
function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  return records;
}

export function sampleTable(text: string, extension: string, plan: SamplePlan): string {
  const tabular = extension === '.csv' || extension === '.tsv';
  // Only CSV quotes fields; in TSV and JSON lines every line is a record.
  const records = (extension === '.csv' ? csvRecords(text) : text.split(/\r?\n/)).filter(
    (record) => record.trim() !== '',
  );
  const header = tabular ? records.shift() : undefined;
  const ranked = records.map((record, index) => ({ record, index, rank: rank(record, plan.seed) }));
  let kept: typeof ranked;
  if (plan.rows !== undefined) {
    kept = [...ranked]
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .slice(0, plan.rows)
      .sort((a, b) => a.index - b.index);
  } else {
    kept = ranked.filter((entry) => entry.rank < (plan.fraction ?? 1));
  }
  const lines = [...(header !== undefined ? [header] : []), ...kept.map((entry) => entry.record)];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
