// A step's `when:` as an Argo task's `when`, so a conditional step is skipped on the cluster as
// it is here. The condition is written as one Argo expression tag (`{{=...}}`, expr-lang) over
// `workflow.parameters`, never by pasting param values into the text Argo's govaluate reads:
// a submitted value is data, whatever quotes it holds. Workflow parameters are strings, so a
// number param is read with asFloat and a boolean one compared with 'true'.
import type { ParamSpec } from '../../../shared/pipeline/schema.js';
import type { Literal, WhenNode } from '../../../shared/pipeline/when-expression.js';
import { parseWhen } from '../../../shared/pipeline/when-expression.js';
import { ExportError } from './export-error.js';

/** A literal as expr-lang reads it; numbers as floats, so they equal asFloat's. */
function literal(value: Literal): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function param(name: string, spec: ParamSpec | undefined): string {
  const read = `workflow.parameters[${JSON.stringify(name)}]`;
  if (spec?.type === 'number' || spec?.type === 'integer') return `asFloat(${read})`;
  if (spec?.type === 'boolean') return `(${read} == 'true')`;
  return read;
}

function expression(node: WhenNode, params: Readonly<Record<string, ParamSpec>>): string {
  switch (node.kind) {
    case 'literal':
      return literal(node.value);
    case 'param':
      return param(node.name, params[node.name]);
    case 'not':
      return `!(${expression(node.operand, params)})`;
    case 'logic':
      return `(${expression(node.left, params)} ${node.op === 'and' ? '&&' : '||'} ${expression(node.right, params)})`;
    case 'compare':
      return `(${expression(node.left, params)} ${node.op} ${expression(node.right, params)})`;
    case 'in': {
      const test = `(${expression(node.left, params)} in [${node.list.map((item) => literal(item.value)).join(', ')}])`;
      return node.negated ? `!${test}` : test;
    }
  }
}

/** The Argo `when` of a step's condition; the condition was validated with its file. */
export function argoWhen(stepId: string, condition: string, params: Readonly<Record<string, ParamSpec>>): string {
  const text = expression(parseWhen(condition), params);
  // Argo looks for its tags before it evaluates anything: braces in a string would open one.
  if (text.includes('{{') || text.includes('}}'))
    throw new ExportError(
      `step "${stepId}": when: ${condition} holds "{{" or "}}" in a string, which Argo would read as a template tag`,
    );
  return `{{=${text}}}`;
}
