// A look at a workspace file: data files (CSV, TSV, Parquet, JSON lines; by extension) through
// DuckDB in the same locked-down database the data tests use (it opens nothing outside the
// workspace, loads no extension, changes no setting), pictures and Markdown as their bytes and
// text. The studio and `pipewright preview` both ask here.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FilePreview, ImagePreview } from '../../../shared/preview/preview-types.js';
import { DEFAULT_PREVIEW_ROWS, MAX_PREVIEW_ROWS } from '../../../shared/preview/preview-types.js';
import { formatOf, openDataFile } from '../data-tests/data-file.js';
import type { DataFile } from '../data-tests/data-file.js';
import { DataTestError } from '../data-tests/data-test-error.js';
import { WorkspaceDatabase } from '../data-tests/workspace-database.js';
import { realLocation } from '../files/contained-path.js';
import { PreviewError, folderEntries, previewTarget, readPreviewFile } from './preview-files.js';
import type { PreviewTarget } from './preview-files.js';
import { connectionQuery, previewTable } from './table-preview.js';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;
const MAX_FOLDER_FILES = 500;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KNOWN = 'CSV, TSV, Parquet, JSON lines, PNG, SVG or Markdown';

export class DataPreviewService {
  private readonly databases = new Map<string, Promise<WorkspaceDatabase>>();
  private closed = false;

  /**
   * `path` is relative to the workspace at `root`; `rows` is how many first rows a data file
   * shows; `profile: false` leaves out a data file's profile (the scan of the whole file).
   */
  async preview(
    root: string,
    path: string,
    rows: number = DEFAULT_PREVIEW_ROWS,
    options: { profile?: boolean } = {},
  ): Promise<FilePreview> {
    if (this.closed) throw new PreviewError('the preview service is closed');
    const realRoot = realLocation(resolve(root));
    const target = previewTarget(realRoot, path);
    if (target.kind === 'folder') return { kind: 'folder', path, ...(await folderEntries(target, MAX_FOLDER_FILES)) };
    const lower = path.toLowerCase();
    if (formatOf(path) !== null)
      return this.table(realRoot, path, Math.min(Math.max(rows, 0), MAX_PREVIEW_ROWS), options.profile ?? true);
    if (lower.endsWith('.png')) return image(target, 'image/png');
    if (lower.endsWith('.svg')) return image(target, 'image/svg+xml');
    if (lower.endsWith('.md') || lower.endsWith('.markdown')) {
      return { kind: 'markdown', path, text: (await readPreviewFile(target, MAX_MARKDOWN_BYTES)).toString('utf8') };
    }
    throw new PreviewError(`${path}: not a ${KNOWN} file (by its extension); a preview shows only those`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const opening of this.databases.values())
      void opening.then(
        (database) => database.close(),
        () => undefined,
      );
    this.databases.clear();
  }

  private async table(realRoot: string, path: string, rows: number, profile: boolean): Promise<FilePreview> {
    let file: DataFile;
    try {
      file = await openDataFile(realRoot, path);
    } catch (error) {
      if (error instanceof DataTestError) throw new PreviewError(error.message);
      throw error;
    }
    const database = await this.database(realRoot);
    const connection = await database.acquire();
    let reusable = false;
    try {
      const bytes = (await Promise.all(file.files.map((each) => stat(each)))).reduce((sum, info) => sum + info.size, 0);
      const preview = await previewTable(file, rows, bytes, connectionQuery(connection, file, realRoot), { profile });
      reusable = true;
      return preview;
    } finally {
      database.release(connection, reusable);
    }
  }

  /** The workspace's database, opened on first use: its settings lock it to that workspace. */
  private database(realRoot: string): Promise<WorkspaceDatabase> {
    let opening = this.databases.get(realRoot);
    if (opening === undefined) {
      opening = WorkspaceDatabase.open(realRoot);
      this.databases.set(realRoot, opening);
      // A failed start is not kept: the next preview tries again.
      opening.catch(() => {
        if (this.databases.get(realRoot) === opening) this.databases.delete(realRoot);
      });
    }
    return opening;
  }
}

async function image(target: PreviewTarget, mediaType: ImagePreview['mediaType']): Promise<ImagePreview> {
  const bytes = await readPreviewFile(target, MAX_IMAGE_BYTES);
  if (mediaType === 'image/png' && !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new PreviewError(`${target.path}: not a PNG image (its first bytes are not a PNG signature)`);
  }
  if (mediaType === 'image/svg+xml' && !/<svg[\s>]/.test(bytes.subarray(0, 4096).toString('utf8'))) {
    throw new PreviewError(`${target.path}: not an SVG image (no <svg> element at its start)`);
  }
  return { kind: 'image', path: target.path, mediaType, base64: bytes.toString('base64'), bytes: bytes.length };
}
