// One argument of a data test, edited the way its type needs (see FieldSpec), with the problems
// validation found at its path.
import type { Problem } from '../../../../shared/pipeline/problem.js';
import type { DataTestKind } from '../../../../shared/pipeline/test-schema.js';
import { CodeEditor } from '../CodeEditor.js';
import { SchemaColumnsInput } from './SchemaColumnsInput.js';
import { TextValueInput } from './TextValueInput.js';
import { fieldHint } from './test-kinds.js';
import type { FieldSpec } from './test-kinds.js';
import { formatList, formatScalar, formatValues, parseList, parseNumberText, parseValues } from './test-values.js';

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
        <input type="checkbox" data-testid={props.testId} checked={props.value !== false}
          onChange={(event) => props.onValue(event.target.checked ? undefined : false, false)} />
        {spec.label}
      </label>
    );
  }
  return (
    <div className={`field test-field${spec.half ? '' : ' wide'}${problems.length > 0 ? ' has-problem' : ''}`} data-field={field} title={hint}>
      <span className="field-label">{spec.label}</span>
      <FieldControl {...props} />
      {problems.map((problem, at) => (
        <span key={at} className={`field-problem ${problem.severity}`}>{within(problem)}{problem.message}{problem.hint ? ` (${problem.hint})` : ''}</span>
      ))}
      {hint && problems.length === 0 && !QUIET.has(spec.type) ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}

function FieldControl({ spec, value, onValue, testId, pathsList, readOnly }: TestFieldProps) {
  const typed = (next: unknown) => onValue(next, true);
  const common = { 'data-testid': testId, 'aria-label': spec.label, placeholder: spec.placeholder, className: 'mono' };
  switch (spec.type) {
    case 'path':
      return <TextValueInput {...common} list={pathsList} value={value} parse={(text) => text.trim() || undefined} format={formatScalar} onValue={typed} />;
    case 'column':
    case 'text':
      return <TextValueInput {...common} value={value} parse={(text) => text || undefined} format={formatScalar} onValue={typed} />;
    case 'number':
      return <TextValueInput {...common} inputMode="decimal" value={value} parse={parseNumberText} format={formatScalar} onValue={typed} />;
    case 'columns':
      return <TextValueInput {...common} value={value} parse={parseList} format={formatList} onValue={typed} />;
    case 'values':
      return <TextValueInput {...common} value={value} parse={parseValues} format={formatValues} onValue={typed} />;
    case 'sql':
      return <CodeEditor testId={testId} language="sql" value={formatScalar(value)} readOnly={readOnly} placeholderText={spec.placeholder} onChange={(text) => typed(text || undefined)} />;
    case 'schema-columns':
      return <SchemaColumnsInput testId={testId} value={value} onValue={typed} />;
    case 'flag':
      return null;
  }
}
