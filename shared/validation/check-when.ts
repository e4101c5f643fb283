// Problems of a step's `when:` condition, placed at the very character of the YAML file they are
// about: the offset of the condition's scalar plus the offset inside the expression.
import { isMap, isPair, isScalar } from 'yaml';
import type { Problem } from '../pipeline/problem.js';
import type { ParamSpec } from '../pipeline/schema.js';
import { checkWhen } from '../pipeline/when-evaluate.js';
import type { YamlSource } from '../pipeline/yaml-source.js';

export function whenProblems(
  source: YamlSource,
  stepId: string,
  when: string,
  params: Readonly<Record<string, ParamSpec>>,
): Problem[] {
  const issues = checkWhen(when, params);
  // Only a problem needs the document's source ranges: a valid condition leaves it unparsed.
  if (issues.length === 0) return [];
  const base = whenTextOffset(source, stepId, when);
  const whole = source.locate(['steps', stepId, 'when']);
  return issues.map((issue) => {
    const start = base === null ? whole : position(source.text, base + issue.start);
    const end =
      base === null
        ? { line: whole.endLine, column: whole.endColumn }
        : position(source.text, base + Math.max(issue.end, issue.start + 1));
    return {
      severity: issue.severity,
      code: issue.severity === 'error' ? 'invalid-condition' : 'condition-type',
      message: `when: ${issue.message}`,
      file: source.file,
      path: ['steps', stepId, 'when'],
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  });
}

/**
 * Where the expression's first character is in the file: after the opening quote of a quoted
 * scalar. Null when the text in the file is not the expression character for character
 * (escapes, a folded block): problems then point at the whole value.
 */
function whenTextOffset(source: YamlSource, stepId: string, when: string): number | null {
  const steps = isMap(source.document.contents) ? source.document.contents.get('steps', true) : null;
  const step = isMap(steps) ? steps.get(stepId, true) : null;
  const pair = isMap(step)
    ? step.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'when')
    : undefined;
  const node = pair?.value;
  if (!isScalar(node) || !node.range) return null;
  const start = node.range[0] + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
  return source.text.startsWith(when, start) ? start : null;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < offset && at < text.length; at += 1) {
    if (text[at] === '\n') {
      line += 1;
      lineStart = at + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
