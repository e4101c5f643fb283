// Aborting a merge puts back every file it touched; files edited since the merge began would
// lose those edits. As `git merge --abort` refuses then, the studio asks first and lists them.
import { X } from 'lucide-react';
import { useGit, useStudio } from '../studio/studio-context.js';

export function AbortMergeDialog() {
  const { gitController } = useStudio();
  const decision = useGit((state) => state.abortDecision);
  const busy = useGit((state) => state.busy);
  if (!decision) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" data-testid="abort-merge-dialog">
        <div className="dialog-title">
          <span>Discard edits made during the merge?</span>
          <button type="button" className="icon-button" onClick={() => gitController.cancelAbort()}>
            <X size={16} />
          </button>
        </div>
        <p>
          These files changed after the merge wrote them. Aborting puts them back as they were before the merge, and the
          edits are lost:
        </p>
        <ul className="decision-files" data-testid="abort-merge-files">
          {decision.edited.map((path) => (
            <li key={path} className="mono small">
              {path}
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="abort-merge-cancel"
            onClick={() => gitController.cancelAbort()}
          >
            Keep merging
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="abort-merge-discard"
            disabled={busy}
            onClick={() => void gitController.abortMerge(true)}
          >
            Discard edits and abort
          </button>
        </div>
      </div>
    </div>
  );
}
