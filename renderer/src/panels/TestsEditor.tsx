// A step's tests: each a logic test command with a severity. (The data-test catalog adds more
// kinds later; a test of an unknown kind is shown but left as it is.)
import { Plus, X } from 'lucide-react';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { TestSpec } from '../../../shared/pipeline/schema.js';
import { TEST_SEVERITIES } from '../../../shared/pipeline/schema.js';
import type { TestResult } from '../../../shared/run/run-types.js';
import { useStudio } from '../app/studio-context.js';
import { updateStep } from '../editor/pipeline-edits.js';
import { StatusIcon } from '../runs/status-look.js';

const outcomeStatus = (result: TestResult) =>
  result.outcome === 'passed' ? 'succeeded' : result.severity === 'error' ? 'failed' : result.severity === 'warn' ? 'warned' : 'skipped';

export function TestsEditor({ id, tests, problems, runTests }: { id: string; tests: TestSpec[]; problems: Problem[]; runTests: TestResult[] }) {
  const { editor, runs, controller } = useStudio();
  const setTests = (next: TestSpec[], coalesce?: string) => editor.getState().edit((draft) => updateStep(draft, id, { tests: next }), coalesce);
  const change = (index: number, patch: Partial<TestSpec>, coalesce?: string) =>
    setTests(tests.map((test, at) => {
      if (at !== index) return test;
      const next: Record<string, unknown> = { ...test, ...patch };
      for (const [key, value] of Object.entries(next)) if (value === undefined || value === '') delete next[key];
      return next as TestSpec;
    }), coalesce);

  return (
    <div className="field tests" data-field="tests">
      <span className="field-label">Tests</span>
      {tests.map((test, index) => {
        const result = runTests.find((candidate) => candidate.index === index);
        const testProblems = problems.filter((problem) => problem.path[3] === index);
        return (
          <div className="test-row" key={index} data-testid={`test-row-${index}`}>
            <div className="test-row-head">
              {result ? <StatusIcon status={outcomeStatus(result)} /> : null}
              <input className="test-name" data-testid={`test-name-${index}`} placeholder={`test #${index + 1}`} value={test.name ?? ''}
                onChange={(event) => change(index, { name: event.target.value }, `${id}.tests.${index}.name`)} />
              <select data-testid={`test-severity-${index}`} value={test.severity ?? 'error'}
                onChange={(event) => change(index, { severity: event.target.value === 'error' ? undefined : event.target.value as TestSpec['severity'] })}>
                {TEST_SEVERITIES.map((severity) => <option key={severity} value={severity}>{severity}</option>)}
              </select>
              <button type="button" className="icon-button" title="Remove test" onClick={() => setTests(tests.filter((_, at) => at !== index))}>
                <X size={14} />
              </button>
            </div>
            <input className="mono" data-testid={`test-command-${index}`} placeholder="a command; exit code 0 passes" value={test.command ?? ''}
              onChange={(event) => change(index, { command: event.target.value }, `${id}.tests.${index}.command`)} />
            {result && result.outcome !== 'passed' ? (
              <button type="button" className="link" onClick={() => { runs.getState().openLog(`${id}#test-${index + 1}`); void controller.loadLog(id, index + 1); }}>
                {result.outcome === 'error' ? 'could not run' : 'failed'}: {result.message} — log
              </button>
            ) : null}
            {testProblems.map((problem, at) => <span key={at} className={`field-problem ${problem.severity}`}>{problem.message}</span>)}
          </div>
        );
      })}
      <button type="button" className="button small" data-testid="test-add" onClick={() => setTests([...tests, { command: 'true' }])}>
        <Plus size={13} /> Add test
      </button>
    </div>
  );
}
