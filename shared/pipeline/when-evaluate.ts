// What a `when:` condition means: checked against the params a pipeline declares (with the file,
// so a typo is found before any run) and worked out from a run's resolved values by walking the
// parsed tree. Nothing here runs the text as code.
import { didYouMean } from '../text/did-you-mean.js';
import { WhenSyntaxError, parseWhen } from './when-expression.js';
import type { Literal, Span, WhenNode } from './when-expression.js';
import type { ParamSpec, ParamValue } from './schema.js';

export interface WhenIssue extends Span {
  severity: 'error' | 'warning';
  message: string;
}

type ValueType = 'string' | 'number' | 'boolean';

function typeOfValue(value: Literal): ValueType {
  if (typeof value === 'string') return 'string';
  return typeof value === 'number' ? 'number' : 'boolean';
}

function typeOfParam(spec: ParamSpec): ValueType {
  return spec.type === 'integer' ? 'number' : spec.type;
}

/**
 * Everything wrong with a condition for a pipeline with these params: syntax, unknown params
 * (errors), and comparisons that can never hold or values of the wrong kind (see each message).
 */
export function checkWhen(text: string, params: Readonly<Record<string, ParamSpec>>): WhenIssue[] {
  let tree: WhenNode;
  try {
    tree = parseWhen(text);
  } catch (error) {
    if (error instanceof WhenSyntaxError) return [{ severity: 'error', message: error.message, ...error.span }];
    throw error;
  }
  const issues: WhenIssue[] = [];
  const names = Object.keys(params);
  const typeOf = (node: WhenNode): ValueType | null => {
    switch (node.kind) {
      case 'literal':
        return typeOfValue(node.value);
      case 'param': {
        const spec = params[node.name];
        if (spec) return typeOfParam(spec);
        const hint = didYouMean(node.name, names);
        const known = names.length ? `; params: ${names.join(', ')}` : '; the pipeline declares no params';
        issues.push({
          severity: 'error',
          message: `unknown param "${node.name}"${hint ? ` (${hint})` : ''}${known}`,
          start: node.start,
          end: node.end,
        });
        return null;
      }
      case 'not':
        condition(node.operand);
        return 'boolean';
      case 'logic':
        condition(node.left);
        condition(node.right);
        return 'boolean';
      case 'compare': {
        const left = typeOf(node.left);
        const right = typeOf(node.right);
        if (left && right && left !== right) {
          issues.push({
            severity: 'warning',
            message: `${describe(text, node.left)} is a ${left} and ${describe(text, node.right)} a ${right}: ${node.op === '!=' ? 'always true' : node.op === '==' ? 'always false' : 'they cannot be ordered'}`,
            start: node.start,
            end: node.end,
          });
        } else if (left === 'boolean' && node.op !== '==' && node.op !== '!=') {
          issues.push({
            severity: 'error',
            message: `${node.op} orders numbers or text, not true and false`,
            start: node.start,
            end: node.end,
          });
        }
        return 'boolean';
      }
      case 'in': {
        const left = typeOf(node.left);
        for (const item of node.list) {
          if (left && typeOfValue(item.value) !== left) {
            issues.push({
              severity: 'warning',
              message: `${describe(text, item)} is not a ${left} like ${describe(text, node.left)}: it never matches`,
              start: item.start,
              end: item.end,
            });
          }
        }
        const spec = node.left.kind === 'param' ? params[node.left.name] : undefined;
        for (const item of node.list) {
          if (spec?.enum && !spec.enum.includes(item.value)) {
            issues.push({
              severity: 'warning',
              message: `${describe(text, item)} is not one of the values "${node.left.kind === 'param' ? node.left.name : ''}" allows`,
              start: item.start,
              end: item.end,
            });
          }
        }
        return 'boolean';
      }
    }
  };
  /** A node used as a condition on its own must be true or false. */
  const condition = (node: WhenNode): void => {
    const type = typeOf(node);
    if (type && type !== 'boolean') {
      issues.push({
        severity: 'error',
        message: `${describe(text, node)} is a ${type}, not true or false: compare it (for example ${describe(text, node)} != ${type === 'string' ? "''" : '0'})`,
        start: node.start,
        end: node.end,
      });
    }
  };
  condition(tree);
  return issues;
}

function describe(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

export class WhenEvaluationError extends Error {}

/** Whether the step runs with these param values; throws WhenEvaluationError for a condition the check would refuse. */
export function evaluateWhen(text: string, values: Readonly<Record<string, ParamValue>>): boolean {
  let tree: WhenNode;
  try {
    tree = parseWhen(text);
  } catch (error) {
    if (error instanceof WhenSyntaxError) throw new WhenEvaluationError(`condition "${text}": ${error.message}`);
    throw error;
  }
  const value = (node: WhenNode): Literal => {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'param': {
        const found = values[node.name];
        if (found === undefined)
          throw new WhenEvaluationError(`condition "${text}": the run has no param "${node.name}"`);
        return found;
      }
      case 'not':
        return !truth(node.operand);
      case 'logic':
        return node.op === 'and' ? truth(node.left) && truth(node.right) : truth(node.left) || truth(node.right);
      case 'compare':
        return compare(node.op, value(node.left), value(node.right));
      case 'in': {
        const left = value(node.left);
        return node.list.some((item) => item.value === left) !== node.negated;
      }
    }
  };
  const truth = (node: WhenNode): boolean => {
    const result = value(node);
    if (typeof result !== 'boolean')
      throw new WhenEvaluationError(
        `condition "${text}": ${describe(text, node)} is ${JSON.stringify(result)}, not true or false`,
      );
    return result;
  };
  const compare = (op: string, left: Literal, right: Literal): boolean => {
    if (op === '==') return left === right;
    if (op === '!=') return left !== right;
    if (typeof left !== typeof right || typeof left === 'boolean') {
      throw new WhenEvaluationError(
        `condition "${text}": ${JSON.stringify(left)} ${op} ${JSON.stringify(right)} cannot be ordered`,
      );
    }
    if (op === '<') return left < right;
    if (op === '<=') return left <= right;
    if (op === '>') return left > right;
    return left >= right;
  };
  return truth(tree);
}
