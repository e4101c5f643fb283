// DuckDB's errors are written for its shell: several lines, the SQL we generated with a caret
// under it, "possible fixes" about reader options the user never set, absolute paths. A test
// result shows one sentence, in the user's terms.
import { sep } from 'node:path';

// The lines after the first that still say what is wrong with a CSV file.
const CSV_DETAIL =
  /^(Expected Number of Columns: .*|It was not possible to automatically detect the CSV parsing dialect.*)$/m;
const CATEGORY = /^[A-Z][A-Za-z ]*? Error: /;
// The database of a workspace opens nothing outside it (workspace-database.ts).
const OUTSIDE =
  /^Permission Error: Cannot access (?:file|directory) "(.*)" - file system operations are disabled by configuration/;

export interface ShortenOptions {
  /** The workspace root: absolute paths under it are shown relative, as the test wrote them. */
  root: string;
  /** Keep "Parser Error:", "Binder Error:"...: useful for a query the user wrote, noise for a file being read. */
  keepCategory?: boolean;
}

export function shortenDuckDBMessage(message: string, options: ShortenOptions): string {
  const outside = OUTSIDE.exec(message)?.[1];
  if (outside !== undefined)
    return withoutRoot(
      `a data test reads only files inside the workspace; "${outside}" is not one (or leads out through a link)`,
      options.root,
    );
  const lines = message.split('\n');
  let text = (lines[0] ?? '').trim();
  const detail = CSV_DETAIL.exec(message)?.[1];
  if (detail !== undefined && detail !== text) text = `${text.replace(/[.:]$/, '')}: ${detail.trim()}`;
  if (!options.keepCategory) text = text.replace(CATEGORY, '');
  return withoutRoot(text, options.root);
}

/** `/home/me/ws/data/x.csv` -> `data/x.csv` wherever it appears. */
export function withoutRoot(text: string, root: string): string {
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  return text.split(prefix).join('');
}

export function isInterrupt(error: unknown): boolean {
  return error instanceof Error && /^INTERRUPT Error/.test(error.message);
}
