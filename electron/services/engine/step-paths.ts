// The files a step names (inputs, outputs, metrics files) are untrusted: before the step runs,
// each must resolve inside the run's root (no link on the way leading out) and, where it
// exists, be a file or folder rather than a FIFO, socket or device. A path that is not there
// yet is checked through its nearest existing folder, so an output under a linked-out folder
// is refused before anything writes it. Data-test files are checked where they are read.
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';

const FIELDS = [
  ['inputs', 'input'],
  ['outputs', 'output'],
  ['metrics', 'metrics file'],
] as const;

/** Why the step's paths cannot be used, in one sentence naming the path; null when all can. */
export function unsafeStepPath(root: string, step: StepSpec): string | null {
  for (const [field, what] of FIELDS) {
    for (const raw of step[field] ?? []) {
      const path = normalizeWorkspacePath(raw) ?? raw;
      try {
        containedEntry(root, path, `${what} ${path}`);
      } catch (error) {
        if (error instanceof UnsafePathError) return error.message;
        throw error;
      }
    }
  }
  return null;
}
