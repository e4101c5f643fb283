// Plain-text pieces of a run report, shared by the live view, the line reporter and
// `pipewright runs show`.
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { triggerText } from '../../../shared/journeys/compare-runs.js';
import type { RunSummary, StepRunSummary, TestResult } from '../../../shared/run/run-types.js';
import { readFileTail } from '../../services/files/file-tail.js';
import type { Styler } from './terminal-style.js';
import { statusGlyph, statusLabel } from './terminal-style.js';

const LOG_TAIL_LINES = 20;
/** Enough for the tail's lines unless they are very long; what is printed is cut to lines anyway. */
const LOG_TAIL_BYTES = 64 * 1024;

export function stepLine(style: Styler, step: StepRunSummary, idWidth: number): string {
  const parts = [padVisible(statusLabel(style, step.status), 13), step.id.padEnd(idWidth)];
  if (step.durationMs !== null && step.status !== 'skipped' && step.status !== 'skipped-condition')
    parts.push(style('gray', formatDuration(step.durationMs)));
  if (step.attempts > 1) parts.push(style('gray', `${step.attempts} attempts`));
  if (step.message && step.status !== 'succeeded') parts.push(style('gray', `— ${step.message}`));
  const last = lastErrorNote(step);
  if (last) parts.push(style('gray', last));
  return `  ${parts.join('  ')}`;
}

/** "(last error: …)" for a failed step whose log said more than its cause. */
export function lastErrorNote(step: StepRunSummary): string {
  const line = step.status === 'failed' ? step.failure?.lastErrorLine : null;
  return line ? `(last error: ${line})` : '';
}

/** Rows as aligned columns (widths counted in visible characters). */
export function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => stripVTControlCharacters(row[column] ?? '').length))) ??
    [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => padVisible(cell, widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Pads to a width counted in visible characters, ignoring colour codes. */
export function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stripVTControlCharacters(text).length));
}

export function testLine(style: Styler, test: TestResult): string {
  const status =
    test.outcome === 'passed'
      ? 'succeeded'
      : test.severity === 'error'
        ? 'failed'
        : test.severity === 'warn'
          ? 'warned'
          : 'skipped';
  const detail =
    test.outcome === 'passed'
      ? ''
      : style(
          'gray',
          ` — ${test.outcome === 'error' ? 'could not run: ' : ''}${test.message ?? ''} [${test.severity}]`,
        );
  const stage = test.stage === 'input' ? style('gray', ' (input)') : '';
  return `      ${statusGlyph(style, status)} test ${test.name}${stage}${observedText(style, test)}${detail}`;
}

/** "observed 12, expected 0 rows" for a data test; nothing for a logic test. */
export function observedText(style: Styler, test: TestResult): string {
  if (test.expected === null) return '';
  const observed = test.observed === null ? '' : `observed ${String(test.observed)}, `;
  return style('gray', ` (${observed}expected ${test.expected})`);
}

export function countSteps(run: RunSummary): string {
  const counts = new Map<string, number>();
  for (const step of run.steps) counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
  return [...counts.entries()].map(([status, count]) => `${count} ${status}`).join(', ');
}

export function runHeadline(style: Styler, run: RunSummary): string {
  const duration = run.durationMs === null ? '' : ` in ${formatDuration(run.durationMs)}`;
  const reason = run.message ? style('gray', ` — ${run.message}`) : '';
  return `${statusLabel(style, run.status)} ${style('bold', run.pipeline)} run ${run.id}${duration} (${countSteps(run)})${reason}`;
}

/** The end of a failed step's log, so the reason is on screen without opening a file. */
export function logTail(root: string, logPath: string | null, lines = LOG_TAIL_LINES): string[] {
  if (!logPath) return [];
  // Only the end is read: a log can be gigabytes.
  const text = readFileTail(join(root, logPath), LOG_TAIL_BYTES).text.replace(/\n$/, '');
  return text === '' ? [] : text.split('\n').slice(-lines);
}

export function failureDetails(style: Styler, root: string, run: RunSummary): string {
  const blocks: string[] = [];
  for (const step of run.steps) {
    if (step.status !== 'failed') continue;
    const tail = logTail(root, step.logPath);
    const failedTests = step.tests.filter((test) => test.outcome !== 'passed' && test.severity === 'error');
    const lines = [style('red', `── ${step.id}: ${step.message ?? 'failed'}`)];
    if (step.failure?.lastErrorLine) lines.push(style('gray', `   last error: ${step.failure.lastErrorLine}`));
    if (tail.length > 0)
      lines.push(...tail.map((line) => style('gray', `   │ ${line}`)), style('gray', `   log: ${step.logPath ?? ''}`));
    for (const test of failedTests) {
      lines.push(
        style('gray', `   test ${test.name}: ${test.message ?? ''}`),
        ...logTail(root, test.logPath, 10).map((line) => style('gray', `   │ ${line}`)),
      );
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n');
}

export function runReport(style: Styler, root: string, run: RunSummary): string {
  const width = Math.max(4, ...run.steps.map((step) => step.id.length));
  const lines = [runHeadline(style, run)];
  if (run.environment) lines.push(style('gray', `  environment: ${run.environment}`));
  if (run.ref !== null) lines.push(style('gray', `  ref: ${run.ref}${run.gitCommit ? ` at ${run.gitCommit}` : ''}`));
  else if (run.gitCommit)
    lines.push(style('gray', `  git: working tree on ${run.gitBranch ?? 'a detached HEAD'} at ${run.gitCommit}`));
  lines.push(style('gray', `  trigger: ${triggerText(run.trigger)}`));
  const params = Object.entries(run.params);
  if (params.length > 0) {
    lines.push(
      style('gray', '  params:'),
      ...params.map(([name, param]) => style('gray', `    ${name} = ${JSON.stringify(param.value)} (${param.source})`)),
    );
  }
  for (const step of run.steps) {
    lines.push(stepLine(style, step, width));
    for (const test of step.tests) lines.push(testLine(style, test));
  }
  const failures = failureDetails(style, root, run);
  if (failures) lines.push('', failures);
  return lines.join('\n');
}
