// How each status looks everywhere in the studio: a colour and, so that colour is never the
// only cue, its own icon and word.
import {
  Ban,
  CheckCircle2,
  CircleDashed,
  CircleSlash,
  Loader2,
  RotateCcw,
  SkipForward,
  TriangleAlert,
  XCircle,
  Zap,
} from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { RunStatus, StepStatus } from '../../../shared/run/run-types.js';

export const STATUS_LOOK: Record<StepStatus | RunStatus, { icon: LucideIcon; label: string }> = {
  pending: { icon: CircleDashed, label: 'pending' },
  running: { icon: Loader2, label: 'running' },
  succeeded: { icon: CheckCircle2, label: 'succeeded' },
  failed: { icon: XCircle, label: 'failed' },
  cached: { icon: RotateCcw, label: 'cached' },
  skipped: { icon: CircleSlash, label: 'skipped' },
  cancelled: { icon: Ban, label: 'cancelled' },
  interrupted: { icon: Zap, label: 'interrupted' },
  warned: { icon: TriangleAlert, label: 'warned' },
  'skipped-condition': { icon: SkipForward, label: 'skipped (condition)' },
};

export function StatusIcon({ status, size = 14 }: { status: StepStatus | RunStatus; size?: number }) {
  const { icon: Icon, label } = STATUS_LOOK[status];
  return (
    <Icon
      size={size}
      className={`status-icon status-${status}${status === 'running' ? ' spin' : ''}`}
      aria-label={label}
    />
  );
}

export function StatusBadge({ status }: { status: StepStatus | RunStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <StatusIcon status={status} size={12} />
      {STATUS_LOOK[status].label}
    </span>
  );
}
