// A semantic pipeline diff for the terminal: per pipeline, steps added (+), removed (-) and
// changed (~) with each changed field's old and new value, params, tests, environments and
// edges — the pipeline's changes, not the YAML's.
import { summarizeDiff } from '../../../shared/git/pipeline-diff.js';
import type { FieldChange } from '../../../shared/git/pipeline-diff.js';
import type { PipelineFileDiff } from '../../../shared/git/repository-types.js';
import type { Styler } from './terminal-style.js';

const MARK = { added: '+', removed: '-', changed: '~' } as const;
const STYLE = { added: 'green', removed: 'red', changed: 'yellow' } as const;

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function fieldLines(fields: readonly FieldChange[], indent: string): string[] {
  return fields.map((field) => `${indent}${field.field || '(whole)'}: ${show(field.before)} → ${show(field.after)}`);
}

export function diffText(
  diffs: readonly PipelineFileDiff[],
  labels: { from: string; to: string },
  style: Styler,
): string {
  if (diffs.length === 0) return `no pipeline changes from ${labels.from} to ${labels.to}\n`;
  const lines: string[] = [];
  for (const file of diffs) {
    const { diff } = file;
    lines.push(style('bold', `${file.path} (${file.name}): ${file.change} — ${summarizeDiff(diff)}`));
    lines.push(...fieldLines(diff.pipeline, '    '));
    for (const step of diff.steps) {
      lines.push(style(STYLE[step.change], `  ${MARK[step.change]} step ${step.id}`));
      if (step.change === 'changed')
        lines.push(
          ...fieldLines(
            step.fields.filter((field) => field.field !== 'tests'),
            '      ',
          ),
        );
    }
    for (const test of diff.tests) {
      lines.push(style(STYLE[test.change], `  ${MARK[test.change]} test "${test.name}" of ${test.step}`));
      if (test.change === 'changed') lines.push(...fieldLines(test.fields, '      '));
    }
    for (const param of diff.params) {
      lines.push(style(STYLE[param.change], `  ${MARK[param.change]} param ${param.name}`));
      if (param.change === 'changed') lines.push(...fieldLines(param.fields, '      '));
    }
    for (const change of diff.environments)
      lines.push(`  environment of ${change.step}: ${change.before ?? '(default)'} → ${change.after ?? '(default)'}`);
    for (const edge of diff.edges.added) lines.push(style('green', `  + edge ${edge.from} → ${edge.to}`));
    for (const edge of diff.edges.removed) lines.push(style('red', `  - edge ${edge.from} → ${edge.to}`));
  }
  return `${lines.join('\n')}\n`;
}
