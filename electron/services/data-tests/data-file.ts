// The file a data test names: a workspace-relative path, turned into the DuckDB table
// expression that reads it. A folder reads as one table when its files share a format (a
// partitioned output: part-0.parquet, part-1.parquet...).
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { DataTestError } from './data-test-error.js';
import { quoteList } from './sql-text.js';
import { errorCode, errorMessage } from '../../../shared/text/error-message.js';

export type DataFormat = 'csv' | 'tsv' | 'parquet' | 'json';

export interface DataFile {
  /** As the test writes it: every message names the file this way. */
  path: string;
  format: DataFormat;
  /** Absolute paths of the files read, one for a file, every data file for a folder. */
  files: string[];
  /** A table expression for FROM: `read_parquet([...])`. */
  reader: string;
}

const FORMAT_NAMES: Record<DataFormat, string> = { csv: 'CSV', tsv: 'TSV', parquet: 'Parquet', json: 'JSON' };
const KNOWN_FORMATS = 'CSV, TSV, Parquet or JSON';
// DuckDB decompresses these on its own, by the file name.
const COMPRESSION = /\.(gz|zst)$/i;
const EXTENSIONS: Record<string, DataFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
};

/** The format a file name says it holds, or null when it is not a data file. */
export function formatOf(name: string): DataFormat | null {
  const plain = name.replace(COMPRESSION, '');
  const dot = plain.lastIndexOf('.');
  if (dot < 0) return null;
  return EXTENSIONS[plain.slice(dot + 1).toLowerCase()] ?? null;
}

/** The absolute path of a workspace file; a path that could point outside the workspace is refused. */
export function workspaceFile(root: string, path: string): string {
  // Windows drive letters and UNC paths are absolute on every platform as far as tests go.
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path) || path.startsWith('\\')) {
    throw new DataTestError(`${path}: a data test reads files in the workspace; give the path relative to it`);
  }
  if (path.split(/[\\/]/).includes('..')) throw new DataTestError(`${path}: the path leaves the workspace ("..")`);
  return resolve(root, path);
}

/**
 * The file (or folder of files) a test reads, checked to exist, to hold one known format, and to
 * lie inside the workspace once links are followed; a FIFO, socket or device is refused (DuckDB
 * would wait on it forever). The files are named by their real paths, which is what the
 * database's allowed directories are checked against.
 */
export async function openDataFile(root: string, path: string): Promise<DataFile> {
  workspaceFile(root, path);
  let entry: ReturnType<typeof containedEntry>;
  try {
    entry = containedEntry(root, path, path);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new DataTestError(error.message);
    throw new DataTestError(`${path}: cannot be read (${errorCode(error) ?? errorMessage(error)})`);
  }
  const { absolute, kind } = entry;
  if (kind === 'missing') throw new DataTestError(`${path}: no such file`);
  if (kind === 'file') {
    const format = formatOf(path);
    if (format === null) throw new DataTestError(`${path}: not a ${KNOWN_FORMATS} file (by its extension)`);
    return { path, format, files: [absolute], reader: readerFor(format, [absolute]) };
  }
  const files = await folderFiles(absolute);
  const formats = [
    ...new Set(files.map((file) => formatOf(file)).filter((format): format is DataFormat => format !== null)),
  ];
  const format = formats[0];
  if (format === undefined) throw new DataTestError(`${path}: the folder holds no ${KNOWN_FORMATS} files`);
  if (formats.length > 1) {
    throw new DataTestError(
      `${path}: the folder holds files of several formats (${formats.map((each) => FORMAT_NAMES[each]).join(', ')}); a data test reads one`,
    );
  }
  const data = files.filter((file) => formatOf(file) === format);
  return { path, format, files: data, reader: readerFor(format, data) };
}

/**
 * The data files under a folder, sorted; hidden and underscore entries (.DS_Store, _SUCCESS,
 * _temporary/) are left out as writers' bookkeeping, and links and special files are never
 * followed or opened (only regular files count).
 */
async function folderFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !file
          .slice(folder.length)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.') || part.startsWith('_')),
    );
  return files.sort();
}

function readerFor(format: DataFormat, files: string[]): string {
  const list = quoteList(files);
  // Partitions written at different times may have gained a column; match them by name.
  const union = files.length > 1 ? ', union_by_name = true' : '';
  switch (format) {
    case 'parquet':
      return `read_parquet(${list}${union})`;
    case 'json':
      // 'auto' reads both JSON lines and a top-level array of records.
      return `read_json(${list}, format = 'auto'${union})`;
    case 'csv':
    case 'tsv': {
      // The dialect is fixed rather than sniffed: sniffing "succeeds" on a broken file by
      // picking another delimiter or skipping its first lines, and the test would then check
      // a different table from the one the user sees. A header row is assumed, as every
      // pipeline tool writes one.
      const delimiter = format === 'tsv' ? '\\t' : ',';
      return `read_csv(${list}, header = true, skip = 0, delim = '${delimiter}', quote = '"', escape = '"'${union})`;
    }
  }
}
