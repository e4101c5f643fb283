// Whether a series is in control, out of control, or still filling its baseline: a word and
// an icon, never colour alone.
import { CircleCheck, CircleDashed, TriangleAlert } from 'lucide-react';
import type { SeriesState } from '../stores/series-selection.js';

const LOOK = {
  'in-control': { icon: CircleCheck, label: 'in control' },
  'out-of-control': { icon: TriangleAlert, label: 'out of control' },
  baseline: { icon: CircleDashed, label: 'baseline' },
} as const;

export function SeriesBadge({ state, detail }: { state: SeriesState; detail?: string }) {
  const { icon: Icon, label } = LOOK[state];
  return (
    <span className={`series-badge ${state}`} data-testid="series-badge" data-state={state}>
      <Icon size={12} /> {label}
      {detail ? ` ${detail}` : ''}
    </span>
  );
}
