// The Environments view: every environment of pipewright.yaml, whether Docker is reachable,
// and one card per environment with its resources, progress and actions.
import { RefreshCw } from 'lucide-react';
import { useEnvironments, useStudio } from '../studio/studio-context.js';
import { EnvironmentCard } from './EnvironmentCard.js';

export function EnvironmentsPage() {
  const { environmentController } = useStudio();
  const overview = useEnvironments((state) => state.overview);
  const refreshing = useEnvironments((state) => state.refreshing);
  return (
    <div className="env-page" data-testid="environments-page">
      <div className="env-page-head">
        <h2>Environments</h2>
        {overview?.docker ? (
          <span className={`env-chip ${overview.docker.available ? '' : 'failed'}`} data-testid="docker-state">
            Docker {overview.docker.available ? 'connected' : 'unavailable'}
          </span>
        ) : null}
        <button
          type="button"
          className="button small"
          data-testid="env-refresh"
          disabled={refreshing}
          onClick={() => void environmentController.refresh()}
        >
          <RefreshCw size={13} className={refreshing ? 'spin' : ''} /> Refresh
        </button>
      </div>
      {overview === null ? <p className="muted">Asking Docker…</p> : null}
      {overview?.environments.length === 0 ? (
        <p className="muted">
          No environments yet: steps run locally. Define some under <span className="mono">environments:</span> in
          pipewright.yaml — for example a docker runner with an image, a data sample and a database service.
        </p>
      ) : null}
      {overview?.environments.map((status) => (
        <EnvironmentCard key={status.name} status={status} />
      ))}
    </div>
  );
}
