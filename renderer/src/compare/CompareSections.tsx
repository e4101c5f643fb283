// The sections of a run comparison: what each run ran on (commit, ref, environment, trigger,
// images), its params with where each came from, its steps, tests and metrics — one row per
// thing, A beside B, the rows that differ marked.
import type { ReactNode } from 'react';
import type {
  MetricDelta,
  ParamBeside,
  RunComparison,
  StepBeside,
  TestBeside,
} from '../../../shared/journeys/journey-types.js';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { signedValue } from '../experiments/metric-delta.js';
import { formatMetricValue, metricLabel } from '../monitoring/metric-format.js';
import { StatusIcon, STATUS_LOOK } from '../runs/status-look.js';
import { sourceText, valueText } from '../runs/param-sources.js';

interface Row {
  key: string;
  testId: string;
  label: ReactNode;
  a: ReactNode;
  b: ReactNode;
  delta?: ReactNode;
  differs: boolean;
}

function Section({
  title,
  rows,
  only,
  withDelta = false,
  none,
}: {
  title: string;
  rows: Row[];
  only: boolean;
  withDelta?: boolean;
  none: string;
}) {
  const shown = only ? rows.filter((row) => row.differs) : rows;
  const differing = rows.filter((row) => row.differs).length;
  return (
    <section className="compare-section" data-testid={`compare-section-${title.toLowerCase()}`}>
      <h4>
        {title}{' '}
        <span className="muted">{differing === 0 ? 'same' : `${differing} differ${differing === 1 ? 's' : ''}`}</span>
      </h4>
      {shown.length === 0 ? (
        <p className="muted small">{rows.length === 0 ? none : `No difference in ${title.toLowerCase()}.`}</p>
      ) : (
        <table className={`journey-table compare-table${withDelta ? ' with-delta' : ''}`}>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{title}</span>
              </th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              {withDelta ? (
                <th scope="col" className="number">
                  Δ
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.key}
                className={row.differs ? 'differs' : ''}
                data-testid={row.testId}
                data-differs={String(row.differs)}
              >
                <th scope="row">{row.label}</th>
                <td data-side="a">{row.a}</td>
                <td data-side="b">{row.b}</td>
                {withDelta ? <td className="number delta">{row.delta}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const absent = <span className="muted">—</span>;

function paramCell(side: ParamBeside['a'], environment: string | null) {
  if (!side) return absent;
  return (
    <>
      <span className="mono">{valueText(side.value)}</span>{' '}
      <span className={`param-source ${side.source}`}>{sourceText(side.source, environment)}</span>
    </>
  );
}

function stepCell(side: StepBeside['a']) {
  if (!side) return <span className="muted">not in the run</span>;
  return (
    <span className="compare-status">
      <StatusIcon status={side.status} size={12} /> {STATUS_LOOK[side.status].label}
      {side.cached && side.status !== 'cached' ? ' (cache)' : ''}
      {side.durationMs !== null && side.status !== 'skipped' ? (
        <span className="muted"> · {formatDuration(side.durationMs)}</span>
      ) : null}
    </span>
  );
}

function testCell(side: TestBeside['a']) {
  if (!side) return <span className="muted">not run</span>;
  return (
    <span className={`test-outcome ${side.outcome}`}>
      {side.outcome}
      {side.observed === null ? '' : <span className="muted"> · observed {side.observed}</span>}
    </span>
  );
}

function metricCell(metric: MetricDelta, value: number | null) {
  return value === null ? absent : formatMetricValue(metric.metric, value);
}

function sideRows(comparison: RunComparison): Row[] {
  const { a, b } = comparison;
  const text = (value: string | null, none: string) =>
    value === null ? <span className="muted">{none}</span> : <span className="mono">{value}</span>;
  const rows: Row[] = [
    {
      key: 'status',
      testId: 'compare-side-status',
      label: 'status',
      a: stepCell({ status: a.status, durationMs: null, cached: false }),
      b: stepCell({ status: b.status, durationMs: null, cached: false }),
      differs: a.status !== b.status,
    },
    {
      key: 'commit',
      testId: 'compare-side-commit',
      label: 'commit',
      a: text(a.gitCommit?.slice(0, 7) ?? null, 'none'),
      b: text(b.gitCommit?.slice(0, 7) ?? null, 'none'),
      differs: a.gitCommit !== b.gitCommit,
    },
    {
      key: 'ref',
      testId: 'compare-side-ref',
      label: 'ref',
      a: text(a.ref ?? a.gitBranch, 'working tree'),
      b: text(b.ref ?? b.gitBranch, 'working tree'),
      differs: a.ref !== b.ref,
    },
    {
      key: 'environment',
      testId: 'compare-side-environment',
      label: 'environment',
      a: text(a.environment, 'none'),
      b: text(b.environment, 'none'),
      differs: a.environment !== b.environment,
    },
    { key: 'trigger', testId: 'compare-side-trigger', label: 'started by', a: a.trigger, b: b.trigger, differs: false },
    {
      key: 'when',
      testId: 'compare-side-when',
      label: 'started',
      a: new Date(a.createdAt).toLocaleString(),
      b: new Date(b.createdAt).toLocaleString(),
      differs: false,
    },
  ];
  for (const environment of [...new Set([...Object.keys(a.images), ...Object.keys(b.images)])].sort()) {
    const imageA = a.images[environment] ?? null;
    const imageB = b.images[environment] ?? null;
    rows.push({
      key: `image-${environment}`,
      testId: `compare-side-image-${environment}`,
      label: `image of ${environment}`,
      a: text(imageA?.slice(0, 19) ?? null, 'none'),
      b: text(imageB?.slice(0, 19) ?? null, 'none'),
      differs: imageA !== imageB,
    });
  }
  return rows;
}

export function CompareSections({ comparison, only }: { comparison: RunComparison; only: boolean }) {
  const { a, b } = comparison;
  return (
    <div className="compare-sections">
      <Section title="Runs" rows={sideRows(comparison)} only={only} none="" />
      <Section
        title="Params"
        only={only}
        none="Neither run has params."
        rows={comparison.params.map((param) => ({
          key: param.name,
          testId: `compare-param-${param.name}`,
          label: <span className="mono">{param.name}</span>,
          a: paramCell(param.a, a.environment),
          b: paramCell(param.b, b.environment),
          differs: param.differs,
        }))}
      />
      <Section
        title="Steps"
        only={only}
        none="Neither run ran a step."
        rows={comparison.steps.map((step) => ({
          key: step.id,
          testId: `compare-step-${step.id}`,
          label: <span className="mono">{step.id}</span>,
          a: stepCell(step.a),
          b: stepCell(step.b),
          differs: step.differs,
        }))}
      />
      <Section
        title="Tests"
        only={only}
        none="Neither run ran a test."
        rows={comparison.tests.map((test) => ({
          key: `${test.step}\u0000${test.name}`,
          testId: `compare-test-${test.step}-${test.name}`,
          label: (
            <>
              {test.name} <span className="muted mono small">{test.step}</span>
            </>
          ),
          a: testCell(test.a),
          b: testCell(test.b),
          differs: test.differs,
        }))}
      />
      <Section
        title="Metrics"
        only={only}
        withDelta
        none="Neither run recorded a metric."
        rows={comparison.metrics.map((metric) => ({
          key: `${metric.step}\u0000${metric.metric}`,
          testId: `compare-metric-${metric.step}-${metric.metric}`,
          label: (
            <>
              <span title={metric.metric}>{metricLabel(metric.metric)}</span>{' '}
              <span className="muted mono small">{metric.step}</span>
            </>
          ),
          a: metricCell(metric, metric.a),
          b: metricCell(metric, metric.b),
          delta: metric.delta === null ? absent : signedValue(metric.metric, metric.delta),
          differs: metric.differs,
        }))}
      />
    </div>
  );
}
