// The Production tab's sidebar: the schedules with when each runs next, and how many releases
// there are; a click brings a schedule's card into view.
import { CirclePause, Clock } from 'lucide-react';
import { useProduction, useWorkspace } from '../studio/studio-context.js';
import { untilText } from './schedule-time.js';
import { useNow } from '../studio/use-now.js';

function scrollToCard(id: string): void {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export function ProductionSidebar() {
  const schedules = useProduction((state) => state.schedules);
  const releases = useProduction((state) => state.releases);
  const production = useWorkspace((state) => state.info?.promotion.production ?? 'main');
  const now = useNow();
  return (
    <div className="journey-sidebar" data-testid="production-sidebar">
      <div className="section-title">
        <span>Schedules</span>
        <span className="count">{schedules?.length ?? 0}</span>
      </div>
      <ul>
        {schedules?.map((schedule) => (
          <li key={schedule.name}>
            <button
              type="button"
              className="pipeline-open journey-sidebar-item"
              data-testid={`production-item-${schedule.name}`}
              onClick={() => scrollToCard(`schedule-${schedule.name}`)}
            >
              {schedule.paused ? (
                <CirclePause size={14} className="muted" aria-label="paused" />
              ) : (
                <Clock size={14} className="status-running" aria-label="scheduled" />
              )}
              <span className="ellipsis">{schedule.name}</span>
              <span className="muted small">
                {schedule.paused ? 'paused' : schedule.next === null ? '—' : untilText(schedule.next, now)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="section-title">
        <span>Releases</span>
        <span className="count">{releases?.length ?? 0}</span>
      </div>
      {releases && releases.length > 0 ? (
        <button type="button" className="link" onClick={() => scrollToCard('production-releases')}>
          Show the releases
        </button>
      ) : null}
      <p className="muted small">
        The value journey: production data flows through the pipelines as released on {production}, on a schedule,
        watched by statistical process control.
      </p>
    </div>
  );
}
