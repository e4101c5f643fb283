// Form fields of the inspector. Each shows the problems found at its path, so a mistake is
// explained where it is made.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { formatFieldPath } from '../../../shared/pipeline/problem.js';
import type { FieldPath, Problem } from '../../../shared/pipeline/problem.js';

export function problemsAt(problems: readonly Problem[], path: FieldPath): Problem[] {
  const prefix = formatFieldPath(path);
  return problems.filter((problem) => {
    const field = formatFieldPath(problem.path);
    return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
  });
}

interface FieldProps {
  label: string;
  field: string;
  problems?: readonly Problem[];
  hint?: string;
  children: ReactNode;
}

export function Field({ label, field, problems = [], hint, children }: FieldProps) {
  return (
    <label className={`field${problems.length > 0 ? ' has-problem' : ''}`} data-field={field}>
      <span className="field-label">{label}</span>
      {children}
      {problems.map((problem, index) => (
        <span key={index} className={`field-problem ${problem.severity}`}>{problem.message}{problem.hint ? ` (${problem.hint})` : ''}</span>
      ))}
      {hint && problems.length === 0 ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

const toLines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** A list of strings edited as lines of text (paths, step ids); blank lines are dropped. */
export function LinesInput({ value, onChange, testId, placeholder }: { value: readonly string[] | undefined; onChange(lines: string[]): void; testId: string; placeholder?: string }) {
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
