// The studio's look at a file: the preview itself and, when it was opened from a run's step,
// whether the file is still what that run wrote. A file that is gone has nothing to show; a
// changed one shows what is there now, and the answer says so.
import type { PreviewAnswer } from '../../../shared/preview/preview-types.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { RunRequestError } from '../engine/run-plan.js';
import { UnsafePathError } from '../files/contained-path.js';
import { PreviewError } from '../preview/preview-files.js';
import { checkAgainstRun } from '../preview/run-file-check.js';
import type { WorkspaceSession } from './workspace-session.js';

export async function previewWithRun(
  session: WorkspaceSession,
  path: string,
  rows: number | undefined,
  run: { runId: string; stepId: string } | undefined,
  profile = true,
): Promise<PreviewAnswer> {
  const root = session.workspace.root;
  try {
    const check = run === undefined ? null : await checkAgainstRun(root, session.store, run.runId, run.stepId, path);
    if (check?.state === 'gone') return { preview: null, run: check };
    return { preview: await session.previews.preview(root, path, rows, { profile }), run: check };
  } catch (error) {
    if (error instanceof PreviewError || error instanceof UnsafePathError)
      throw new ContractError('invalid-request', error.message);
    if (error instanceof RunRequestError) throw new ContractError('not-found', error.message);
    throw error;
  }
}
