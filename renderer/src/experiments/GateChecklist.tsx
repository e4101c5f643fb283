// A gate report as a checklist: each condition passed or failed (the failed ones first), what
// it asks, what the candidate showed and what passes — the same words `pipewright promote` prints.
import { CircleCheck, CircleX } from 'lucide-react';
import type { GateReport } from '../../../shared/journeys/journey-types.js';

export function GateVerdict({ report }: { report: GateReport | null }) {
  if (!report)
    return (
      <span className="gate-verdict none" data-testid="gate-verdict" data-verdict="none">
        not judged yet
      </span>
    );
  const failed = report.conditions.filter((condition) => !condition.passed).length;
  return (
    <span
      className={`gate-verdict ${report.passed ? 'passed' : 'failed'}`}
      data-testid="gate-verdict"
      data-verdict={report.passed ? 'passed' : 'failed'}
    >
      {report.passed ? <CircleCheck size={13} /> : <CircleX size={13} />}
      {report.passed ? 'gate passed' : `gate failed: ${failed} of ${report.conditions.length}`}
    </span>
  );
}

export function GateChecklist({ report }: { report: GateReport }) {
  const pipelines = new Set(report.conditions.map((condition) => condition.pipeline));
  // What stops the promotion comes first; otherwise the gate's own order.
  const conditions = [
    ...report.conditions.filter((condition) => !condition.passed),
    ...report.conditions.filter((condition) => condition.passed),
  ];
  return (
    <table className="journey-table gate-checklist" data-testid="gate-checklist">
      <thead>
        <tr>
          <th aria-label="passed" />
          <th>Condition</th>
          <th>Observed</th>
          <th>Required</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((condition, index) => (
          <tr
            key={index}
            className={condition.passed ? 'passed' : 'failed'}
            data-testid="gate-condition"
            data-pipeline={condition.pipeline}
            data-kind={condition.kind}
            data-passed={String(condition.passed)}
          >
            <td className="gate-mark">
              {condition.passed ? (
                <CircleCheck size={14} aria-label="passed" />
              ) : (
                <CircleX size={14} aria-label="failed" />
              )}
            </td>
            <td>
              {condition.label}
              {pipelines.size > 1 || condition.step ? (
                <span className="muted small">
                  {' '}
                  · {[pipelines.size > 1 ? condition.pipeline : null, condition.step].filter(Boolean).join(' · ')}
                </span>
              ) : null}
            </td>
            <td className="mono" data-testid="gate-observed">
              {condition.observed}
            </td>
            <td className="mono" data-testid="gate-required">
              {condition.required}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
