// The inspector when no step is selected: the pipeline's description and its typed params
// (while comparing, each changed param says what it was and what it is now).
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { paramNameProblem } from '../../../shared/pipeline/name-problems.js';
import type { ParamSpec, ParamValue } from '../../../shared/pipeline/schema.js';
import { PARAM_TYPES } from '../../../shared/pipeline/schema.js';
import { useEditor, useStudio } from '../studio/studio-context.js';
import { renameParam, setParam } from '../editor/pipeline-edits.js';
import { ParamChanges, PipelineLevelChanges, usePipelineChanges } from '../git/PipelineChanges.js';
import type { PipelineChanges } from '../git/PipelineChanges.js';
import { Field, problemsAt } from '../inputs/fields.js';
import { TypedInput } from '../inputs/TypedInput.js';
import { booleanField, formatList, formatText, listField, numberField, textField } from '../inputs/typed-text.js';
import type { Reading } from '../inputs/typed-text.js';

/** How a value of a param of this type is read from what is typed: numbers as numbers, strings as typed. */
const valueField = (
  type: Exclude<ParamSpec['type'], 'boolean'>,
): ((text: string) => Reading<ParamValue | undefined>) => (type === 'string' ? textField : numberField(type));
const anyNumber = numberField('number');

function ParamRow({
  name,
  spec,
  index,
  changes,
}: {
  name: string;
  spec: ParamSpec;
  index: number;
  changes: PipelineChanges | null;
}) {
  const { editor } = useStudio();
  const problems = useEditor(useShallow((state) => problemsAt(state.problems, ['params', name])));
  const [draftName, setDraftName] = useState(name);
  useEffect(() => setDraftName(name), [name]);
  const update = (patch: Partial<ParamSpec>, coalesce?: string) => {
    const next: Record<string, unknown> = { ...spec, ...patch };
    for (const [key, value] of Object.entries(next)) if (value === undefined || value === '') delete next[key];
    // cast: the spec with the patch applied, less its emptied fields, which are all optional ones
    editor.getState().edit((draft) => setParam(draft, name, next as ParamSpec), coalesce);
  };
  const numeric = spec.type === 'number' || spec.type === 'integer';
  const nameError =
    draftName === name
      ? null
      : (paramNameProblem(draftName) ??
        (editor.getState().draft?.params?.[draftName] ? `a param "${draftName}" already exists` : null));
  const commitName = () => {
    if (draftName !== name && nameError === null)
      editor.getState().edit((draft) => renameParam(draft, name, draftName));
    else setDraftName(name);
  };

  return (
    <div
      className={`param-row${changes?.params.has(name) ? ' param-changed' : ''}`}
      data-testid={`param-row-${index}`}
      data-field={name}
    >
      <div className="param-row-head">
        <input
          data-testid={`param-name-${index}`}
          className={`mono${nameError ? ' invalid' : ''}`}
          aria-invalid={nameError !== null}
          aria-label="Param name"
          value={draftName}
          onChange={(event) => setDraftName(event.target.value)}
          onBlur={commitName}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitName();
          }}
        />
        <select
          data-testid={`param-type-${index}`}
          aria-label="Param type"
          value={spec.type}
          onChange={(event) =>
            update({
              type: PARAM_TYPES.find((type) => type === event.target.value) ?? spec.type,
              default: undefined,
              min: undefined,
              max: undefined,
              enum: undefined,
            })
          }
        >
          {PARAM_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button danger"
          title="Remove param"
          data-testid={`param-remove-${index}`}
          onClick={() => editor.getState().edit((draft) => setParam(draft, name, undefined))}
        >
          <Trash2 size={14} />
        </button>
      </div>
      {changes ? <ParamChanges name={name} changes={changes} /> : null}
      {nameError ? (
        <span className="field-problem error" data-testid={`param-name-problem-${index}`}>
          {nameError}
        </span>
      ) : null}
      <div className="field-row">
        <Field label="Default" field="default">
          {spec.type === 'boolean' ? (
            <select
              data-testid={`param-default-${index}`}
              value={spec.default === undefined ? '' : String(spec.default)}
              onChange={(event) =>
                update({ default: event.target.value === '' ? undefined : event.target.value === 'true' })
              }
            >
              <option value="">(none: required)</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <TypedInput
              testId={`param-default-${index}`}
              value={spec.default}
              read={valueField(spec.type)}
              format={formatText}
              placeholder="(none: required)"
              inputMode={numeric ? 'decimal' : undefined}
              onValue={(value) => update({ default: value }, `param.${name}.default`)}
            />
          )}
        </Field>
        <Field label="Allowed values" field="enum" hint="comma-separated; empty = any">
          {spec.type === 'boolean' ? (
            <TypedInput
              testId={`param-enum-${index}`}
              value={spec.enum}
              read={listField<boolean>(booleanField)}
              format={formatList}
              onValue={(values) => update({ enum: values }, `param.${name}.enum`)}
            />
          ) : (
            <TypedInput
              testId={`param-enum-${index}`}
              value={spec.enum}
              read={listField<ParamValue>(valueField(spec.type))}
              format={formatList}
              onValue={(values) => update({ enum: values }, `param.${name}.enum`)}
            />
          )}
        </Field>
      </div>
      {numeric ? (
        <div className="field-row">
          <Field label="Min" field="min">
            <TypedInput
              testId={`param-min-${index}`}
              value={spec.min}
              read={anyNumber}
              format={formatText}
              inputMode="decimal"
              onValue={(min) => update({ min }, `param.${name}.min`)}
            />
          </Field>
          <Field label="Max" field="max">
            <TypedInput
              testId={`param-max-${index}`}
              value={spec.max}
              read={anyNumber}
              format={formatText}
              inputMode="decimal"
              onValue={(max) => update({ max }, `param.${name}.max`)}
            />
          </Field>
        </div>
      ) : null}
      <Field label="Description" field="description">
        <input
          data-testid={`param-description-${index}`}
          value={spec.description ?? ''}
          onChange={(event) => update({ description: event.target.value }, `param.${name}.description`)}
        />
      </Field>
      {problems.map((problem, at) => (
        <span key={at} className={`field-problem ${problem.severity}`}>
          {problem.message}
        </span>
      ))}
    </div>
  );
}

