// Progress of bringing an environment up: the phases, image layers pulled or the build's
// instructions and output, data copied into volumes, services and their health, the outcome.
import { AlertCircle, Check, Circle, Loader2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { buildFraction, PHASES, phaseState, pullFraction } from '../stores/provision-progress.js';
import type { ProvisionProgress } from '../stores/provision-progress.js';
import { HealthBadge } from './HealthBadge.js';
import { formatSize } from '../../../shared/pipeline/sizes.js';

const PHASE_LABEL = { image: 'Image', network: 'Network', data: 'Data', services: 'Services' } as const;
/** Layers listed one by one: beyond this the overall bar says enough. */
const LAYERS_LISTED = 8;

function Bar({ fraction, testId }: { fraction: number | null; testId?: string }) {
  return (
    <div
      className="progress-bar wide"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      data-testid={testId}
    >
      <div
        className={`progress-fill${fraction === null ? ' indeterminate' : ''}`}
        style={{ width: `${Math.round((fraction ?? 0.3) * 100)}%` }}
      />
    </div>
  );
}

function PhaseIcon({ state }: { state: ReturnType<typeof phaseState> }) {
  if (state === 'done') return <Check size={13} className="status-succeeded" />;
  if (state === 'active') return <Loader2 size={13} className="spin status-running" />;
  if (state === 'failed') return <AlertCircle size={13} className="status-failed" />;
  return <Circle size={13} className="muted" />;
}

function BuildOutput({ lines }: { lines: string[] }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <pre ref={box} className="build-output mono" data-testid="build-output">
      {lines.join('\n')}
    </pre>
  );
}

export function ProvisionPanel({ environment, progress }: { environment: string; progress: ProvisionProgress }) {
  const layers = Object.entries(progress.layers);
  const pulled = pullFraction(progress);
  const built = buildFraction(progress);
  return (
    <div className="provision" data-testid={`provision-${environment}`}>
      {progress.action === 'up' ? (
        <ol className="phases">
          {PHASES.map((phase) => (
            <li
              key={phase}
              className={`phase ${phaseState(progress, phase)}`}
              data-testid={`phase-${phase}`}
              data-state={phaseState(progress, phase)}
            >
              <PhaseIcon state={phaseState(progress, phase)} /> {PHASE_LABEL[phase]}
            </li>
          ))}
        </ol>
      ) : null}
      {progress.message && !progress.outcome ? <div className="muted provision-message">{progress.message}</div> : null}

      {layers.length > 0 ? (
        <div className="provision-block">
          <div className="provision-row">
            <span>Pulling layers</span>
            <Bar fraction={pulled} testId="pull-progress" />
          </div>
          {layers.slice(0, LAYERS_LISTED).map(([id, layer]) => (
            <div key={id} className="provision-row small">
              <span className="mono">{id}</span>
              <span className="muted">
                {layer.status}
                {layer.total ? ` ${formatSize(layer.current ?? 0)} / ${formatSize(layer.total)}` : ''}
              </span>
            </div>
          ))}
          {layers.length > LAYERS_LISTED ? (
            <div className="muted small">and {layers.length - LAYERS_LISTED} more layers</div>
          ) : null}
        </div>
      ) : null}

      {progress.buildLines.length > 0 ? (
        <div className="provision-block">
          <div className="provision-row">
            <span className="mono ellipsis" data-testid="build-step">
              {progress.buildStep ?? 'Building'}
            </span>
            <Bar fraction={built} testId="build-progress" />
          </div>
          <BuildOutput lines={progress.buildLines} />
        </div>
      ) : null}

      {Object.entries(progress.data).map(([source, data]) => (
        <div key={source} className="provision-block">
          <div className="provision-row">
            <span>
              Data <span className="mono">{source}</span>
            </span>
            <Bar
              fraction={data.totalFiles > 0 ? data.files / data.totalFiles : data.done ? 1 : null}
              testId={`data-progress-${source}`}
            />
          </div>
          <div className="muted small" data-testid={`data-detail-${source}`}>
            {data.files} of {data.totalFiles} file(s){data.bytes > 0 ? `, ${formatSize(data.bytes)}` : ''}
            {data.done ? ' — done' : ''}
          </div>
        </div>
      ))}

      {Object.entries(progress.services).map(([service, state]) => (
        <div key={service} className="provision-row">
          <span>
            Service <span className="mono">{service}</span>
          </span>
          <HealthBadge state={state.state} health={state.health} />
        </div>
      ))}

      {progress.outcome ? (
        <div
          className={`provision-outcome ${progress.outcome.ok ? 'ok' : 'failed'}`}
          data-testid={`provision-outcome-${environment}`}
        >
          {progress.outcome.ok ? <Check size={14} /> : <AlertCircle size={14} />}
          <span>
            {progress.outcome.ok
              ? progress.action === 'up'
                ? `${environment} is ready`
                : `${environment} is torn down${progress.outcome.message ? `: ${progress.outcome.message}` : ''}`
              : (progress.outcome.message ?? 'failed')}
          </span>
        </div>
      ) : null}
    </div>
  );
}
