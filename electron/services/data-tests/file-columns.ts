// The columns of a data file as DuckDB reads them, and the error for a column a test names
// but the file does not have: the nearest name when it looks like a typo, the list otherwise.
import { closestMatch } from '../../../shared/text/did-you-mean.js';
import type { DataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import type { QuerySession } from './query-session.js';
import { textCell } from './query-session.js';
import { quoted } from './wording.js';

export interface FileColumn {
  name: string;
  /** DuckDB's type name: BIGINT, VARCHAR, TIMESTAMP WITH TIME ZONE, DECIMAL(18,3)... */
  type: string;
}

const LISTED_COLUMNS = 12;

export async function fileColumns(session: QuerySession, file: DataFile): Promise<FileColumn[]> {
  const described = await session.rows(`DESCRIBE SELECT * FROM ${file.reader}`, [], {
    failure: (message) => `${file.path}: ${message}`,
  });
  return described.map((row) => ({ name: textCell(row.column_name) ?? '', type: textCell(row.column_type) ?? '' }));
}

/** The file's column for a name in a test; DuckDB matches names regardless of case, and so does this. */
export function findColumn(file: DataFile, columns: readonly FileColumn[], name: string): FileColumn {
  const found =
    columns.find((column) => column.name === name) ??
    columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
  if (found !== undefined) return found;
  throw new DataTestError(`${file.path} has no column ${quoted(name)}; ${columnHint(name, columns)}`);
}

export function columnHint(name: string, columns: readonly FileColumn[]): string {
  const names = columns.map((column) => column.name);
  const match = closestMatch(name, names);
  if (match !== undefined) return `did you mean ${quoted(match)}?`;
  if (names.length === 0) return 'it has no columns';
  const listed = names.slice(0, LISTED_COLUMNS).map(quoted).join(', ');
  return `its columns are ${listed}${names.length > LISTED_COLUMNS ? ` and ${names.length - LISTED_COLUMNS} more` : ''}`;
}
