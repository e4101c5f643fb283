// The inspector for one step: everything its YAML can say, edited as a form, plus what the
// run shown on the canvas did with it.
import { Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import { DURATION_HINT, isDuration } from '../../../shared/pipeline/duration.js';
import { stepIdProblem } from '../../../shared/pipeline/name-problems.js';
import { formatFieldPath } from '../../../shared/pipeline/problem.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { useEditor, useRuns, useStudio, useWorkspace } from '../studio/studio-context.js';
import { deleteSteps, renameStep, updateStep } from '../editor/pipeline-edits.js';
import { StepData } from '../preview/StepData.js';
import { StepRunResult } from '../runs/StepRunResult.js';
import { StepReplay } from '../runs/StepReplay.js';
import { ExecutedNotebookButton } from '../notebook/NotebookView.js';
import { StepCommandField } from './StepCommandField.js';
import { StepConditionField } from './StepConditionField.js';
import { ChangedFields, Field, LinesInput, problemsAt } from '../inputs/fields.js';
import { TestsEditor } from './TestsEditor.js';
import { TypedInput } from '../inputs/TypedInput.js';
import { formatText, numberField } from '../inputs/typed-text.js';
import { NO_ENTRIES, NO_ITEMS } from '../studio/empty.js';
import { StepChanges, StepConflicts, useStepChanges } from '../git/StepGitDetails.js';

const wholeNumber = numberField('integer');

function StepIdInput({ id }: { id: string }) {
  const { editor } = useStudio();
  const [value, setValue] = useState(id);
  useEffect(() => setValue(id), [id]);
  // Said as the user types, not only when they leave the field.
  const error =
    value === id
      ? null
      : (stepIdProblem(value) ?? (editor.getState().draft?.steps[value] ? `a step "${value}" already exists` : null));
  const commit = () => {
    if (value === id) return;
    if (error) return;
    const { positions } = editor.getState();
    editor.getState().edit((draft) => renameStep(draft, id, value));
    const at = positions[id];
    if (at) editor.getState().setPositions({ [value]: at }, false);
    editor.getState().select([value]);
  };
  return (
    <Field label="Step id" field="id" hint={error ? undefined : 'used in needs, logs and PW_STEP_ID'}>
      <input
        data-testid="step-id-input"
        className={error ? 'invalid' : ''}
        aria-invalid={error !== null}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {error ? (
        <span className="field-problem error" data-testid="step-id-problem">
          {error}
        </span>
      ) : null}
    </Field>
  );
}

export function StepPanel({ id }: { id: string }) {
  const { editor } = useStudio();
  const { step, params, problems, readOnly, focus } = useEditor(
    useShallow((state) => ({
      step: state.draft?.steps[id],
      params: state.draft?.params ?? NO_ENTRIES,
      problems: state.problems,
      readOnly: state.readOnly !== null,
      focus: state.focus,
    })),
  );
  const environments = useWorkspace((state) => state.info?.environments ?? NO_ITEMS);
  const runStep = useRuns((state) => state.run?.steps.find((candidate) => candidate.id === id) ?? null);
  const panel = useRef<HTMLDivElement>(null);

  const changes = useStepChanges(id);
  const comparing = useEditor((state) => state.compare?.commit);
  // Selecting a changed step while comparing brings its first changed field into view (once:
  // typing in the form must not scroll it).
  useEffect(() => {
    const { compare, draft } = editor.getState();
    if (!comparing || !compare || !draft) return;
    const first = diffPipelines(compare.base, draft).steps.find(
      (candidate) => candidate.id === id && candidate.change === 'changed',
    )?.fields[0];
    if (first) editor.getState().setFocus({ stepId: id, path: [first.field], reason: 'compare' });
  }, [editor, id, comparing]);

  useEffect(() => {
    if (focus?.stepId !== id || !panel.current) return;
    // The most precise field shown: a test's argument ("tests[0].not_null.columns"), else the step field.
    const fields = focus.path.map((_, at) => formatFieldPath(focus.path.slice(0, focus.path.length - at)));
    const target = fields
      .map((field) => panel.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`))
      .find(Boolean);
    target?.scrollIntoView({ block: 'center' });
    if (focus.reason === undefined || focus.reason === 'problem')
      target?.querySelector<HTMLElement>('input, textarea, select, .cm-content')?.focus();
  }, [focus, id]);

  if (!step) return null;
  const at = (field: string) => problemsAt(problems, ['steps', id, field]);
  const set = (patch: Partial<Record<keyof StepSpec, unknown>>, coalesce?: string) =>
    editor.getState().edit((draft) => updateStep(draft, id, patch), coalesce);

  return (
    <div className="inspector" data-testid="step-panel" ref={panel}>
      <div className="inspector-title">
        <span>Step</span>
        <button
          type="button"
          className="icon-button danger"
          title="Delete step"
          disabled={readOnly}
          data-testid="step-delete"
          onClick={() => {
            editor.getState().edit((draft) => deleteSteps(draft, [id]));
            editor.getState().select([]);
          }}
        >
          <Trash2 size={15} />
        </button>
      </div>
      {runStep ? <StepRunResult step={runStep} /> : null}
      {runStep ? <StepReplay step={runStep} /> : null}
      <StepData id={id} step={step} />
      <StepConflicts id={id} />
      <StepChanges id={id} />
      <ChangedFields.Provider value={changes}>
        <fieldset disabled={readOnly}>
          <StepIdInput id={id} />
          <Field label="Description" field="description" problems={at('description')}>
            <input
              data-testid="step-description"
              value={step.description ?? ''}
              onChange={(event) => set({ description: event.target.value || undefined }, `${id}.description`)}
            />
          </Field>
          <StepCommandField id={id} step={step} readOnly={readOnly} at={at} set={set} />
          <StepConditionField
            value={step.when}
            params={params}
            problems={at('when')}
            onChange={(when) => set({ when }, `${id}.when`)}
          />
          <Field label="Environment" field="environment" problems={at('environment')}>
            <select
              data-testid="step-environment"
              value={step.environment ?? ''}
              onChange={(event) => set({ environment: event.target.value || undefined })}
            >
              <option value="">the run's environment</option>
              {environments.map((environment) => (
                <option key={environment.name} value={environment.name}>
                  {environment.name} ({environment.runner})
                </option>
              ))}
              {step.environment && !environments.some((environment) => environment.name === step.environment) ? (
                <option value={step.environment}>{step.environment} (not defined)</option>
              ) : null}
            </select>
          </Field>
          <div className="field-row">
            <Field label="Inputs" field="inputs" problems={at('inputs')} hint="one path per line">
              <LinesInput
                testId="step-inputs"
                value={step.inputs}
                placeholder="e.g. data/raw/orders.csv"
                onChange={(inputs) => set({ inputs }, `${id}.inputs`)}
              />
            </Field>
            <Field label="Outputs" field="outputs" problems={at('outputs')} hint="one path per line">
              <LinesInput
                testId="step-outputs"
                value={step.outputs}
                placeholder="e.g. data/clean/orders.csv"
                onChange={(outputs) => set({ outputs }, `${id}.outputs`)}
              />
            </Field>
          </div>
          <Field label="Needs" field="needs" problems={at('needs')} hint="or draw an edge on the canvas">
            <LinesInput testId="step-needs" value={step.needs} onChange={(needs) => set({ needs }, `${id}.needs`)} />
          </Field>
          <div className="field-row three">
            <Field label="Retries" field="retries" problems={at('retries')}>
              <TypedInput
                testId="step-retries"
                inputMode="numeric"
                placeholder="0"
                value={step.retries}
                read={wholeNumber}
                format={formatText}
                onValue={(retries) => set({ retries }, `${id}.retries`)}
              />
            </Field>
            <DurationField
              label="Retry delay"
              field="retry_delay"
              value={step.retry_delay}
              problems={at('retry_delay')}
              onChange={(retry_delay) => set({ retry_delay }, `${id}.retry_delay`)}
            />
            <DurationField
              label="Timeout"
              field="timeout"
              value={step.timeout}
              problems={at('timeout')}
              onChange={(timeout) => set({ timeout }, `${id}.timeout`)}
            />
          </div>
          <label className="check" data-field="cache">
            <input
              type="checkbox"
              data-testid="step-cache"
              checked={step.cache !== false}
              onChange={(event) => set({ cache: event.target.checked ? undefined : false })}
            />
            Reuse the last result when nothing changed (cache)
          </label>
          <TestsEditor
            id={id}
            step={step}
            problems={at('tests')}
            runTests={runStep?.tests ?? NO_ITEMS}
            readOnly={readOnly}
          />
          <Field
            label="Metrics files"
            field="metrics"
            problems={at('metrics')}
            hint="JSON files of numbers tracked across runs"
          >
            <LinesInput
              testId="step-metrics"
              value={step.metrics}
              onChange={(metrics) => set({ metrics }, `${id}.metrics`)}
            />
          </Field>
        </fieldset>
      </ChangedFields.Provider>
      {step.notebook !== undefined &&
      runStep &&
      (runStep.attempts > 0 || runStep.cachedFrom) &&
      runStep.status !== 'running' ? (
        <ExecutedNotebookButton stepId={id} />
      ) : null}
    </div>
  );
}

function DurationField({
  label,
  field,
  value,
  problems,
  onChange,
}: {
  label: string;
  field: string;
  value: string | number | undefined;
  problems: ReturnType<typeof problemsAt>;
  onChange(value: string | undefined): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const invalid = text !== '' && !isDuration(text);
  return (
    <Field label={label} field={field} problems={problems} hint={invalid ? `use ${DURATION_HINT}` : undefined}>
      <input
        data-testid={`step-${field}`}
        value={text}
        placeholder="e.g. 10m"
        className={invalid ? 'invalid' : ''}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '' || isDuration(event.target.value)) onChange(event.target.value || undefined);
        }}
      />
    </Field>
  );
}
