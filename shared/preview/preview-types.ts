// What a look at a workspace file answers: a data file as its first rows, schema, row count and
// a profile per column; a picture as bytes the renderer shows without touching the disk; a
// Markdown text; or a folder's files to pick from. Shared by the service, the CLI and the studio.

/** A cell as it travels over the contract: big integers, dates and nested values arrive as text. */
export type PreviewCell = string | number | boolean | null;

export interface PreviewColumn {
  name: string;
  /** DuckDB's type name: BIGINT, VARCHAR, TIMESTAMP... */
  type: string;
}

export interface ColumnProfile {
  name: string;
  type: string;
  nulls: number;
  /** Exact on small files, estimated on big ones (TablePreview.distinctApproximate). */
  distinct: number;
  /** As text, so dates and big integers keep their form; null when every value is null. */
  min: string | null;
  max: string | null;
  /** Numeric columns only. */
  mean: number | null;
  /** Counts of equal-width bins from min to max; numeric columns only, empty otherwise. */
  histogram: number[];
}

export type DataFormat = 'csv' | 'tsv' | 'parquet' | 'json';

export interface TablePreview {
  kind: 'table';
  path: string;
  format: DataFormat;
  /** Null until counted: a file without footers (all but Parquet) is counted in the profile's scan. */
  rowCount: number | null;
  /** The distinct counts are HyperLogLog estimates (a big file), not exact. */
  distinctApproximate: boolean;
  columns: PreviewColumn[];
  rows: PreviewCell[][];
  /**
   * Null when asked for without it: the studio shows the first rows, schema and (Parquet) count at
   * once, then asks again for the profile, which scans the whole file.
   */
  profile: ColumnProfile[] | null;
}

export interface ImagePreview {
  kind: 'image';
  path: string;
  mediaType: 'image/png' | 'image/svg+xml';
  /** The file's bytes in base64: shown as a data: URL, never as a file:// one. */
  base64: string;
  bytes: number;
}

export interface MarkdownPreview {
  kind: 'markdown';
  path: string;
  text: string;
}

export interface FolderEntry {
  /** Workspace-relative, ready to preview in turn. */
  path: string;
  bytes: number;
}

export interface FolderPreview {
  kind: 'folder';
  path: string;
  files: FolderEntry[];
  /** More regular files than listed. */
  truncated: boolean;
}

export type FilePreview = TablePreview | ImagePreview | MarkdownPreview | FolderPreview;

/**
 * How the file on disk stands to what a run recorded for it: the same content (current), other
 * content (changed), no file any more (gone), or the run recorded no fingerprint for it (an input,
 * or a step that did not finish).
 */
export type RunFileState = 'current' | 'changed' | 'gone' | 'unrecorded';

export interface RunFileCheck {
  runId: string;
  stepId: string;
  state: RunFileState;
}

export interface PreviewAnswer {
  /** Null when the file is gone: nothing honest is left to show. */
  preview: FilePreview | null;
  run: RunFileCheck | null;
}

export const DEFAULT_PREVIEW_ROWS = 20;
export const MAX_PREVIEW_ROWS = 1000;
export const HISTOGRAM_BINS = 12;
