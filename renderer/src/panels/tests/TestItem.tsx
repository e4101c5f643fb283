// One test of a step: its kind, name, the form of its arguments, severity and stage, and what the
// run shown measured for it.
import { X } from 'lucide-react';
import { formatFieldPath } from '../../../../shared/pipeline/problem.js';
import type { Problem } from '../../../../shared/pipeline/problem.js';
import {
  TEST_SEVERITIES,
  TEST_STAGES,
  testArgs,
  testKind,
  testStage,
} from '../../../../shared/pipeline/test-schema.js';
import type { TestSpec } from '../../../../shared/pipeline/test-schema.js';
import type { TestResult } from '../../../../shared/run/run-types.js';
import { problemsAt } from '../../inputs/fields.js';
import { LastTestResult } from './LastTestResult.js';
import { TestFieldInput } from './TestFieldInput.js';
import { KIND_LABEL, TEST_FIELDS, kindHint } from './test-kinds.js';
import { TEST_KEY_ORDER, withArg, withKey } from './test-values.js';

export interface TestItemProps {
  stepId: string;
  index: number;
  test: TestSpec;
  step: { inputs?: string[] | undefined; outputs?: string[] | undefined };
  /** Problems of the whole pipeline; each field picks its own. */
  problems: readonly Problem[];
  result: TestResult | undefined;
  pathsList: string;
  readOnly: boolean;
  onChange(next: TestSpec, coalesce?: string): void;
  onRemove(): void;
}

export function TestItem({
  stepId,
  index,
  test,
  step,
  problems,
  result,
  pathsList,
  readOnly,
  onChange,
  onRemove,
}: TestItemProps) {
  const kind = testKind(test);
  const here = ['steps', stepId, 'tests', index] as const;
  const coalesce = (key: string) => `${stepId}.tests.${index}.${key}`;
  const set = (key: string, value: unknown, typing = false) =>
    onChange(withKey(test, key, value, TEST_KEY_ORDER), typing ? coalesce(key) : undefined);
  const fields = kind === null || kind === 'command' ? [] : TEST_FIELDS[kind];
  // Problems a field shows itself are not repeated under the test.
  const fieldPaths = [
    ...fields.map((field) => formatFieldPath([...here, kind ?? '', field.key])),
    ...(kind === 'command' ? [formatFieldPath([...here, 'command'])] : []),
  ];
  const rest = problemsAt(problems, here).filter(
    (problem) => !fieldPaths.some((path) => formatFieldPath(problem.path).startsWith(path)),
  );
  const autoStage = testStage({ ...test, stage: undefined }, step);

  return (
    <div
      className="test-row"
      data-testid={`test-row-${index}`}
      data-field={`tests[${index}]`}
      data-kind={kind ?? 'unknown'}
    >
      <div className="test-row-head">
        <span className="test-kind" title={kind ? kindHint(kind) : 'a test needs exactly one kind'}>
          {kind ? KIND_LABEL[kind] : 'unknown'}
        </span>
        <input
          className="test-name"
          data-testid={`test-name-${index}`}
          aria-label="test name"
          placeholder={`${kind ?? 'test'} #${index + 1}`}
          value={test.name ?? ''}
          onChange={(event) => set('name', event.target.value || undefined, true)}
        />
        <button
          type="button"
          className="icon-button"
          title="Remove test"
          data-testid={`test-remove-${index}`}
          onClick={onRemove}
        >
          <X size={14} />
        </button>
      </div>
      {/* An empty command stays in the file, so the test keeps its kind and validation says what is missing. */}
      {kind === 'command' ? (
        <TestCommand
          index={index}
          value={test.command ?? ''}
          problems={problemsAt(problems, [...here, 'command'])}
          onValue={(command) => onChange({ ...test, command }, coalesce('command'))}
        />
      ) : null}
      {kind !== null && kind !== 'command' ? (
        <div className="test-fields">
          {fields.map((field) => {
            const path = [...here, kind, field.key];
            const args = testArgs(test, kind);
            return (
              <TestFieldInput
                key={field.key}
                kind={kind}
                spec={field}
                value={args[field.key]}
                problems={problemsAt(problems, path)}
                testId={`test-${index}-${field.key}`}
                field={formatFieldPath(path.slice(2))}
                pathsList={pathsList}
                readOnly={readOnly}
                onValue={(value, typing) =>
                  onChange(withArg(test, kind, field.key, value), typing ? coalesce(`${kind}.${field.key}`) : undefined)
                }
              />
            );
          })}
        </div>
      ) : null}
      <div className="test-options">
        <label className="test-option">
          <span className="field-label">Severity</span>
          <select
            data-testid={`test-severity-${index}`}
            value={test.severity ?? 'error'}
            onChange={(event) => set('severity', event.target.value === 'error' ? undefined : event.target.value)}
          >
            {TEST_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </label>
        <label className="test-option">
          <span className="field-label">Stage</span>
          <select
            data-testid={`test-stage-${index}`}
            value={test.stage ?? ''}
            onChange={(event) => set('stage', event.target.value || undefined)}
          >
            <option value="">auto ({autoStage})</option>
            {TEST_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {stage}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result ? <LastTestResult stepId={stepId} result={result} /> : null}
      {rest.map((problem, at) => (
        <span key={at} className={`field-problem ${problem.severity}`}>
          {problem.message}
        </span>
      ))}
    </div>
  );
}

function TestCommand({
  index,
  value,
  problems,
  onValue,
}: {
  index: number;
  value: string;
  problems: readonly Problem[];
  onValue(command: string): void;
}) {
  return (
    <div
      className={`field test-field wide${problems.length > 0 ? ' has-problem' : ''}`}
      data-field={`tests[${index}].command`}
    >
      <input
        className="mono"
        data-testid={`test-command-${index}`}
        aria-label="test command"
        placeholder="a command; exit code 0 passes"
        value={value}
        onChange={(event) => onValue(event.target.value)}
      />
      {problems.map((problem, at) => (
        <span key={at} className={`field-problem ${problem.severity}`}>
          {problem.message}
        </span>
      ))}
    </div>
  );
}
