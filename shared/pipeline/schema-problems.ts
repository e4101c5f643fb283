// Turns schema (zod) issues into problems that read like a reviewer's comments: the field,
// what was expected, what was found, and for a typo the key that was probably meant.
import { z } from 'zod';
import type { FieldPath, Problem } from './problem.js';
import type { YamlSource } from './yaml-source.js';
import { didYouMean } from '../text/did-you-mean.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function schemaProblems(source: YamlSource, schema: AnySchema, issues: readonly Issue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        problems.push({
          severity: 'error',
          code: 'unknown-key',
          message: `unknown key "${key}"`,
          file: source.file,
          path: [...path, key],
          ...source.locate([...path, key], 'key'),
          ...(hint ? { hint } : {}),
        });
      }
      continue;
    }
    const value = valueAt(source.data, path);
    if (value === undefined && issue.code === 'invalid_type') {
      const field = String(path[path.length - 1] ?? '');
      problems.push({
        severity: 'error',
        code: 'missing-field',
        message: `missing required field "${field}"`,
        file: source.file,
        path,
        ...source.locate(path.slice(0, -1), 'key'),
      });
      continue;
    }
    const hint =
      issue.code === 'invalid_value' && typeof value === 'string'
        ? didYouMean(value, issue.values.map(String))
        : undefined;
    problems.push({
      severity: 'error',
      code: 'invalid-value',
      message: describeIssue(issue, value),
      file: source.file,
      path,
      ...source.locate(path),
      ...(hint ? { hint } : {}),
    });
  }
  return problems;
}

function describeIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(value)}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    case 'invalid_union':
      return `expected a string, number or boolean, got ${describeValue(value)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)}, got ${describeValue(value)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${describeValue(value)}`;
    case 'invalid_format':
      return `must be ${issue.format === 'regex' ? (issue.message ?? 'well-formed') : issue.format}, got ${describeValue(value)}`;
    case 'invalid_key':
      return `invalid key: ${issue.message}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    int: 'an integer',
    object: 'a mapping (key: value)',
    array: 'a list',
    record: 'a mapping (key: value)',
  };
  return words[expected] ?? `a ${expected}`;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Reflect.get(node, segment);
  }
  return node;
}

/** The keys an object schema allows at a field path, to suggest the one a typo meant. */
function knownKeys(schema: AnySchema, path: FieldPath): string[] {
  let current: AnySchema | undefined = schema;
  for (const segment of path) {
    current = current && childSchema(unwrap(current), segment);
  }
  const target = current && unwrap(current);
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap();
  }
  return current;
}

function childSchema(schema: AnySchema, segment: string | number): AnySchema | undefined {
  if (schema instanceof z.ZodObject) return schema.shape[String(segment)];
  if (schema instanceof z.ZodRecord) return schema.valueType;
  if (schema instanceof z.ZodArray) return schema.element;
  return undefined;
}
