// Each change of a pipeline diff on its own line: where (step, param, test), the field, and
// old → new, so a merge preview or a compare says exactly what would change.
import { changePlace, formatChangeValue } from '../../../shared/git/change-list.js';
import type { ChangeLine } from '../../../shared/git/change-list.js';

export function ChangeList({ lines, testId }: { lines: readonly ChangeLine[]; testId: string }) {
  return (
    <ul className="change-list" data-testid={testId}>
      {lines.map((line, index) => (
        <li
          key={index}
          className={`change-line change-${line.change}`}
          data-testid="change-line"
          data-subject={line.subject}
          data-name={line.name}
          data-field={line.field}
        >
          <span className="change-place">
            {changePlace(line)}
            {line.field ? <span className="change-field mono">{line.field}</span> : null}
          </span>
          <ChangeValues line={line} />
        </li>
      ))}
    </ul>
  );
}

/** "old → new"; an added or removed entry says so in words instead of showing "(none)". */
export function ChangeValues({ line }: { line: Pick<ChangeLine, 'change' | 'before' | 'after'> }) {
  if (line.change === 'added')
    return (
      <span className="change-values">
        <span className="change-kind">added</span>{' '}
        <span className="mono small change-after">{formatChangeValue(line.after)}</span>
      </span>
    );
  if (line.change === 'removed')
    return (
      <span className="change-values">
        <span className="change-kind">removed</span>{' '}
        <span className="mono small change-before">{formatChangeValue(line.before)}</span>
      </span>
    );
  return (
    <span className="change-values">
      <span className="mono small change-before" data-testid="change-before">
        {formatChangeValue(line.before)}
      </span>
      <span className="change-arrow" aria-label="becomes">
        →
      </span>
      <span className="mono small change-after" data-testid="change-after">
        {formatChangeValue(line.after)}
      </span>
    </span>
  );
}
