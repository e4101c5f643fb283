// Two runs side by side for a terminal: what each ran on, then params, steps, tests and metrics
// as aligned tables with the rows that differ marked, and the differences in words at the end.
import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { RunComparison, RunSide } from '../../../shared/journeys/journey-types.js';
import { localTime } from './local-time.js';
import { table } from './run-text.js';
import type { Styler } from './terminal-style.js';
import { statusLabel } from './terminal-style.js';

export function compareText(style: Styler, comparison: RunComparison): string {
  const { a, b } = comparison;
  const mark = (differs: boolean) => (differs ? style('yellow', '≠') : ' ');
  const section = (title: string, header: string[], rows: string[][]) =>
    rows.length === 0
      ? []
      : ['', style('bold', title), indent(table([['', ...header].map((cell) => style('bold', cell)), ...rows]))];

  const lines = [
    indent(
      table([
        ['', style('bold', 'A'), style('bold', 'B')],
        ...sideRows(a, b).map(([label, left, right]) => [style('gray', label), left, right]),
      ]),
    ),
    ...section(
      'PARAMS',
      ['PARAM', 'A', 'B'],
      comparison.params.map((param) => [mark(param.differs), param.name, paramCell(param.a), paramCell(param.b)]),
    ),
    ...section(
      'STEPS',
      ['STEP', 'A', '', 'B', ''],
      comparison.steps.map((step) => [
        mark(step.differs),
        step.id,
        step.a ? statusLabel(style, step.a.status) : '-',
        style('gray', durationCell(step.a)),
        step.b ? statusLabel(style, step.b.status) : '-',
        style('gray', durationCell(step.b)),
      ]),
    ),
    ...section(
      'TESTS',
      ['STEP', 'TEST', 'A', 'B'],
      comparison.tests.map((test) => [mark(test.differs), test.step, test.name, testCell(test.a), testCell(test.b)]),
    ),
    ...section(
      'METRICS',
      ['STEP', 'METRIC', 'A', 'B', 'DELTA'],
      comparison.metrics.map((metric) => [
        mark(metric.differs),
        metric.step,
        metric.metric,
        numberCell(metric.a),
        numberCell(metric.b),
        metric.delta === null ? '-' : metric.delta > 0 ? `+${metric.delta}` : String(metric.delta),
      ]),
    ),
    '',
    comparison.differences.length === 0
      ? style('green', 'no differences: same params, step outcomes, tests and metrics')
      : style('bold', `${comparison.differences.length} difference${comparison.differences.length === 1 ? '' : 's'}`),
    ...comparison.differences.map((line) => `  ${style('yellow', '≠')} ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

function sideRows(a: RunSide, b: RunSide): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [
    ['run', a.id, b.id],
    ['status', a.status, b.status],
    ['pipeline', a.pipeline, b.pipeline],
    ['environment', a.environment ?? '-', b.environment ?? '-'],
    ['ref', a.ref ?? '(working tree)', b.ref ?? '(working tree)'],
    ['commit', commitCell(a), commitCell(b)],
    ['trigger', a.trigger, b.trigger],
    ['started', localTime(a.createdAt), localTime(b.createdAt)],
  ];
  for (const environment of [...new Set([...Object.keys(a.images), ...Object.keys(b.images)])].sort()) {
    rows.push([`image ${environment}`, shortImage(a.images[environment]), shortImage(b.images[environment])]);
  }
  return rows;
}

function commitCell(side: RunSide): string {
  if (side.gitCommit === null) return '-';
  return `${side.gitCommit.slice(0, 7)}${side.gitBranch ? ` (${side.gitBranch})` : ''}`;
}

function shortImage(id: string | undefined): string {
  if (id === undefined) return '-';
  return id.startsWith('sha256:') ? id.slice(0, 19) : id;
}

function paramCell(side: RunComparison['params'][number]['a']): string {
  return side === null ? '-' : `${JSON.stringify(side.value)} (${side.source})`;
}

function durationCell(side: RunComparison['steps'][number]['a']): string {
  if (side === null || side.durationMs === null) return '';
  return side.cached ? 'cached' : formatDuration(side.durationMs);
}

function testCell(side: RunComparison['tests'][number]['a']): string {
  if (side === null) return 'not run';
  return side.observed === null ? side.outcome : `${side.outcome} (${side.observed})`;
}

function numberCell(value: number | null): string {
  return value === null ? '-' : String(value);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
