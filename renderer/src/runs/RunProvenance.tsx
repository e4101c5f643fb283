// What a past run ran: the revision (working tree, or a ref at its commit), who started it, and
// each param with its value and where that value came from — the run's provenance.
import { triggerText } from '../../../shared/journeys/compare-runs.js';
import { useRuns } from '../studio/studio-context.js';
import { sourceText, valueText } from './param-sources.js';

export function RunProvenance() {
  const run = useRuns((state) => (state.live ? null : state.run));
  if (!run) return null;
  const commit = run.gitCommit?.slice(0, 7) ?? null;
  const revision =
    run.ref !== null
      ? `${run.ref}${commit ? ` at ${commit}` : ''}`
      : `working tree${run.gitBranch ? ` on ${run.gitBranch}` : ''}${commit ? ` at ${commit}` : ''}`;
  const params = Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="run-provenance" data-testid="run-provenance">
      <dl>
        <dt>ran</dt>
        <dd className="mono" data-testid="run-provenance-revision">
          {revision}
        </dd>
        <dt>in</dt>
        <dd>{run.environment ?? 'no environment'}</dd>
        <dt>by</dt>
        <dd data-testid="run-provenance-trigger">{triggerText(run.trigger)}</dd>
      </dl>
      {params.length > 0 ? (
        <ul className="run-provenance-params">
          {params.map(([name, param]) => (
            <li key={name} data-testid={`provenance-param-${name}`}>
              <span className="mono">{name}</span> = <span className="mono">{valueText(param.value)}</span>{' '}
              <span className={`param-source ${param.source}`}>{sourceText(param.source, run.environment)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
