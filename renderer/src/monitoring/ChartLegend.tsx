// What every mark of the control chart means, drawn with the same classes as the chart itself
// so the legend cannot drift from what is on screen. Marks the chart does not show are left out.
import type { ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import { flaggedCount } from './chart-series.js';

import type { ReactNode } from 'react';

interface Mark {
  id: string;
  label: string;
  swatch: ReactNode;
}

const point = (className: string) => (
  <circle cx={8} cy={6} r={className.includes('flagged') ? 5 : 3} className={`chart-point ${className}`} />
);
const line = (kind: string) => (
  <g className={`chart-line ${kind}`}>
    <line x1={0} y1={6} x2={16} y2={6} />
  </g>
);

export function legendMarks(chart: ControlChart): Mark[] {
  const marks: Mark[] = [{ id: 'point', label: 'a run', swatch: point('') }];
  if (chart.limitRuns.length > 0) marks.push({ id: 'baseline', label: 'set the limits', swatch: point('baseline') });
  if (chart.droppedRuns.length > 0)
    marks.push({ id: 'dropped', label: 'left out of the limits (out of control)', swatch: point('dropped') });
  if (flaggedCount(chart) > 0) marks.push({ id: 'flagged', label: 'out of control', swatch: point('flagged') });
  if (chart.limits) {
    marks.push({ id: 'center', label: 'CL: centre line', swatch: line('center') });
    if (chart.limits.sigma > 0) {
      marks.push({ id: 'limit', label: 'UCL / LCL: control limits (±3σ)', swatch: line('limit') });
      marks.push({ id: 'zone', label: '±1σ, ±2σ zones', swatch: line('zone') });
    }
  }
  return marks;
}

export function ChartLegend({ chart }: { chart: ControlChart }) {
  return (
    <ul className="chart-legend monitor-chart" data-testid="chart-legend" aria-label="Chart legend">
      {legendMarks(chart).map((mark) => (
        <li key={mark.id} data-testid={`legend-${mark.id}`}>
          <svg width={16} height={12} aria-hidden="true">
            {mark.swatch}
          </svg>
          {mark.label}
        </li>
      ))}
    </ul>
  );
}
