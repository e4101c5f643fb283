// One environment in the Environments view: what it is, what of it exists, its services with
// their health and logs, and the Provision / Cancel / Teardown actions with live progress; the
// actions offered follow the state (a ready environment is not offered Provision).
import { Play, RotateCw, ScrollText, Square, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { EnvironmentStatus } from '../../../shared/run/environment-types.js';
import { useEnvironments, useStudio } from '../studio/studio-context.js';
import { environmentState, STATE_LABEL } from './environment-state.js';
import { HealthBadge } from './HealthBadge.js';
import { ProvisionPanel } from './ProvisionPanel.js';

function Present({ present }: { present: boolean }) {
  return <span className={present ? 'status-succeeded' : 'muted'}>{present ? 'present' : 'missing'}</span>;
}

function ServiceLog({ environment, service }: { environment: string; service: string }) {
  const text = useEnvironments((state) => state.serviceLogs[`${environment}/${service}`]);
  if (text === undefined) return <div className="muted small">Loading…</div>;
  return (
    <pre className="build-output mono" data-testid={`service-log-${service}`}>
      {text || '(no output yet)'}
    </pre>
  );
}

export function EnvironmentCard({ status }: { status: EnvironmentStatus }) {
  const { environmentController } = useStudio();
  const overview = useEnvironments((state) => state.overview);
  const progress = useEnvironments((state) => state.progress[status.name]);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const dockerAvailable = overview?.docker?.available ?? false;
  const busy =
    (overview?.provisioning.includes(status.name) ?? false) || (progress !== undefined && progress.outcome === null);
  const state = environmentState(status, busy, dockerAvailable);
  const docker = status.runner === 'docker';

  const toggleLog = (service: string) => {
    if (openLog === service) return setOpenLog(null);
    setOpenLog(service);
    void environmentController.loadServiceLog(status.name, service);
  };

  return (
    <section className="env-card" data-testid={`env-card-${status.name}`} id={`env-${status.name}`}>
      <header className="env-card-head">
        <div className="env-card-title">
          <span className="env-name">{status.name}</span>
          <span className="env-chip">{status.runner}</span>
          <span className={`env-state ${state}`} data-testid={`env-state-${status.name}`}>
            {STATE_LABEL[state]}
          </span>
        </div>
        {docker ? (
          <div className="env-actions">
            {busy && progress?.action !== 'down' ? (
              <button
                type="button"
                className="button small"
                data-testid={`env-cancel-${status.name}`}
                onClick={() => void environmentController.cancel(status.name)}
              >
                <Square size={13} /> Cancel
              </button>
            ) : state === 'ready' ? (
              // Ready: provisioning is done, so the main action is not offered again; doing it
              // over (a changed Dockerfile, a service to restart) stays one quieter click away.
              <button
                type="button"
                className="button small"
                data-testid={`env-rebuild-${status.name}`}
                disabled={busy}
                title="Provision again: pull or build the image, and create or start whatever is missing"
                onClick={() => void environmentController.provision(status.name)}
              >
                <RotateCw size={13} /> Rebuild
              </button>
            ) : (
              <button
                type="button"
                className="button small primary"
                data-testid={`env-provision-${status.name}`}
                disabled={!dockerAvailable || busy}
                title="Pull or build the image, create the network and data volumes, start the services"
                onClick={() => void environmentController.provision(status.name)}
              >
                <Play size={13} /> {state === 'partial' ? 'Finish provisioning' : 'Provision'}
              </button>
            )}
            <button
              type="button"
              className="button small danger"
              data-testid={`env-teardown-${status.name}`}
              disabled={!dockerAvailable || busy || state === 'absent'}
              title="Remove the containers, network and volumes Pipewright created for this environment"
              onClick={() => void environmentController.teardown(status.name)}
            >
              <Trash2 size={13} /> Teardown
            </button>
          </div>
        ) : null}
      </header>
      {status.description ? <p className="muted env-description">{status.description}</p> : null}
      {!docker ? (
        <p className="muted small">Steps run as processes on this machine; nothing to provision.</p>
      ) : (
        <table className="env-resources">
          <tbody>
            <tr data-testid={`env-host-${status.name}`}>
              <th>Host</th>
              <td className="mono ellipsis" title={status.dockerHost ?? undefined}>
                {status.dockerHost ?? 'this machine'}
              </td>
              <td>
                <span className="muted">{status.dockerHost ? 'inputs and outputs copied' : 'local engine'}</span>
              </td>
            </tr>
            <tr>
              <th>Image</th>
              <td className="mono ellipsis" title={status.image?.id ?? undefined}>
                {status.image?.ref}
              </td>
              <td>{dockerAvailable ? <Present present={status.image?.present ?? false} /> : null}</td>
            </tr>
            {status.network ? (
              <tr>
                <th>Network</th>
                <td className="mono ellipsis">{status.network.name}</td>
                <td>
                  <Present present={status.network.present} />
                </td>
              </tr>
            ) : null}
            {status.volumes.map((volume) => (
              <tr key={volume.name}>
                <th>Data</th>
                <td>
                  <span className="mono">{volume.source}</span> <span className="muted">({volume.mode})</span>
                </td>
                <td>
                  {volume.mode === 'mount' ? (
                    <span className="muted">read-only mount</span>
                  ) : (
                    <Present present={volume.present} />
                  )}
                </td>
              </tr>
            ))}
            {status.services.map((service) => (
              <tr key={service.name} data-testid={`env-service-${service.name}`}>
                <th>Service</th>
                <td>
                  <span className="mono">{service.name}</span> <span className="muted">{service.image}</span>
                </td>
                <td className="service-cell">
                  <HealthBadge state={service.state} health={service.health} />
                  <button
                    type="button"
                    className="icon-button"
                    title="Show the service's log"
                    data-testid={`env-service-log-${service.name}`}
                    disabled={service.state === 'missing' || !dockerAvailable}
                    onClick={() => toggleLog(service.name)}
                  >
                    <ScrollText size={13} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openLog ? <ServiceLog environment={status.name} service={openLog} /> : null}
      {progress ? <ProvisionPanel environment={status.name} progress={progress} /> : null}
    </section>
  );
}
