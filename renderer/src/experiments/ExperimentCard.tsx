// One experiment branch: its last runs in the test environment, its gate checklist, its key
// metrics beside production's, Check gate and Promote with live progress, and its environment.
import { GitBranch, Rocket, ShieldCheck } from 'lucide-react';
import type { ExperimentOverview } from '../../../shared/journeys/journey-types.js';
import { relativeTime } from '../stores/alert-list.js';
import { StatusIcon, STATUS_LOOK } from '../runs/status-look.js';
import { useExperiments, useStudio } from '../studio/studio-context.js';
import { BranchEnvironment } from './BranchEnvironment.js';
import { GateChecklist, GateVerdict } from './GateChecklist.js';
import { MetricsBeside } from './MetricsBeside.js';
import { PromotionPanel } from './PromotionPanel.js';

interface Props {
  experiment: ExperimentOverview;
  production: string;
  gateEnvironment: string | null;
  now: number;
}

export function ExperimentCard({ experiment, production, gateEnvironment, now }: Props) {
  const { controller, experimentsController } = useStudio();
  const { branch, gate } = experiment;
  const progress = useExperiments((state) => state.promotions[branch] ?? null);
  const promoting = progress !== null && progress.outcome === null && progress.error === null;
  const where = gateEnvironment ?? 'the default environment';
  return (
    <section className="journey-card experiment-card" id={`experiment-${branch}`} data-testid={`experiment-${branch}`}>
      <div className="journey-card-head">
        <GitBranch size={15} />
        <h3 className="journey-card-title">{branch}</h3>
        <span className="muted mono small">{experiment.commit?.slice(0, 7) ?? 'no commit'}</span>
        <GateVerdict report={gate} />
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          data-testid={`experiment-check-${branch}`}
          disabled={promoting}
          title={`Run the branch's pipelines at its tip in ${where} and judge the gate; nothing is merged`}
          onClick={() => void experimentsController.promote(branch, true)}
        >
          <ShieldCheck size={13} /> Check gate
        </button>
        <button
          type="button"
          className="button small primary"
          data-testid={`experiment-promote-${branch}`}
          disabled={promoting}
          title={`Run the gate in ${where}; if it passes, merge ${branch} into ${production} and tag a release`}
          onClick={() => void experimentsController.promote(branch, false)}
        >
          <Rocket size={13} /> Promote
        </button>
      </div>

      <div className="experiment-runs" data-testid="experiment-runs">
        {experiment.lastRuns.length === 0 ? (
          <span className="muted">No run of this branch in {where} yet. Check gate runs its pipelines there.</span>
        ) : (
          experiment.lastRuns.map((run) => (
            <button
              key={run.id}
              type="button"
              className="experiment-run"
              data-testid="experiment-run"
              data-status={run.status}
              title="Show this run on the canvas"
              onClick={() => void controller.openRun(run.id)}
            >
              <StatusIcon status={run.status} size={13} />
              <span className="mono">{run.pipeline}</span>
              <span className="muted">
                {STATUS_LOOK[run.status].label} · {run.environment ?? 'no environment'} ·{' '}
                {relativeTime(run.createdAt, now)}
              </span>
            </button>
          ))
        )}
      </div>

      {gate ? <GateChecklist report={gate} /> : null}
      <MetricsBeside metrics={experiment.metrics} production={production} />
      {progress ? <PromotionPanel progress={progress} /> : null}
      <BranchEnvironment experiment={experiment} />
    </section>
  );
}
