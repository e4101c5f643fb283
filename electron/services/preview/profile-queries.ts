// The SQL of a column profile and the reading of its answers. A profile of a big file must cost
// one scan whatever its width: one aggregate over every column at once (distinct counts, means,
// and whatever the file's own statistics do not already tell: null counts, min, max). Where the
// statistics give a numeric column's range (Parquet footers), its histogram is binned in that
// same scan; otherwise a second pass bins between the min and max the first one found. Pure text
// in, text out, so it is unit-tested.
import type { Json } from '@duckdb/node-api';
import type { ColumnProfile, PreviewCell, PreviewColumn } from '../../../shared/preview/preview-types.js';
import { HISTOGRAM_BINS } from '../../../shared/preview/preview-types.js';
import { quoteIdentifier } from '../data-tests/sql-text.js';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;
// Lists, structs, maps and unions have no order worth showing and no single distinct value.
const NESTED = /[[\]]|^(STRUCT|MAP|UNION)\(/;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

function isNested(type: string): boolean {
  return NESTED.test(type);
}

/** What a file's statistics already say of a column, exactly; null where they say nothing. */
export interface KnownStatistics {
  nulls: number | null;
  min: string | null;
  max: string | null;
  /** The numeric range, to bin in the one scan. */
  range: { low: number; high: number } | null;
}

export interface ProfileOptions {
  /** Count the rows in the scan (no count from metadata). */
  countRows: boolean;
  exactDistinct: boolean;
  /** By column index. */
  known?: ReadonlyMap<number, KnownStatistics>;
}

/**
 * One aggregate over all columns: `c<i>_values`, `c<i>_distinct`, `c<i>_min`, `c<i>_max`,
 * `c<i>_mean`, `c<i>_low`, `c<i>_high`, `h<i>`, leaving out what the statistics already give.
 * Distinct values are counted exactly on small files and estimated (HyperLogLog, a few percent
 * off) on big ones, where exact counts cost a hash table per column.
 */
export function profileQuery(reader: string, columns: readonly PreviewColumn[], options: ProfileOptions): string {
  const parts = options.countRows ? ['count(*) AS "rows"'] : [];
  columns.forEach((column, index) => {
    const name = quoteIdentifier(column.name);
    const known = options.known?.get(index);
    if (known?.nulls == null) parts.push(`count(${name}) AS "c${index}_values"`);
    if (isNested(column.type)) return;
    parts.push(
      `${options.exactDistinct ? `count(DISTINCT ${name})` : `approx_count_distinct(${name})`} AS "c${index}_distinct"`,
    );
    if (known?.min == null || known.max == null)
      parts.push(
        `CAST(min(${name}) AS VARCHAR) AS "c${index}_min"`,
        `CAST(max(${name}) AS VARCHAR) AS "c${index}_max"`,
      );
    if (!isNumericType(column.type)) return;
    parts.push(`avg(${name}) AS "c${index}_mean"`);
    if (known?.range) parts.push(histogramPart(name, index, known.range));
    else
      parts.push(`CAST(min(${name}) AS DOUBLE) AS "c${index}_low"`, `CAST(max(${name}) AS DOUBLE) AS "c${index}_high"`);
  });
  // A file without columns still has a row count to tell.
  if (parts.length === 0) parts.push('count(*) AS "rows"');
  return `SELECT ${parts.join(', ')} FROM ${reader}`;
}

export interface BinRange {
  index: number;
  low: number;
  high: number;
}

/** The second pass: per numeric column whose range the first found, a histogram of bin numbers (0 to bins - 1) as a DuckDB MAP. */
export function histogramQuery(
  reader: string,
  columns: readonly PreviewColumn[],
  ranges: readonly BinRange[],
): string | null {
  if (ranges.length === 0) return null;
  return `SELECT ${ranges.map((range) => histogramPart(quoteIdentifier(columns[range.index]?.name ?? ''), range.index, range)).join(', ')} FROM ${reader}`;
}

function histogramPart(name: string, index: number, { low, high }: { low: number; high: number }): string {
  // A column of one value is a single full bin; otherwise the max falls into the last bin.
  const width = high > low ? (high - low) / HISTOGRAM_BINS : 1;
  const value = `CAST(${name} AS DOUBLE)`;
  // NaN and infinities fit no bin (and would not convert to a bin number).
  const bin = `CASE WHEN isfinite(${value}) THEN least(greatest(CAST(floor((${value} - ${sqlNumber(low)}) / ${sqlNumber(width)}) AS INTEGER), 0), ${HISTOGRAM_BINS - 1}) END`;
  return `histogram(${bin}) AS "h${index}"`;
}

function sqlNumber(value: number): string {
  // A double literal, never integer arithmetic; exponent form keeps huge and tiny values exact.
  return `CAST(${value.toExponential()} AS DOUBLE)`;
}

/** The numeric columns the first pass found a finite range for (and did not bin yet). */
export function binRanges(columns: readonly PreviewColumn[], aggregate: Record<string, Json>): BinRange[] {
  const ranges: BinRange[] = [];
  columns.forEach((column, index) => {
    if (!isNumericType(column.type) || aggregate[`h${index}`] !== undefined) return;
    const low = jsonNumber(aggregate[`c${index}_low`]);
    const high = jsonNumber(aggregate[`c${index}_high`]);
    if (low !== null && high !== null && Number.isFinite(low) && Number.isFinite(high))
      ranges.push({ index, low, high });
  });
  return ranges;
}

/** The profile of every column from the statistics and the passes' answers. */
export function readProfile(
  columns: readonly PreviewColumn[],
  rowCount: number,
  aggregate: Record<string, Json>,
  histograms: Record<string, Json>,
  known: ReadonlyMap<number, KnownStatistics> = new Map(),
): ColumnProfile[] {
  return columns.map((column, index) => {
    const stats = known.get(index);
    const values = stats?.nulls != null ? rowCount - stats.nulls : (jsonNumber(aggregate[`c${index}_values`]) ?? 0);
    return {
      name: column.name,
      type: column.type,
      nulls: rowCount - values,
      // The estimate can exceed the values counted; it never should in what is shown.
      distinct: Math.min(jsonNumber(aggregate[`c${index}_distinct`]) ?? 0, values),
      min: stats?.min ?? jsonText(aggregate[`c${index}_min`]),
      max: stats?.max ?? jsonText(aggregate[`c${index}_max`]),
      mean: jsonNumber(aggregate[`c${index}_mean`]),
      histogram: binCounts(aggregate[`h${index}`] ?? histograms[`h${index}`]),
    };
  });
}

/** A DuckDB MAP of bin number to count (as getRowsJson gives it) as the list of all bins' counts. */
export function binCounts(map: Json | undefined): number[] {
  if (!Array.isArray(map)) return [];
  const counts: number[] = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const entry of map) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const bin = jsonNumber(entry.key);
    const count = jsonNumber(entry.value);
    if (bin !== null && count !== null && bin >= 0 && bin < HISTOGRAM_BINS) counts[bin] = count;
  }
  return counts;
}

export function jsonNumber(value: Json | undefined): number | null {
  if (typeof value === 'number') return value;
  // BIGINT, HUGEINT and DECIMAL arrive as text to keep their digits.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function jsonText(value: Json | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A result cell as the table shows it: numbers as numbers where JavaScript holds them exactly
 * (DuckDB's JSON form gives BIGINT and DECIMAL as text), lists and structs as their JSON text.
 */
export function previewCell(value: Json, type: string): PreviewCell {
  if (typeof value === 'string' && isNumericType(type)) {
    const number = Number(value);
    const exact = type.startsWith('DECIMAL') ? Number.isFinite(number) : Number.isSafeInteger(number);
    return exact && value.trim() !== '' ? number : value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}
