// What the Production and Experiments views show in a workspace git does not track yet: both
// are built on branches and releases, so instead of an error they say what is missing and start
// versioning the workspace here, as the Git view would.
import { GitBranch } from 'lucide-react';
import { useEffect } from 'react';
import { useGit, useStudio } from '../studio/studio-context.js';

/** True once the Git overview says this workspace has no repository (null while it is read). */
export function useNotVersioned(): boolean | null {
  const { gitController } = useStudio();
  const overview = useGit((state) => state.overview);
  useEffect(() => {
    if (!overview) void gitController.refresh();
  }, [gitController, overview]);
  return overview ? !overview.repository : null;
}

/** The button that makes the workspace a repository, with what it will do. */
export function StartVersioning({ testId, onVersioned }: { testId: string; onVersioned?(): void }) {
  const { gitController } = useStudio();
  const busy = useGit((state) => state.busy);
  return (
    <>
      <button
        type="button"
        className="button primary"
        data-testid={testId}
        disabled={busy}
        onClick={() => void gitController.init().then(() => onVersioned?.())}
      >
        <GitBranch size={14} /> Start versioning
      </button>
      <p className="muted small">
        Creates a git repository here with a .gitignore for Pipewright's state and the pipelines' outputs, and a first
        commit.
      </p>
    </>
  );
}

export function NotVersioned({ needs, onVersioned }: { needs: string; onVersioned(): void }) {
  return (
    <div className="journey-empty" data-testid="not-versioned">
      <p>
        <strong>This workspace is not versioned yet.</strong> {needs}
      </p>
      <StartVersioning testId="not-versioned-init" onVersioned={onVersioned} />
    </div>
  );
}
