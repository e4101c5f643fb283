import type { Problem } from '../../../shared/pipeline/problem.js';
import { formatProblem, sortProblems } from '../../../shared/pipeline/problem.js';
import type { Styler } from './terminal-style.js';

const MAX_SHOWN = 50;

/** Problems as compiler-style lines (file:line:col: error: ...), errors in red; at most 50. */
export function formatProblems(problems: readonly Problem[], style: Styler): string {
  const sorted = sortProblems([...problems]);
  const lines = sorted.slice(0, MAX_SHOWN).map((problem) => {
    const line = formatProblem(problem);
    return problem.severity === 'error' ? style('red', line) : style('yellow', line);
  });
  if (sorted.length > MAX_SHOWN)
    lines.push(`… and ${sorted.length - MAX_SHOWN} more (pipewright validate --json lists them all)`);
  return lines.join('\n');
}
