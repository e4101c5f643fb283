// The Git view in the sidebar: start versioning a plain folder, or the current experiment,
// a merge in progress, the changes to commit, the experiments and tags, and the history.
import { useEffect } from 'react';
import { useGit, useStudio } from '../studio/studio-context.js';
import { AbortMergeDialog } from './AbortMergeDialog.js';
import { BranchHeader } from './BranchHeader.js';
import { ChangesSection } from './ChangesSection.js';
import { ConflictsSection } from './ConflictsSection.js';
import { DecisionDialog } from './DecisionDialog.js';
import { ExperimentsSection } from './ExperimentsSection.js';
import { HistorySection } from './HistorySection.js';
import { StartVersioning } from './NotVersioned.js';

export function GitPanel() {
  const { gitController } = useStudio();
  const overview = useGit((state) => state.overview);
  useEffect(() => void gitController.refresh(), [gitController]);
  if (!overview) return <p className="muted">Reading the repository…</p>;
  if (!overview.repository) {
    return (
      <div className="git-panel" data-testid="git-panel">
        <p className="muted">
          This workspace is not versioned yet. Git keeps every pipeline's history, lets you try changes on an experiment
          and merge what works.
        </p>
        <StartVersioning testId="git-init" />
      </div>
    );
  }
  return (
    <div className="git-panel" data-testid="git-panel">
      <BranchHeader />
      {overview.status?.merge ? <ConflictsSection /> : null}
      <ChangesSection />
      <ExperimentsSection />
      <HistorySection />
      <DecisionDialog />
      <AbortMergeDialog />
    </div>
  );
}
