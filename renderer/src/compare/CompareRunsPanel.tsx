// Two runs compared, under the canvas (which marks the steps whose outcome differs): which run
// is A and which B, how many things differ, and the sections side by side; by default only
// the rows that differ.
import { GitCompareArrows, X } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSide } from '../../../shared/journeys/journey-types.js';
import { useCompare, useRuns, useStudio } from '../studio/studio-context.js';
import { StatusIcon } from '../runs/status-look.js';
import { CompareSections } from './CompareSections.js';

function SideButton({ label, side, shown }: { label: string; side: RunSide; shown: boolean }) {
  const { compareController } = useStudio();
  const where = `${side.ref ?? side.gitBranch ?? 'working tree'} · ${side.environment ?? 'no environment'}`;
  return (
    <button
      type="button"
      className={`compare-side${shown ? ' shown' : ''}`}
      data-testid={`compare-run-${label.toLowerCase()}`}
      title={`${where}\n${shown ? 'Shown on the canvas' : 'Show this run on the canvas'}`}
      onClick={() => void compareController.show(side.id)}
    >
      <strong>{label}</strong> <StatusIcon status={side.status} size={12} /> <span className="mono">{side.id}</span>
    </button>
  );
}

export function CompareRunsPanel() {
  const { compare, compareController, controller } = useStudio();
  const { comparison, loading, error, only } = useCompare(
    useShallow((state) => ({
      comparison: state.comparison,
      loading: state.loading,
      error: state.error,
      only: state.onlyDifferences,
    })),
  );
  const shownRun = useRuns((state) => state.run?.id ?? null);
  const open = comparison !== null;
  // The canvas just lost the room the panel takes: the whole pipeline is fitted into what is left.
  useEffect(() => {
    if (!open) return undefined;
    const frame = requestAnimationFrame(() => controller.command('fit-view'));
    return () => cancelAnimationFrame(frame);
  }, [open, controller]);
  if (!comparison && !loading && !error) return null;
  return (
    <section className="compare-drawer" data-testid="compare-panel">
      <header className="log-header compare-header">
        <GitCompareArrows size={15} />
        <span className="log-title">Compare runs</span>
        {comparison ? (
          <>
            <SideButton label="A" side={comparison.a} shown={shownRun === comparison.a.id} />
            <span className="muted">→</span>
            <SideButton label="B" side={comparison.b} shown={shownRun === comparison.b.id} />
            <span className="count" data-testid="compare-difference-count" title={comparison.differences.join('\n')}>
              {comparison.differences.length === 0
                ? 'no difference'
                : `${comparison.differences.length} difference${comparison.differences.length === 1 ? '' : 's'}`}
            </span>
          </>
        ) : (
          <span className="muted">{loading ? 'Comparing…' : ''}</span>
        )}
        <span className="compare-actions">
          <label className="check compare-only">
            <input
              type="checkbox"
              data-testid="compare-only-differences"
              checked={only}
              onChange={(event) => compare.getState().setOnlyDifferences(event.target.checked)}
            />
            only what differs
          </label>
          <button
            type="button"
            className="icon-button"
            title="Close the comparison"
            data-testid="compare-close"
            onClick={() => compareController.close()}
          >
            <X size={14} />
          </button>
        </span>
      </header>
      {error ? (
        <div className="journey-error compare-error" role="alert" data-testid="compare-error">
          The runs could not be compared: {error}
        </div>
      ) : null}
      {comparison ? (
        <div className="compare-body">
          <CompareSections comparison={comparison} only={only} />
        </div>
      ) : null}
    </section>
  );
}
