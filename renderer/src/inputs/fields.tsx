// Form fields of the inspector. Each shows the problems found at its path, so a mistake is
// explained where it is made.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { formatChangeValue } from '../../../shared/git/change-list.js';
import type { FieldChange } from '../../../shared/git/pipeline-diff.js';
import { formatFieldPath } from '../../../shared/pipeline/problem.js';
import type { FieldPath, Problem } from '../../../shared/pipeline/problem.js';

export function problemsAt(problems: readonly Problem[], path: FieldPath): Problem[] {
  const prefix = formatFieldPath(path);
  return problems.filter((problem) => {
    const field = formatFieldPath(problem.path);
    return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
  });
}

/** While comparing: the fields of the step shown that differ from the compared version, by name. */
export const ChangedFields = createContext<{ ref: string; fields: ReadonlyMap<string, FieldChange> } | null>(null);

interface FieldProps {
  label: string;
  field: string;
  problems?: readonly Problem[];
  hint?: string;
  children: ReactNode;
}

export function Field({ label, field, problems = [], hint, children }: FieldProps) {
  const changed = useContext(ChangedFields);
  const change = changed?.fields.get(field);
  return (
    <label
      className={`field${problems.length > 0 ? ' has-problem' : ''}${change ? ' field-changed' : ''}`}
      data-field={field}
    >
      <span className="field-label">{label}</span>
      {children}
      {change && changed ? (
        <span className="field-was" data-testid={`field-was-${field}`}>
          at {changed.ref}: <span className="mono">{formatChangeValue(change.before)}</span>
        </span>
      ) : null}
      {problems.map((problem, index) => (
        <span key={index} className={`field-problem ${problem.severity}`}>
          {problem.message}
          {problem.hint ? ` (${problem.hint})` : ''}
        </span>
      ))}
      {hint && problems.length === 0 ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

const toLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A list of strings edited as lines of text (paths, step ids); blank lines are dropped. */
export function LinesInput({
  value,
  onChange,
  testId,
  placeholder,
}: {
  value: readonly string[] | undefined;
  onChange(lines: string[]): void;
  testId: string;
  placeholder?: string;
}) {
  const [text, setText] = useState((value ?? []).join('\n'));
  useEffect(() => {
    // Follow changes made elsewhere (undo, the canvas), not the echo of our own typing.
    if (toLines(text).join('\n') !== (value ?? []).join('\n')) setText((value ?? []).join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <textarea
      className="lines-input"
      data-testid={testId}
      rows={Math.max(2, (value?.length ?? 0) + 1)}
      value={text}
      placeholder={placeholder}
      spellCheck={false}
      onChange={(event) => {
        setText(event.target.value);
        onChange(toLines(event.target.value));
      }}
    />
  );
}
