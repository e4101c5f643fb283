// A step's tests: logic tests (a command) and data tests (a check of an input or output file),
// each edited through a form for its kind. Every edit goes through the editor store, so undo,
// live validation and save treat it like any other field.
import { useMemo } from 'react';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import type { TestResult } from '../../../shared/run/run-types.js';
import { useEditor, useStudio } from '../studio/studio-context.js';
import { updateStep } from '../editor/pipeline-edits.js';
import { AddTestMenu } from './tests/AddTestMenu.js';
import { TestItem } from './tests/TestItem.js';
import { newTest } from './tests/test-values.js';

interface TestsEditorProps {
  id: string;
  step: StepSpec;
  /** The problems of the whole pipeline; each field picks those at its path. */
  problems: readonly Problem[];
  runTests: readonly TestResult[];
  readOnly: boolean;
}

/** Files a test is likely to check: this step's inputs and outputs, then what other steps write. */
function usePathSuggestions(id: string, step: StepSpec): string[] {
  const steps = useEditor((state) => state.draft?.steps);
  return useMemo(() => {
    const others = Object.entries(steps ?? {})
      .filter(([other]) => other !== id)
      .flatMap(([, spec]) => spec.outputs ?? []);
    return [...new Set([...(step.inputs ?? []), ...(step.outputs ?? []), ...others])];
  }, [steps, id, step.inputs, step.outputs]);
}

export function TestsEditor({ id, step, problems, runTests, readOnly }: TestsEditorProps) {
  const { editor } = useStudio();
  const tests = step.tests ?? [];
  const paths = usePathSuggestions(id, step);
  const pathsList = `test-paths-${id}`;
  const setTests = (next: TestSpec[], coalesce?: string) =>
    editor.getState().edit((draft) => updateStep(draft, id, { tests: next }), coalesce);

  return (
    <div className="field tests" data-field="tests">
      <span className="field-label">Tests</span>
      <datalist id={pathsList}>
        {paths.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      {tests.map((test, index) => (
        <TestItem
          key={index}
          stepId={id}
          index={index}
          test={test}
          step={step}
          problems={problems}
          pathsList={pathsList}
          readOnly={readOnly}
          result={runTests.find((candidate) => candidate.index === index)}
          onChange={(next, coalesce) =>
            setTests(
              tests.map((existing, at) => (at === index ? next : existing)),
              coalesce,
            )
          }
          onRemove={() => setTests(tests.filter((_, at) => at !== index))}
        />
      ))}
      <AddTestMenu onAdd={(kind) => setTests([...tests, newTest(kind, step)])} />
    </div>
  );
}
