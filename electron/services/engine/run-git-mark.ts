// The branch and commit a run starts on, so the experiment list can show each branch's last
// run and a run can be traced to the pipeline version it ran. A resumed run keeps its own.
import type { RunSummary } from '../../../shared/run/run-types.js';
import { findRepository, readHead } from '../git/repository-location.js';

export function gitMark(
  root: string,
  resumeOf: RunSummary | null,
): { gitBranch: string | null; gitCommit: string | null } {
  if (resumeOf) return { gitBranch: resumeOf.gitBranch, gitCommit: resumeOf.gitCommit };
  const repository = findRepository(root);
  if (!repository) return { gitBranch: null, gitCommit: null };
  const { branch, commit } = readHead(repository.gitdir);
  return { gitBranch: branch, gitCommit: commit };
}
