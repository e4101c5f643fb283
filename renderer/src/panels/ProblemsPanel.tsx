// The same validation messages as `pipewright validate`, live while editing. Clicking one
// selects the step and the field it is about.
import { AlertCircle, TriangleAlert } from 'lucide-react';
import { formatFieldPath } from '../../../shared/pipeline/problem.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { useEditor, useStudio, useWorkspace } from '../studio/studio-context.js';
import { NO_ITEMS } from '../studio/empty.js';

export function ProblemsPanel() {
  const { editor } = useStudio();
  const problems = useEditor((state) => state.problems);
  const settingsProblems = useWorkspace((state) => state.info?.settingsProblems ?? NO_ITEMS);
  const all = [...settingsProblems, ...problems];

  const reveal = (problem: Problem) => {
    const [section, stepId, ...rest] = problem.path;
    if (section === 'steps' && typeof stepId === 'string' && editor.getState().draft?.steps[stepId]) {
      editor.getState().select([stepId]);
      editor.getState().setFocus({ stepId, path: rest });
    } else {
      editor.getState().select([]);
      editor.getState().setFocus({ stepId: null, path: problem.path.slice(1) });
    }
  };

  return (
    <div className="problems" data-testid="problems-panel">
      <div className="panel-title">
        Problems{' '}
        <span className="count" data-testid="problem-count">
          {all.length}
        </span>
      </div>
      {all.length === 0 ? <p className="muted">No problems.</p> : null}
      <ul>
        {all.map((problem, index) => (
          <li key={index}>
            <button
              type="button"
              className={`problem ${problem.severity}`}
              data-testid={`problem-${index}`}
              data-code={problem.code}
              onClick={() => reveal(problem)}
            >
              {problem.severity === 'error' ? <AlertCircle size={14} /> : <TriangleAlert size={14} />}
              <span className="problem-message">
                {problem.message}
                {problem.hint ? ` (${problem.hint})` : ''}
              </span>
              <span className="problem-where mono">
                {formatFieldPath(problem.path)} · {problem.file}:{problem.line}:{problem.column}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