export function PipelinePanel() {
  const { editor } = useStudio();
  const { description, params, readOnly, name } = useEditor(
    useShallow((state) => ({
      description: state.draft?.description,
      params: state.draft?.params,
      readOnly: state.readOnly !== null,
      name: state.doc?.name,
    })),
  );
  const changes = usePipelineChanges();
  const addParam = () =>
    editor.getState().edit((draft) => {
      let n = 1;
      while (draft.params?.[`param_${n}`]) n += 1;
      return setParam(draft, `param_${n}`, { type: 'string', default: '' });
    });

  return (
    <div className="inspector" data-testid="pipeline-panel">
      <div className="inspector-title">
        <span>Pipeline</span>
        <span className="muted mono">{name}</span>
      </div>
      {changes ? <PipelineLevelChanges changes={changes} /> : null}
      <fieldset disabled={readOnly}>
        <Field label="Description" field="description">
          <textarea
            data-testid="pipeline-description"
            rows={2}
            value={description ?? ''}
            onChange={(event) =>
              editor.getState().edit((draft) => {
                const next = { ...draft, description: event.target.value };
                if (next.description) return next;
                const { description: _empty, ...rest } = next;
                return rest;
              }, 'pipeline.description')
            }
          />
        </Field>
        <div className="section-title">
          <span>Params</span>
          <button type="button" className="button small" data-testid="param-add" onClick={addParam}>
            <Plus size={13} /> Add param
          </button>
        </div>
        {Object.keys(params ?? {}).length === 0 ? (
          <p className="muted">No params. Params reach steps as $PW_PARAM_&lt;NAME&gt; and can be set per run.</p>
        ) : null}
        {Object.entries(params ?? {}).map(([paramName, spec], index) => (
          <ParamRow key={paramName} name={paramName} spec={spec} index={index} changes={changes} />
        ))}
      </fieldset>
    </div>
  );
}
