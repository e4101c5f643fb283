// The sidebar's list of environments: each one's state at a glance; a click brings its card
// into view.
import { useEnvironments } from '../studio/studio-context.js';
import { environmentState, STATE_LABEL } from './environment-state.js';

export function EnvironmentList() {
  const overview = useEnvironments((state) => state.overview);
  const progress = useEnvironments((state) => state.progress);
  const dockerAvailable = overview?.docker?.available ?? false;
  return (
    <ul className="env-list" data-testid="environment-list">
      {overview?.environments.map((status) => {
        const busy =
          overview.provisioning.includes(status.name) ||
          (progress[status.name] !== undefined && progress[status.name]?.outcome === null);
        const state = environmentState(status, busy, dockerAvailable);
        return (
          <li key={status.name}>
            <button
              type="button"
              className="pipeline-open"
              onClick={() => document.getElementById(`env-${status.name}`)?.scrollIntoView({ behavior: 'smooth' })}
            >
              <span className={`env-dot ${state}`} />
              <span>{status.name}</span>
              <span className="muted small">{STATE_LABEL[state]}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
