// A pipeline diff as a list a person reads line by line: each change with where it is (the
// pipeline, a step, a param, a test of a step), the field, and its old and new value. Merge
// previews and compare views show this instead of counts.
import type { ChangeKind, FieldChange, PipelineDiff } from './pipeline-diff.js';
import { isPlainMap } from './plain-data.js';

export interface ChangeLine {
  subject: 'pipeline' | 'step' | 'param' | 'test';
  /** The step id, param name or test name; '' for a field of the pipeline itself. */
  name: string;
  /** The step a test belongs to. */
  step?: string;
  change: ChangeKind;
  /** The field that changed; '' when the whole entry was added or removed. */
  field: string;
  before: unknown;
  after: unknown;
}

export function listChanges(diff: PipelineDiff): ChangeLine[] {
  const lines: ChangeLine[] = diff.pipeline.map((field) => ({
    subject: 'pipeline',
    name: '',
    change: fieldKind(field),
    ...field,
  }));
  for (const step of diff.steps) {
    if (step.change !== 'changed') {
      lines.push({
        subject: 'step',
        name: step.id,
        change: step.change,
        field: '',
        ...entryValues(step.change, step.fields),
      });
      continue;
    }
    const tests = diff.tests.filter((test) => test.step === step.id);
    for (const field of step.fields) {
      // Tests are listed one by one below, unless the field is not a list of tests at all.
      if (field.field === 'tests' && tests.length > 0) continue;
      lines.push({ subject: 'step', name: step.id, change: fieldKind(field), ...field });
    }
    for (const test of tests) {
      if (test.change !== 'changed') {
        lines.push({
          subject: 'test',
          name: test.name,
          step: step.id,
          change: test.change,
          field: '',
          ...entryValues(test.change, test.fields),
        });
      } else {
        for (const field of test.fields)
          lines.push({ subject: 'test', name: test.name, step: step.id, change: fieldKind(field), ...field });
      }
    }
  }
  for (const param of diff.params) {
    if (param.change !== 'changed') {
      lines.push({
        subject: 'param',
        name: param.name,
        change: param.change,
        field: '',
        ...entryValues(param.change, param.fields),
      });
    } else {
      for (const field of param.fields)
        lines.push({ subject: 'param', name: param.name, change: fieldKind(field), ...field });
    }
  }
  return lines;
}

/** "step train", "test not_empty of clean", "param region", "pipeline". */
export function changePlace(line: ChangeLine): string {
  if (line.subject === 'pipeline') return 'pipeline';
  if (line.subject === 'test') return `test ${line.name} of ${line.step ?? ''}`;
  return `${line.subject} ${line.name}`;
}

/** A value on one line, as it reads in YAML: `[a, b]`, `{ type: number }`; "(none)" when absent. */
export function formatChangeValue(value: unknown, limit = 80): string {
  if (value === undefined) return '(none)';
  const text = flow(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function flow(value: unknown): string {
  if (typeof value === 'string') return value === '' || /^\s|\s$|\n/.test(value) ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (isPlainMap(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${key}: ${flow(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

function fieldKind(field: FieldChange): ChangeKind {
  if (field.before === undefined) return 'added';
  return field.after === undefined ? 'removed' : 'changed';
}

/** An added or removed entry shows as one line: nothing on one side, all its fields on the other. */
function entryValues(change: ChangeKind, fields: FieldChange[]): { before: unknown; after: unknown } {
  const whole = fields.length === 1 && fields[0]?.field === '';
  const value = whole
    ? change === 'added'
      ? fields[0]?.after
      : fields[0]?.before
    : Object.fromEntries(fields.map((field) => [field.field, change === 'added' ? field.after : field.before]));
  return change === 'added' ? { before: undefined, after: value } : { before: value, after: undefined };
}
