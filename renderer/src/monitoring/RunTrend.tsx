// The recent runs in this environment as a strip, oldest to newest, each run coloured by how it
// went, with the counts beside it.
import { useMemo } from 'react';
import type { RunListItem } from '../../../shared/run/run-types.js';
import { STATUS_LOOK } from '../runs/status-look.js';
import { runTrend } from './run-trend.js';
import type { RunVerdict } from './run-trend.js';

const COUNT_LABEL: Array<[RunVerdict, string]> = [
  ['pass', 'passed'],
  ['warn', 'warned'],
  ['fail', 'failed'],
  ['other', 'other'],
];

export function RunTrend({ runs }: { runs: RunListItem[] }) {
  const trend = useMemo(() => runTrend(runs), [runs]);
  return (
    <section className="monitor-card monitor-trend" data-testid="run-trend">
      <div className="monitor-card-head">
        <h3>Recent runs</h3>
        <span className="muted">{trend.bars.length === 0 ? 'none yet' : `last ${trend.bars.length}`}</span>
        <span className="spacer" />
        {COUNT_LABEL.filter(([verdict]) => verdict !== 'other' || trend.counts.other > 0).map(([verdict, label]) => (
          <span key={verdict} className={`trend-count ${verdict}`} data-testid={`trend-count-${verdict}`}>
            <span className={`trend-swatch ${verdict}`} />
            {trend.counts[verdict]} {label}
          </span>
        ))}
      </div>
      {trend.bars.length === 0 ? (
        <p className="muted">No runs of this pipeline in this environment yet.</p>
      ) : (
        <div
          className="trend-strip"
          role="img"
          aria-label={`${trend.counts.pass} passed, ${trend.counts.warn} warned, ${trend.counts.fail} failed`}
        >
          {trend.bars.map((bar) => (
            <span
              key={bar.runId}
              className={`trend-bar ${bar.verdict}`}
              data-testid="trend-bar"
              data-verdict={bar.verdict}
              title={`${new Date(bar.createdAt).toLocaleString()} · ${STATUS_LOOK[bar.status].label} · ${bar.runId}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
