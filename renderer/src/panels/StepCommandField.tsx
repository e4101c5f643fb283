// What a step runs: a command, or a notebook (with where its executed notebook goes). The two
// exclude each other in a pipeline file, so switching clears the other.
import { notebookOutputOf } from '../../../shared/pipeline/notebook-step.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { CodeEditor } from '../inputs/CodeEditor.js';
import { Field } from '../inputs/fields.js';

interface StepCommandFieldProps {
  id: string;
  step: StepSpec;
  readOnly: boolean;
  at(field: string): Problem[];
  set(patch: Partial<Record<keyof StepSpec, unknown>>, coalesce?: string): void;
}

export function StepCommandField({ id, step, readOnly, at, set }: StepCommandFieldProps) {
  const notebook = step.notebook !== undefined;
  return (
    <>
      <div className="segmented" role="radiogroup" aria-label="The step runs">
        <button
          type="button"
          role="radio"
          aria-checked={!notebook}
          className={notebook ? '' : 'active'}
          data-testid="step-runs-command"
          onClick={() => {
            if (notebook) set({ notebook: undefined, notebook_output: undefined, run: '' });
          }}
        >
          Command
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={notebook}
          className={notebook ? 'active' : ''}
          data-testid="step-runs-notebook"
          onClick={() => {
            if (!notebook) set({ run: undefined, notebook: `notebooks/${id}.ipynb` });
          }}
        >
          Notebook
        </button>
      </div>
      {notebook ? (
        <>
          <Field
            label="Notebook"
            field="notebook"
            problems={at('notebook')}
            hint="a .ipynb file; params arrive after its cell tagged parameters"
          >
            <input
              data-testid="step-notebook"
              className="mono"
              value={step.notebook ?? ''}
              placeholder="e.g. notebooks/explore.ipynb"
              onChange={(event) => set({ notebook: event.target.value }, `${id}.notebook`)}
            />
          </Field>
          <Field
            label="Executed notebook"
            field="notebook_output"
            problems={at('notebook_output')}
            hint="an output of the step, with every cell's results"
          >
            <input
              data-testid="step-notebook-output"
              className="mono"
              value={step.notebook_output ?? ''}
              placeholder={notebookOutputOf(id, {})}
              onChange={(event) => set({ notebook_output: event.target.value || undefined }, `${id}.notebook_output`)}
            />
          </Field>
        </>
      ) : (
        <Field
          label="Command"
          field="run"
          problems={at('run')}
          hint="run by sh -c in the workspace; params arrive as $PW_PARAM_<NAME>"
        >
          <CodeEditor
            testId="step-command"
            label={`Command of step ${id}`}
            value={String(step.run ?? '')}
            readOnly={readOnly}
            placeholderText="e.g. python3 steps/clean.py"
            onChange={(value) => set({ run: value }, `${id}.run`)}
          />
        </Field>
      )}
    </>
  );
}
