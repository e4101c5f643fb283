// `pipewright preview PATH`: a look at a workspace file without the studio — the first rows,
// schema, row count and column profile of a data file (CSV, TSV, Parquet, JSON lines), or what
// a picture, Markdown file or folder is. The path is relative to the workspace.
import { DataPreviewService } from '../../services/preview/data-preview-service.js';
import { PreviewError } from '../../services/preview/preview-files.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { previewText } from '../output/preview-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface PreviewOptions {
  rows: number;
  json?: boolean;
}

export async function previewCommand(path: string, options: PreviewOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io);
  const service = new DataPreviewService();
  try {
    const preview = await service.preview(workspace.root, path, options.rows);
    io.stdout.write(
      options.json ? `${JSON.stringify(preview, null, 2)}\n` : previewText(stylerFor(io.stdout), preview),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PreviewError) throw new UsageError(error.message);
    throw error;
  } finally {
    service.close();
  }
}
