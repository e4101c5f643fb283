// The step's `when:` condition in the inspector, checked as it is typed against the pipeline's
// params with the same parser the engine uses. Only a condition without errors reaches the file.
import { useEffect, useState } from 'react';
import { checkWhen } from '../../../shared/pipeline/when-evaluate.js';
import type { ParamSpec } from '../../../shared/pipeline/schema.js';
import { Field } from '../inputs/fields.js';
import type { problemsAt } from '../inputs/fields.js';

export function StepConditionField({
  value,
  params,
  problems,
  onChange,
}: {
  value: string | undefined;
  params: Readonly<Record<string, ParamSpec>>;
  problems: ReturnType<typeof problemsAt>;
  onChange(value: string | undefined): void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const issues = text.trim() === '' ? [] : checkWhen(text, params);
  const failed = issues.some((issue) => issue.severity === 'error');
  return (
    <Field
      label="Runs when"
      field="when"
      problems={text === (value ?? '') ? problems : []}
      hint="a condition over params; empty: always runs"
    >
      <input
        data-testid="step-when"
        value={text}
        spellCheck={false}
        className={failed ? 'invalid' : ''}
        placeholder="e.g. params.region != 'all'"
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === '') onChange(undefined);
          else if (!checkWhen(next, params).some((issue) => issue.severity === 'error')) onChange(next);
        }}
      />
      {issues.map((issue) => (
        <span
          key={`${issue.start}:${issue.message}`}
          className={`field-problem ${issue.severity}`}
          data-testid="step-when-issue"
        >
          column {issue.start + 1}: {issue.message}
        </span>
      ))}
    </Field>
  );
}
