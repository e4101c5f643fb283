// The files of a run of --ref: the revision checked out inside the workspace's state, opened as
// a workspace of its own (its pipewright.yaml and pipelines as committed), with errors a user
// can act on when the ref names nothing or holds no workspace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import { GitError } from '../git/git-errors.js';
import { checkoutRevision } from '../git/revision-checkout.js';
import { Workspace, WorkspaceError } from '../workspace/workspace.js';
import { RunRequestError } from './run-plan.js';
import type { PlanSource } from './run-plan.js';

/** Checks out `ref` (at `commit` when resuming a run of it) and opens the workspace it holds. */
export async function checkoutSource(workspace: Workspace, ref: string, commit: string | null): Promise<PlanSource> {
  let checkout;
  try {
    checkout = await checkoutRevision(workspace.root, workspace.stateDir, ref, commit);
  } catch (error) {
    if (error instanceof GitError) throw new RunRequestError(`--ref ${ref}: ${error.message}`);
    throw error;
  }
  // Opened only where the revision has its own pipewright.yaml: looking further up would find
  // the working tree's workspace around the state folder.
  if (!existsSync(join(checkout.root, WORKSPACE_FILE))) {
    checkout.release();
    throw new RunRequestError(
      `--ref ${ref}: commit ${checkout.commit.slice(0, 7)} has no ${WORKSPACE_FILE} for this workspace`,
    );
  }
  try {
    return {
      workspace: Workspace.open(checkout.root),
      revision: { ref, commit: checkout.commit, branch: checkout.branch },
      release: checkout.release,
    };
  } catch (error) {
    checkout.release();
    if (error instanceof WorkspaceError) throw new RunRequestError(`--ref ${ref}: ${error.message}`);
    throw error;
  }
}
