// "Environment for this branch": a copy of the test environment (its own data, services and
// network, named after the branch) in one click, with the progress the Envs view shows, and a
// button to tear it down.
import { Container, Loader2, Trash2 } from 'lucide-react';
import type { ExperimentOverview } from '../../../shared/journeys/journey-types.js';
import { useEnvironments, useExperiments, useStudio } from '../studio/studio-context.js';
import { ProvisionPanel } from '../environments/ProvisionPanel.js';

export function BranchEnvironment({ experiment }: { experiment: ExperimentOverview }) {
  const { experimentsController } = useStudio();
  const { branch } = experiment;
  const action = useExperiments((state) => state.branchEnvironments[branch] ?? null);
  // The copy's own name (`test~feature-x`), which its progress events carry, is known once asked for.
  const name = action?.environment ?? null;
  const progress = useEnvironments((state) => (name ? (state.progress[name] ?? null) : null));
  const source = experimentsController.gateEnvironment();
  const busy = action !== null && (action.action === 'down' || progress === null || progress.outcome === null);
  return (
    <div
      className="branch-environment"
      data-testid={`branch-env-${branch}`}
      data-environment={experiment.environment ?? ''}
    >
      <div className="branch-environment-head">
        <Container size={14} />
        {experiment.environment ? (
          <span>
            Runs of this branch use its own copy of{' '}
            <span className="mono" data-testid="branch-env-name">
              {experiment.environment}
            </span>
            : its data, services and network.
          </span>
        ) : (
          <span className="muted">
            No environment of its own: its runs use {source ?? 'the default environment'} as everyone&apos;s do.
          </span>
        )}
        <span className="spacer" />
        {busy ? <Loader2 size={14} className="spin status-running" aria-label="working" /> : null}
        {experiment.environment ? (
          <button
            type="button"
            className="button small danger"
            data-testid={`branch-env-down-${branch}`}
            disabled={busy}
            title="Remove its containers, network and data volumes"
            onClick={() => void experimentsController.teardown(branch)}
          >
            <Trash2 size={13} /> Tear down
          </button>
        ) : (
          <button
            type="button"
            className="button small"
            data-testid={`branch-env-up-${branch}`}
            disabled={busy || source === null}
            title={
              source
                ? `A copy of ${source} for ${branch}: its own data volumes (copied or sampled), services and network`
                : 'Set promotion.path in pipewright.yaml first'
            }
            onClick={() => void experimentsController.provision(branch)}
          >
            <Container size={13} /> Environment for this branch
          </button>
        )}
      </div>
      {name && progress && (action !== null || progress.outcome?.ok === false) ? (
        <ProvisionPanel environment={name} progress={progress} />
      ) : null}
    </div>
  );
}
