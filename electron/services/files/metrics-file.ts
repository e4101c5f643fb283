// Reading a JSON metrics file a step wrote, for the metric series and for metric tests alike:
// inside the workspace, never through a link leading out or from a FIFO (the read would block
// forever), and small, since it holds numbers, not data.
import { readFile } from 'node:fs/promises';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { UnsafePathError, containedEntry } from './contained-path.js';
import { errorMessage } from '../../../shared/text/error-message.js';

const MAX_METRICS_FILE = 1024 * 1024;

/** Why a metrics file cannot be read, as a sentence that names it. */
export class MetricsFileError extends Error {}

export async function readMetricsFile(root: string, file: string): Promise<unknown> {
  const path = normalizeWorkspacePath(file);
  if (path === null) throw new MetricsFileError(`metrics file ${file} leaves the workspace`);
  let text: string;
  try {
    const { absolute, kind } = containedEntry(root, path, `metrics file ${path}`);
    if (kind === 'missing') throw new MetricsFileError(`metrics file ${path} was not written`);
    if (kind === 'folder') throw new MetricsFileError(`metrics file ${path} is a folder; it should be a JSON file`);
    const buffer = await readFile(absolute);
    if (buffer.length > MAX_METRICS_FILE)
      throw new MetricsFileError(`metrics file ${path} is larger than 1 MiB; it should hold numbers only`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof MetricsFileError) throw error;
    if (error instanceof UnsafePathError) throw new MetricsFileError(error.message);
    throw new MetricsFileError(`metrics file ${path} was not written`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (error) {
    throw new MetricsFileError(`metrics file ${path} is not valid JSON: ${errorMessage(error)}`);
  }
}
