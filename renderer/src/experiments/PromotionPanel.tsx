// A promotion as it goes: its phases (check out, run in test, judge, merge, tag), the gate runs
// it started, and how it ended — the failing conditions, the conflicting files, or the release.
import { AlertCircle, Check, Circle, CircleSlash, Loader2, Tag, X } from 'lucide-react';
import { useStudio } from '../studio/studio-context.js';
import { PHASE_LABEL, PROMOTION_PHASES, promotionPhaseState } from '../stores/promotion-progress.js';
import type { PhaseState, PromotionProgress } from '../stores/promotion-progress.js';

function PhaseIcon({ state }: { state: PhaseState }) {
  if (state === 'done') return <Check size={13} className="status-succeeded" />;
  if (state === 'active') return <Loader2 size={13} className="spin status-running" />;
  if (state === 'failed') return <AlertCircle size={13} className="status-failed" />;
  if (state === 'skipped') return <CircleSlash size={13} className="muted" />;
  return <Circle size={13} className="muted" />;
}

const RESULT_CLASS = {
  promoted: 'ok',
  'dry-run-passed': 'ok',
  'up-to-date': 'ok',
  'gate-failed': 'failed',
  conflict: 'failed',
} as const;

export function PromotionPanel({ progress }: { progress: PromotionProgress }) {
  const { controller, experimentsController } = useStudio();
  const { outcome, error } = progress;
  const over = outcome !== null || error !== null;
  return (
    <div
      className="promotion"
      data-testid="promotion-progress"
      data-result={outcome?.result ?? (error ? 'error' : 'running')}
    >
      <div className="promotion-head">
        <strong>{progress.dryRun ? 'Checking the gate' : 'Promotion'}</strong>
        <ol className="phases">
          {PROMOTION_PHASES.map((phase) => {
            const state = promotionPhaseState(progress, phase);
            return (
              <li key={phase} className={`phase ${state}`} data-testid={`promotion-phase-${phase}`} data-state={state}>
                <PhaseIcon state={state} /> {PHASE_LABEL[phase]}
              </li>
            );
          })}
        </ol>
        <span className="spacer" />
        {over ? (
          <button
            type="button"
            className="icon-button"
            title="Dismiss"
            data-testid="promotion-dismiss"
            onClick={() => experimentsController.dismissPromotion(progress.branch)}
          >
            <X size={14} />
          </button>
        ) : null}
      </div>
      {!over && progress.message ? (
        <div className="muted small" data-testid="promotion-message">
          {progress.message}
        </div>
      ) : null}
      {progress.runs.length > 0 ? (
        <div className="promotion-runs small">
          Gate runs:{' '}
          {progress.runs.map((run) => (
            <button
              key={run.runId}
              type="button"
              className="link mono"
              title="Show this run on the canvas"
              onClick={() => void controller.openRun(run.runId)}
            >
              {run.pipeline} {run.runId}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <div className="promotion-outcome failed" role="alert" data-testid="promotion-outcome">
          <AlertCircle size={14} />
          <span>{error}</span>
        </div>
      ) : null}
      {outcome ? (
        <div className={`promotion-outcome ${RESULT_CLASS[outcome.result]}`} data-testid="promotion-outcome">
          {outcome.release ? (
            <Tag size={14} />
          ) : RESULT_CLASS[outcome.result] === 'ok' ? (
            <Check size={14} />
          ) : (
            <AlertCircle size={14} />
          )}
          <span>
            {outcome.message}
            {outcome.release ? (
              <>
                {' '}
                — <strong data-testid="promotion-release">{outcome.release.name}</strong> at{' '}
                <span className="mono">{outcome.release.commit.slice(0, 7)}</span>
              </>
            ) : null}
            {outcome.conflicts.length > 0 ? (
              <>
                {' '}
                Conflicting files: <span className="mono">{outcome.conflicts.join(', ')}</span>
              </>
            ) : null}
          </span>
        </div>
      ) : null}
    </div>
  );
}
