// The Production view (the value journey): each scheduled pipeline as released on the
// production branch — next run, last runs, release, health — and the releases. It covers the
// canvas like the Monitor view.
import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import { useProduction, useStudio, useWorkspace } from '../studio/studio-context.js';
import { NotVersioned, useNotVersioned } from '../git/NotVersioned.js';
import { ReleaseList } from './ReleaseList.js';
import { ScheduleCard } from './ScheduleCard.js';
import { useNow } from '../studio/use-now.js';

export function ProductionPage({ onOpenMonitor }: { onOpenMonitor(): void }) {
  const { productionController } = useStudio();
  const production = useWorkspace((state) => state.info?.promotion.production ?? 'main');
  const { schedules, releases, loading, error } = useProduction(
    useShallow((state) => ({
      schedules: state.schedules,
      releases: state.releases,
      loading: state.loading,
      error: state.error,
    })),
  );
  const now = useNow();
  const notVersioned = useNotVersioned();
  useEffect(() => {
    productionController.show();
    return () => productionController.hide();
  }, [productionController]);
  const openMonitor = async (schedule: ScheduleOverview) => {
    if (await productionController.openMonitor(schedule)) onOpenMonitor();
  };

  return (
    <div className="journey-page" data-testid="production-page">
      <div className="journey-head">
        <h2>Production</h2>
        <span className="muted">
          runs <strong className="mono">{production}</strong> as released, on a schedule
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          data-testid="production-refresh"
          disabled={loading}
          onClick={() => void productionController.refresh()}
        >
          <RefreshCw size={13} className={loading ? 'spin' : ''} /> Refresh
        </button>
      </div>
      {notVersioned ? (
        <NotVersioned
          needs="Production runs pipelines as released from git: a release is a tagged merge into the production branch."
          onVersioned={() => void productionController.refresh()}
        />
      ) : error ? (
        <div className="journey-error" role="alert" data-testid="production-error">
          Production could not be read: {error}
        </div>
      ) : null}
      {schedules === null && !error ? <p className="muted">Loading…</p> : null}
      {schedules?.length === 0 ? (
        <div className="journey-empty" data-testid="schedules-empty">
          <p>
            <strong>Nothing runs on a schedule yet.</strong> Add a schedule to pipewright.yaml and it shows here with
            its next run:
          </p>
          <pre className="mono">
            {
              'schedules:\n  nightly-sales: { pipeline: sales, environment: prod, cron: "0 6 * * *", timezone: Europe/Berlin }'
            }
          </pre>
          <p className="muted">
            The scheduler runs inside the studio and <span className="mono">pipewright serve</span>, or headless as{' '}
            <span className="mono">pipewright schedule run</span>.
          </p>
        </div>
      ) : null}
      {schedules?.map((schedule) => (
        <ScheduleCard
          key={schedule.name}
          schedule={schedule}
          now={now}
          onOpenMonitor={(chosen) => void openMonitor(chosen)}
        />
      ))}
      {releases ? <ReleaseList releases={releases} production={production} /> : null}
    </div>
  );
}
