// One scheduled pipeline: when it runs next (in words and in the schedule's zone), the release
// it runs, its last runs as a pass/warn/fail strip, its SPC state and open alerts in its
// environment, the way to its Monitor, and Pause/Resume.
import { Activity, BellRing, Clock, Pause, Play, Tag } from 'lucide-react';
import type { OccurrenceOutcome, ScheduleOverview } from '../../../shared/journeys/journey-types.js';
import { useProduction, useStudio } from '../studio/studio-context.js';
import { relativeTime } from '../stores/alert-list.js';
import { runTrend } from '../monitoring/run-trend.js';
import { SeriesBadge } from '../monitoring/SeriesBadge.js';
import { StatusIcon, STATUS_LOOK } from '../runs/status-look.js';
import { healthKey } from '../stores/production-store.js';
import { untilText, zonedText } from './schedule-time.js';

const OUTCOME_TEXT: Record<Exclude<OccurrenceOutcome, 'started'>, string> = {
  'skipped-overlap': 'skipped: the previous run was still going',
  'skipped-paused': 'skipped: paused',
  missed: 'missed while no scheduler ran',
  'failed-to-start': 'could not start',
};

function NextRun({ schedule, now }: { schedule: ScheduleOverview; now: number }) {
  if (schedule.paused)
    return (
      <>
        <strong className="schedule-big" data-testid="schedule-next">
          paused
        </strong>
        <span className="muted small">resume to run again</span>
      </>
    );
  if (schedule.next === null)
    return (
      <strong className="schedule-big" data-testid="schedule-next">
        no time left
      </strong>
    );
  return (
    <>
      <strong className="schedule-big" data-testid="schedule-next" title={new Date(schedule.next).toLocaleString()}>
        {untilText(schedule.next, now)}
      </strong>
      <span className="small" data-testid="schedule-next-at">
        {zonedText(schedule.next, schedule.timezone)}
      </span>
    </>
  );
}

function Release({ schedule }: { schedule: ScheduleOverview }) {
  const commit = schedule.commit?.slice(0, 7) ?? null;
  if (schedule.release) {
    return (
      <>
        <strong className="schedule-big release-name" data-testid="schedule-release">
          <Tag size={13} /> {schedule.release}
        </strong>
        <span className="small">
          <span className="mono">{schedule.ref}</span> at <span className="mono">{commit}</span>
        </span>
      </>
    );
  }
  return (
    <>
      <strong className="schedule-big" data-testid="schedule-release">
        <span className="mono">{schedule.ref}</span>
      </strong>
      <span className="small muted">
        {commit ? (
          <>
            at <span className="mono">{commit}</span>, not a release
          </>
        ) : (
          `${schedule.ref} names no commit`
        )}
      </span>
    </>
  );
}

function LastRun({ schedule, now }: { schedule: ScheduleOverview; now: number }) {
  const { last } = schedule;
  if (!last)
    return (
      <>
        <strong className="schedule-big muted" data-testid="schedule-last">
          never ran
        </strong>
        <span className="small muted">the first run comes at the next time</span>
      </>
    );
  const when = relativeTime(last.occurrence, now);
  if (last.outcome !== 'started')
    return (
      <>
        <strong className="schedule-big" data-testid="schedule-last">
          {when}
        </strong>
        <span className="small">{OUTCOME_TEXT[last.outcome]}</span>
      </>
    );
  return (
    <>
      <strong className="schedule-big" data-testid="schedule-last">
        {when}
      </strong>
      <span className="small">
        {last.status ? (
          <>
            <StatusIcon status={last.status} size={12} /> {STATUS_LOOK[last.status].label}
          </>
        ) : (
          'started'
        )}
      </span>
    </>
  );
}

