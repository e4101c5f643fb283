// The Experiments view (the innovation journey): every experiment branch, judged by the gate
// in the test environment against production, promoted from here. It covers the canvas like
// the Monitor view.
import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useExperiments, useStudio, useWorkspace } from '../studio/studio-context.js';
import { useNow } from '../studio/use-now.js';
import { NotVersioned, useNotVersioned } from '../git/NotVersioned.js';
import { ExperimentCard } from './ExperimentCard.js';

export function ExperimentsPage() {
  const { experimentsController } = useStudio();
  const promotion = useWorkspace((state) => state.info?.promotion ?? null);
  const { experiments, loading, error } = useExperiments(
    useShallow((state) => ({ experiments: state.experiments, loading: state.loading, error: state.error })),
  );
  const now = useNow();
  const notVersioned = useNotVersioned();
  useEffect(() => {
    experimentsController.show();
    return () => experimentsController.hide();
  }, [experimentsController]);
  const production = promotion?.production ?? 'main';
  const gateEnvironment = promotion?.gateEnvironment ?? null;

  return (
    <div className="journey-page" data-testid="experiments-page">
      <div className="journey-head">
        <h2>Experiments</h2>
        <span className="muted">
          judged in <strong>{gateEnvironment ?? 'the default environment'}</strong>, promoted into{' '}
          <strong className="mono">{production}</strong>
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          data-testid="experiments-refresh"
          disabled={loading}
          onClick={() => void experimentsController.refresh()}
        >
          <RefreshCw size={13} className={loading ? 'spin' : ''} /> Refresh
        </button>
      </div>
      {notVersioned ? (
        <NotVersioned
          needs="An experiment is a git branch beside the production branch, judged by the gate and promoted by a merge."
          onVersioned={() => void experimentsController.refresh()}
        />
      ) : error ? (
        <div className="journey-error" role="alert" data-testid="experiments-error">
          The experiments could not be read: {error}
        </div>
      ) : null}
      {experiments === null && !error ? <p className="muted">Loading…</p> : null}
      {experiments?.length === 0 ? (
        <div className="journey-empty" data-testid="experiments-empty">
          <p>
            <strong>No experiments yet.</strong> An experiment is a git branch beside {production}: create one in the
            Git view (<em>Experiment</em>), change the pipeline, commit.
          </p>
          <p className="muted">
            Here each one is then run in {gateEnvironment ?? 'the default environment'} and judged by the gate of
            pipewright.yaml (<span className="mono">promotion.gate</span>): no failed error test, no alert, and its
            metric conditions. Promote merges it into {production} only when it passes.
          </p>
        </div>
      ) : null}
      {experiments?.map((experiment) => (
        <ExperimentCard
          key={experiment.branch}
          experiment={experiment}
          production={production}
          gateEnvironment={gateEnvironment}
          now={now}
        />
      ))}
    </div>
  );
}
