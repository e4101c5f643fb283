// The shape of a failing-rows count, asked by a check (failing-rows.ts) and answered by its own
// query or by a scan its batch shares (shared-scans.ts).
import type { DataFile } from './data-file.js';
import type { Parameter } from './query-session.js';

export interface Example {
  aggregate: 'min' | 'max';
  /** An expression over the file's columns, shown as text. */
  expression: string;
}

export interface FailingRowsQuery {
  file: DataFile;
  /** True for a row that fails; null (for a null value the check leaves alone) counts as passing. */
  predicate: string;
  params: Parameter[];
  examples: Example[];
  /** The file's row count is needed, not only nice to have (not_null with mostly). */
  needsTotal: boolean;
  /** The sentence for a query DuckDB rejects, from its message. */
  failure(message: string): string;
}

export interface FailingRows {
  failing: number;
  /** Rows of the file, when counted (always for text formats: the same pass counts them). */
  total: number | null;
  examples: (string | null)[];
}
