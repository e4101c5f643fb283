// One argument of a data test, edited the way its type needs (see FieldSpec), with the problems
// validation found at its path.
import type { Problem } from '../../../../shared/pipeline/problem.js';
import type { DataTestKind } from '../../../../shared/pipeline/test-schema.js';
import { CodeEditor } from '../../inputs/CodeEditor.js';
import { TypedInput } from '../../inputs/TypedInput.js';
import type { Reading } from '../../inputs/typed-text.js';
import { formatList, formatText, numberField, numberOrTextField } from '../../inputs/typed-text.js';
import { SchemaColumnsInput } from './SchemaColumnsInput.js';
import { fieldHint } from './test-kinds.js';
import type { FieldSpec } from './test-kinds.js';
import { formatValues, parseList, parseValues } from './test-values.js';

export interface TestFieldProps {
  kind: DataTestKind;
  spec: FieldSpec;
  value: unknown;
  /** typing: the edit merges with the previous one into one undo step. */
  onValue(value: unknown, typing: boolean): void;
  problems: readonly Problem[];
  testId: string;
  /** The field's place in the step ("tests[0].not_null.columns"), for jumping to a problem. */
  field: string;
  /** The id of the datalist of file paths worth suggesting. */
  pathsList: string;
  readOnly: boolean;
}

/** Hints of these fields are the same for every test; a tooltip is enough. */
const QUIET: ReadonlySet<FieldSpec['type']> = new Set(['path', 'column', 'columns', 'sql', 'flag']);

/** Where inside the field a problem is: a schema column's name, a list item's position. */
function within(problem: Problem): string {
  const inner = problem.path[ARGUMENT_DEPTH];
  return inner === undefined ? '' : typeof inner === 'number' ? `item ${inner + 1}: ` : `${inner}: `;
}

/** steps.<id>.tests[<n>].<kind>.<argument> */
const ARGUMENT_DEPTH = 6;

export function TestFieldInput(props: TestFieldProps) {
  const { kind, spec, problems, field } = props;
  const hint = fieldHint(kind, spec.key);
  if (spec.type === 'flag') {
    return (
      <label className={`check test-field${spec.half ? '' : ' wide'}`} data-field={field} title={hint}>
        <input
          type="checkbox"
          data-testid={props.testId}
          checked={props.value !== false}
          onChange={(event) => props.onValue(event.target.checked ? undefined : false, false)}
        />
        {spec.label}
      </label>
    );
  }
  return (
    <div
      className={`field test-field${spec.half ? '' : ' wide'}${problems.length > 0 ? ' has-problem' : ''}`}
      data-field={field}
      title={hint}
    >
      <span className="field-label">{spec.label}</span>
      <FieldControl {...props} />
      {problems.map((problem, at) => (
        <span key={at} className={`field-problem ${problem.severity}`}>
          {within(problem)}
          {problem.message}
          {problem.hint ? ` (${problem.hint})` : ''}
        </span>
      ))}
      {hint && problems.length === 0 && !QUIET.has(spec.type) ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}

const integer = numberField('integer');
const number = numberField('number');
const always =
  <T,>(parse: (text: string) => T) =>
  (text: string): Reading<T> => ({ ok: true, value: parse(text) });
const pathText = always((text) => text.trim() || undefined);
const plainText = always((text) => text || undefined);
const columnList = always(parseList);
const valueList = always(parseValues);

function FieldControl({ spec, value, onValue, testId, pathsList, readOnly }: TestFieldProps) {
  const typed = (next: unknown) => onValue(next, true);
  const common = {
    testId,
    'aria-label': spec.label,
    placeholder: spec.placeholder,
    className: 'mono',
    value,
    onValue: typed,
  };
  switch (spec.type) {
    case 'path':
      return <TypedInput {...common} list={pathsList} read={pathText} format={formatText} />;
    case 'column':
    case 'text':
      return <TypedInput {...common} read={plainText} format={formatText} />;
    case 'integer':
      return <TypedInput {...common} inputMode="numeric" read={integer} format={formatText} />;
    case 'number':
      return <TypedInput {...common} inputMode="decimal" read={number} format={formatText} />;
    case 'number-or-text':
      return <TypedInput {...common} read={numberOrTextField} format={formatText} />;
    case 'columns':
      return <TypedInput {...common} read={columnList} format={formatList} />;
    case 'values':
      return <TypedInput {...common} read={valueList} format={formatValues} />;
    case 'sql':
      return (
        <CodeEditor
          testId={testId}
          label={spec.label}
          language="sql"
          value={formatText(value)}
          readOnly={readOnly}
          placeholderText={spec.placeholder}
          onChange={(text) => typed(text || undefined)}
        />
      );
    case 'schema-columns':
      return <SchemaColumnsInput testId={testId} value={value} onValue={typed} />;
    case 'flag':
      return null;
  }
}
