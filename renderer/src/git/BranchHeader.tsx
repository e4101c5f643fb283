// The current experiment (branch), with New experiment and Merge.
import { GitBranch, GitMerge, Plus } from 'lucide-react';
import { useState } from 'react';
import { useGit } from '../studio/studio-context.js';
import { MergeDialog } from './MergeDialog.js';
import { NewExperimentDialog } from './NewExperimentDialog.js';

export function BranchHeader() {
  const status = useGit((state) => state.overview?.status);
  const [dialog, setDialog] = useState<'new' | 'merge' | null>(null);
  const merging = status?.merge !== null && status?.merge !== undefined;
  return (
    <div className="branch-header">
      <div className="branch-current" data-testid="git-current-branch" title="the experiment (git branch) you are on">
        <GitBranch size={14} />
        {status?.branch ?? <span className="muted">detached at {status?.head?.slice(0, 7) ?? 'no commit'}</span>}
      </div>
      <div className="branch-actions">
        <button
          type="button"
          className="button small"
          data-testid="git-new-experiment"
          disabled={merging}
          onClick={() => setDialog('new')}
        >
          <Plus size={13} /> Experiment
        </button>
        <button
          type="button"
          className="button small"
          data-testid="git-merge"
          disabled={merging || !status?.branch}
          onClick={() => setDialog('merge')}
        >
          <GitMerge size={13} /> Merge
        </button>
      </div>
      {dialog === 'new' ? <NewExperimentDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'merge' ? <MergeDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