function Health({ schedule }: { schedule: ScheduleOverview }) {
  const health = useProduction((state) => state.health[healthKey(schedule.pipeline, schedule.environment)] ?? null);
  if (!health)
    return (
      <>
        <strong className="schedule-big muted">—</strong>
        <span className="small muted">not known yet</span>
      </>
    );
  return (
    <>
      <span data-testid="schedule-spc" data-state={health.state}>
        {health.state === 'no-metrics' ? (
          <strong className="schedule-big muted">no metrics yet</strong>
        ) : (
          <SeriesBadge
            state={health.state}
            detail={health.outOfControl > 1 ? `· ${health.outOfControl} series` : undefined}
          />
        )}
      </span>
      <span
        className={`small${health.openAlerts > 0 ? ' status-failed' : ' muted'}`}
        data-testid="schedule-alerts"
        data-count={health.openAlerts}
      >
        {health.openAlerts > 0 ? <BellRing size={12} /> : null}{' '}
        {health.openAlerts === 0
          ? 'no open alerts'
          : `${health.openAlerts} open alert${health.openAlerts === 1 ? '' : 's'}`}
      </span>
    </>
  );
}

export function ScheduleCard({
  schedule,
  now,
  onOpenMonitor,
}: {
  schedule: ScheduleOverview;
  now: number;
  onOpenMonitor(schedule: ScheduleOverview): void;
}) {
  const { productionController } = useStudio();
  const toggling = useProduction((state) => state.toggling.includes(schedule.name));
  const trend = runTrend(schedule.recentRuns, 20);
  return (
    <section
      className={`journey-card schedule-card${schedule.paused ? ' paused' : ''}`}
      id={`schedule-${schedule.name}`}
      data-testid={`schedule-${schedule.name}`}
      data-paused={String(schedule.paused)}
    >
      <div className="journey-card-head">
        <Clock size={15} />
        <h3 className="journey-card-title">{schedule.name}</h3>
        <span className="mono">{schedule.pipeline}</span>
        <span className="env-chip">{schedule.environment ?? 'no environment'}</span>
        <span
          className="muted mono small"
          title={`cron, read in ${schedule.timezone}; overlap: ${schedule.overlap}; catch-up: ${schedule.catchUp}`}
        >
          {schedule.cron} · {schedule.timezone}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          data-testid={`schedule-monitor-${schedule.name}`}
          title="Open the Monitor of this pipeline in this environment"
          onClick={() => onOpenMonitor(schedule)}
        >
          <Activity size={13} /> Monitor
        </button>
        <button
          type="button"
          className="button small"
          data-testid={`schedule-pause-${schedule.name}`}
          disabled={toggling}
          onClick={() => void productionController.setPaused(schedule.name, !schedule.paused)}
        >
          {schedule.paused ? (
            <>
              <Play size={13} /> Resume
            </>
          ) : (
            <>
              <Pause size={13} /> Pause
            </>
          )}
        </button>
      </div>
      <div className="schedule-facts">
        <div className="schedule-fact">
          <span className="fact-label">Next run</span>
          <NextRun schedule={schedule} now={now} />
        </div>
        <div className="schedule-fact">
          <span className="fact-label">Runs</span>
          <Release schedule={schedule} />
        </div>
        <div className="schedule-fact">
          <span className="fact-label">Last run</span>
          <LastRun schedule={schedule} now={now} />
        </div>
        <div className="schedule-fact">
          <span className="fact-label">Health</span>
          <Health schedule={schedule} />
        </div>
      </div>
      {trend.bars.length === 0 ? (
        <p className="muted small schedule-no-runs">No scheduled runs yet.</p>
      ) : (
        <div
          className="trend-strip schedule-strip"
          data-testid="schedule-strip"
          role="img"
          aria-label={`${trend.counts.pass} passed, ${trend.counts.warn} warned, ${trend.counts.fail} failed`}
        >
          {trend.bars.map((bar) => (
            <span
              key={bar.runId}
              className={`trend-bar ${bar.verdict}`}
              data-testid="schedule-run"
              data-verdict={bar.verdict}
              title={`${new Date(bar.createdAt).toLocaleString()} · ${STATUS_LOOK[bar.status].label} · ${bar.runId}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
