import type { Problem } from '../../../shared/pipeline/problem.js';
import { formatProblem, sortProblems } from '../../../shared/pipeline/problem.js';
import type { Styler } from './terminal-style.js';

/** Problems as compiler-style lines (file:line:col: error: ...), errors in red. */
export function formatProblems(problems: readonly Problem[], style: Styler): string {
  return sortProblems([...problems])
    .map((problem) => {
      const line = formatProblem(problem);
      return problem.severity === 'error' ? style('red', line) : style('yellow', line);
    })
    .join('\n');
}
