// The Experiments tab's sidebar: the experiment branches and where each stands with the gate;
// a click brings its card into view.
import { CircleCheck, CircleDashed, CircleX } from 'lucide-react';
import { useExperiments, useWorkspace } from '../studio/studio-context.js';

function scrollToCard(branch: string): void {
  document.getElementById(`experiment-${branch}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export function ExperimentsSidebar() {
  const experiments = useExperiments((state) => state.experiments);
  const production = useWorkspace((state) => state.info?.promotion.production ?? 'main');
  return (
    <div className="journey-sidebar" data-testid="experiments-sidebar">
      <div className="section-title">
        <span>Experiments</span>
        <span className="count">{experiments?.length ?? 0}</span>
      </div>
      <ul>
        {experiments?.map(({ branch, gate }) => (
          <li key={branch}>
            <button
              type="button"
              className="pipeline-open"
              data-testid={`experiments-item-${branch}`}
              onClick={() => scrollToCard(branch)}
            >
              {gate === null ? (
                <CircleDashed size={14} className="muted" aria-label="not judged" />
              ) : gate.passed ? (
                <CircleCheck size={14} className="status-succeeded" aria-label="gate passed" />
              ) : (
                <CircleX size={14} className="status-failed" aria-label="gate failed" />
              )}
              <span className="ellipsis">{branch}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small">
        The innovation journey: ideas grow on branches, are proven in the test environment, and join {production} only
        through the gate.
      </p>
    </div>
  );
}
