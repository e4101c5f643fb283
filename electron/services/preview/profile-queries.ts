// The SQL of a column profile and the reading of its answers. A profile of a big file must cost
// about two scans whatever its width: one aggregate over every column at once (null counts,
// approximate distinct counts, min, max, mean), then one pass that bins the numeric columns
// between the min and max the first pass found. Pure text in, text out, so it is unit-tested.
import type { Json } from '@duckdb/node-api';
import type { ColumnProfile, PreviewCell, PreviewColumn } from '../../../shared/preview/preview-types.js';
import { HISTOGRAM_BINS } from '../../../shared/preview/preview-types.js';
import { quoteIdentifier } from '../data-tests/sql-text.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;
// Lists, structs, maps and unions have no order worth showing and no single distinct value.
const NESTED = /[[\]]|^(STRUCT|MAP|UNION)\(/;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

function isNested(type: string): boolean {
  return NESTED.test(type);
}

/**
 * One aggregate over all columns: `c<i>_values`, `c<i>_distinct`, `c<i>_min`, `c<i>_max`,
 * `c<i>_mean`, `c<i>_low`, `c<i>_high`. Distinct values are counted exactly on small files and
 * estimated (HyperLogLog, a few percent off) on big ones, where exact counts cost a hash table
 * per column.
 */
export function profileQuery(reader: string, columns: readonly PreviewColumn[], countRows: boolean, exactDistinct: boolean): string {
  const parts = countRows ? ['count(*) AS "rows"'] : [];
  columns.forEach((column, index) => {
    const name = quoteIdentifier(column.name);
    parts.push(`count(${name}) AS "c${index}_values"`);
    if (isNested(column.type)) return;
    parts.push(`${exactDistinct ? `count(DISTINCT ${name})` : `approx_count_distinct(${name})`} AS "c${index}_distinct"`);
    parts.push(`CAST(min(${name}) AS VARCHAR) AS "c${index}_min"`, `CAST(max(${name}) AS VARCHAR) AS "c${index}_max"`);
    if (isNumericType(column.type)) {
      parts.push(`avg(${name}) AS "c${index}_mean"`);
      parts.push(`CAST(min(${name}) AS DOUBLE) AS "c${index}_low"`, `CAST(max(${name}) AS DOUBLE) AS "c${index}_high"`);
    }
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

/** The second pass: per numeric column, a histogram of bin numbers (0 to bins - 1) as a DuckDB MAP. */
export function histogramQuery(reader: string, columns: readonly PreviewColumn[], ranges: readonly BinRange[]): string | null {
  if (ranges.length === 0) return null;
  const parts = ranges.map(({ index, low, high }) => {
    const name = quoteIdentifier(columns[index]?.name ?? '');
    // A column of one value is a single full bin; otherwise the max falls into the last bin.
    const width = high > low ? (high - low) / HISTOGRAM_BINS : 1;
    const value = `CAST(${name} AS DOUBLE)`;
    // NaN and infinities fit no bin (and would not convert to a bin number).
    const bin = `CASE WHEN isfinite(${value}) THEN least(greatest(CAST(floor((${value} - ${sqlNumber(low)}) / ${sqlNumber(width)}) AS INTEGER), 0), ${HISTOGRAM_BINS - 1}) END`;
    return `histogram(${bin}) AS "h${index}"`;
  });
  return `SELECT ${parts.join(', ')} FROM ${reader}`;
}

function sqlNumber(value: number): string {
  // A double literal, never integer arithmetic; exponent form keeps huge and tiny values exact.
  return `CAST(${value.toExponential()} AS DOUBLE)`;
}

/** The numeric columns with at least one finite value, to bin in the second pass. */
export function binRanges(columns: readonly PreviewColumn[], aggregate: Record<string, Json>): BinRange[] {
  const ranges: BinRange[] = [];
  columns.forEach((column, index) => {
    if (!isNumericType(column.type)) return;
    const low = jsonNumber(aggregate[`c${index}_low`]);
    const high = jsonNumber(aggregate[`c${index}_high`]);
    if (low !== null && high !== null && Number.isFinite(low) && Number.isFinite(high)) ranges.push({ index, low, high });
  });
  return ranges;
}

/** The profile of every column from the two passes' answers. */
export function readProfile(columns: readonly PreviewColumn[], rowCount: number, aggregate: Record<string, Json>, histograms: Record<string, Json>): ColumnProfile[] {
  return columns.map((column, index) => {
    const values = jsonNumber(aggregate[`c${index}_values`]) ?? 0;
    return {
      name: column.name,
      type: column.type,
      nulls: rowCount - values,
      // The estimate can exceed the values counted; it never should in what is shown.
      distinct: Math.min(jsonNumber(aggregate[`c${index}_distinct`]) ?? 0, values),
      min: jsonText(aggregate[`c${index}_min`]),
      max: jsonText(aggregate[`c${index}_max`]),
      mean: jsonNumber(aggregate[`c${index}_mean`]),
      histogram: binCounts(histograms[`h${index}`]),
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
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
