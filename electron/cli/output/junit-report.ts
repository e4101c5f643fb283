// JUnit XML, the report format CI systems (GitHub, GitLab, Jenkins, Azure) display: one
// testcase per step and one per test, with failures, errors and skips where they happened.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunSummary, StepRunSummary, TestResult } from '../../../shared/run/run-types.js';
import { writeFileAtomic } from '../../services/files/atomic-write.js';
import { logTail } from './run-text.js';

/** Characters XML 1.0 cannot carry at all (most control characters) are dropped. */
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

function xml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);

function stepCase(run: RunSummary, step: StepRunSummary, root: string): string {
  const open = `    <testcase classname="${xml(run.pipeline)}" name="${xml(step.id)}" time="${seconds(step.durationMs)}">`;
  const log = logTail(root, step.logPath, 50).join('\n');
  const body: string[] = [];
  if (step.status === 'failed' || step.status === 'interrupted') {
    body.push(
      `      <failure type="${step.status}" message="${xml(step.message ?? step.status)}">${xml(log)}</failure>`,
    );
  } else if (
    step.status === 'skipped' ||
    step.status === 'skipped-condition' ||
    step.status === 'cancelled' ||
    step.status === 'pending'
  ) {
    body.push(`      <skipped message="${xml(step.message ?? step.status)}"/>`);
  } else if (step.status === 'cached') {
    body.push(`      <system-out>${xml(`cached: ${step.message ?? ''}`)}</system-out>`);
  }
  if (log && step.status !== 'failed') body.push(`      <system-out>${xml(log)}</system-out>`);
  return body.length === 0 ? `${open.replace(/>$/, '/>')}` : [open, ...body, '    </testcase>'].join('\n');
}

function testCase(run: RunSummary, step: StepRunSummary, test: TestResult): string {
  const open = `    <testcase classname="${xml(`${run.pipeline}.${step.id}`)}" name="${xml(test.name)}" time="${seconds(test.durationMs)}">`;
  // A data test's measurement is reported for every outcome: a passing value is a baseline too.
  const measured =
    test.expected === null
      ? ''
      : `${test.stage} test: observed ${test.observed === null ? 'nothing' : String(test.observed)}, expected ${test.expected}`;
  const output = measured ? [`      <system-out>${xml(measured)}</system-out>`] : [];
  const message = xml(`[${test.severity}] ${test.message ?? test.outcome}`);
  if (test.outcome === 'passed')
    return output.length === 0 ? open.replace(/>$/, '/>') : [open, ...output, '    </testcase>'].join('\n');
  if (test.severity === 'log')
    return [
      open,
      `      <system-out>${message}${measured ? xml(`\n${measured}`) : ''}</system-out>`,
      '    </testcase>',
    ].join('\n');
  const tag = test.outcome === 'error' ? 'error' : 'failure';
  const type = test.severity === 'warn' ? 'warning' : test.outcome;
  return [open, `      <${tag} type="${type}" message="${message}"/>`, ...output, '    </testcase>'].join('\n');
}

export function junitReport(run: RunSummary, root: string): string {
  const cases: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const step of run.steps) {
    cases.push(stepCase(run, step, root));
    tests += 1;
    if (step.status === 'failed' || step.status === 'interrupted') failures += 1;
    if (
      step.status === 'skipped' ||
      step.status === 'skipped-condition' ||
      step.status === 'cancelled' ||
      step.status === 'pending'
    )
      skipped += 1;
    for (const test of step.tests) {
      cases.push(testCase(run, step, test));
      tests += 1;
      if (test.outcome === 'failed' && test.severity !== 'log') failures += 1;
      if (test.outcome === 'error' && test.severity !== 'log') errors += 1;
    }
  }
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(run.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pipewright" ${counts}>`,
    `  <testsuite name="${xml(run.pipeline)}" ${counts} timestamp="${new Date(run.createdAt).toISOString()}">`,
    `    <properties><property name="run" value="${xml(run.id)}"/><property name="status" value="${run.status}"/>${run.environment ? `<property name="environment" value="${xml(run.environment)}"/>` : ''}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes the report to `file`, making its folder first (CI configurations name one: reports/run.xml). */
export function writeJunitReport(file: string, run: RunSummary, root: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, junitReport(run, root));
}
