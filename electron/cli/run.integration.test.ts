// The engine end to end through the built CLI, on real processes in temporary workspaces.
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { processesRunning, runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

async function runJson(args: string[]): Promise<{ code: number | null; run: RunSummary; stderr: string }> {
  const result = await runCli(['run', ...args, '--json'], workspace.root);
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary, stderr: result.stderr };
}

const statuses = (run: RunSummary) => Object.fromEntries(run.steps.map((step) => [step.id, step.status]));

describe('pipewright run', () => {
  it('runs independent branches in parallel', async () => {
    // b and c each wait for the other to have started: they finish only if they run at once.
    const meet = (self: string, other: string) =>
      `touch ${self}.started; i=0; while [ ! -f ${other}.started ]; do i=$((i+1)); [ $i -gt 400 ] && exit 9; sleep 0.05; done`;
    workspace = tempWorkspace({
      'pipelines/diamond.pipeline.yaml': pipelineYaml(
        'diamond',
        `  a:
    run: echo a
  b:
    run: ${JSON.stringify(meet('b', 'c'))}
    needs: [a]
  c:
    run: ${JSON.stringify(meet('c', 'b'))}
    needs: [a]
  d:
    run: echo d
    needs: [b, c]
`,
      ),
    });
    const { code, run } = await runJson(['diamond', '--max-parallel', '2']);
    expect(statuses(run)).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'succeeded' });
    expect(code).toBe(0);
    expect(run.steps.map((step) => step.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps to --max-parallel 1', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  b:
    run: "mkdir lock || exit 3; sleep 0.2; rmdir lock"
  c:
    run: "mkdir lock || exit 3; sleep 0.2; rmdir lock"
  d:
    run: "mkdir lock || exit 3; sleep 0.2; rmdir lock"
`,
      ),
    });
    const { code, run } = await runJson(['p', '-j', '1']);
    expect(code).toBe(0);
    expect(statuses(run)).toEqual({ b: 'succeeded', c: 'succeeded', d: 'succeeded' });
  });

  it('skips the downstream of a failed step, goes on with independent branches, exits 1', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  broken:
    run: echo about to fail >&2; exit 3
  after_broken:
    run: echo never
    needs: [broken]
  far_after:
    run: echo never
    needs: [after_broken]
  independent:
    run: echo fine
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    expect(run.status).toBe('failed');
    expect(statuses(run)).toEqual({
      broken: 'failed',
      after_broken: 'skipped',
      far_after: 'skipped',
      independent: 'succeeded',
    });
    const broken = run.steps.find((step) => step.id === 'broken');
    expect(broken).toMatchObject({ exitCode: 3, attempts: 1, message: 'exit code 3' });
    expect(readFileSync(workspace.path(broken?.logPath ?? ''), 'utf8')).toBe('about to fail\n');
    expect(run.steps.find((step) => step.id === 'far_after')?.message).toBe('upstream step "broken" failed');
  });

  it('stops everything with --fail-fast', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  fails:
    run: exit 1
  slow:
    run: sleep 29.75
  later:
    run: echo later
    needs: [slow]
`,
      ),
    });
    const { code, run } = await runJson(['p', '--fail-fast', '-j', '2']);
    expect(code).toBe(1);
    expect(statuses(run)).toEqual({ fails: 'failed', slow: 'cancelled', later: 'skipped' });
    expect(processesRunning('sleep 29.75')).toEqual([]);
  });

  it('retries a failing step with backoff until it succeeds', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  flaky:
    run: "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo attempt $n; [ $n -ge 3 ]"
    retries: 3
    retry_delay: 50ms
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(0);
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(readFileSync(workspace.path('.pipewright/runs/' + run.id + '/logs/flaky.1.log'), 'utf8')).toBe(
      'attempt 1\n',
    );
    expect(readFileSync(workspace.path(run.steps[0]?.logPath ?? ''), 'utf8')).toBe('attempt 3\n');
  });

  it('fails a step after its last retry', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  never:\n    run: exit 4\n    retries: 1\n    retry_delay: 10ms\n',
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 2, exitCode: 4 });
  });

  it('kills the whole process tree of a step that times out', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  hangs:
    run: "sleep 301.5 & sh -c 'sleep 302.5' & sleep 303.5; wait"
    timeout: 1s
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    expect(run.steps[0]).toMatchObject({ status: 'failed', message: 'timed out after 1s' });
    for (const sleeper of ['sleep 301.5', 'sleep 302.5', 'sleep 303.5']) expect(processesRunning(sleeper)).toEqual([]);
  });

  it('ends processes a successful step leaves in the background', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml('p', '  leaves:\n    run: (sleep 304.5 &) ; echo done\n'),
    });
    const { code } = await runJson(['p']);
    expect(code).toBe(0);
    expect(processesRunning('sleep 304.5')).toEqual([]);
  });

  it('passes params as PW_PARAM_* variables and a JSON file, never as shell text', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml':
        'version: 1\nenvironments:\n  dev:\n    env: { GREETING: hello }\n    params: { fraction: 0.5 }\n',
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  show:
    run: 'echo "$GREETING $PW_PARAM_FRACTION $PW_PARAM_LABEL $PW_PARAM_VERBOSE $PW_STEP_ID"; cat "$PW_PARAMS_FILE"'
`,
        `  fraction: { type: number, default: 1 }
  label: { type: string, default: x }
  verbose: { type: boolean, default: false }
`,
      ),
    });
    const { code, run } = await runJson([
      'p',
      '--env',
      'dev',
      '--param',
      'label=$(touch pwned) `touch pwned2`',
      '--param',
      'verbose=true',
    ]);
    expect(code).toBe(0);
    const log = readFileSync(workspace.path(run.steps[0]?.logPath ?? ''), 'utf8');
    expect(log.split('\n')[0]).toBe('hello 0.5 $(touch pwned) `touch pwned2` true show');
    expect(JSON.parse(log.slice(log.indexOf('\n') + 1))).toEqual({
      fraction: 0.5,
      label: '$(touch pwned) `touch pwned2`',
      verbose: true,
    });
    expect(existsSync(workspace.path('pwned')) || existsSync(workspace.path('pwned2'))).toBe(false);
    expect(run.params).toEqual({
      fraction: { value: 0.5, source: 'environment' },
      label: { value: '$(touch pwned) `touch pwned2`', source: 'run' },
      verbose: { value: true, source: 'run' },
    });
  });

  it('refuses bad params and unknown steps with exit code 2 and runs nothing', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  a:\n    run: touch ran\n',
        '  n: { type: integer, default: 1, max: 5 }\n',
      ),
    });
    for (const [args, message] of [
      [['--param', 'n=9'], '--param n=9: 9 is above the maximum 5'],
      [['--param', 'm=1'], '--param m: p has no param "m" (did you mean "n"?)'],
      [['--param', 'n'], 'expected NAME=VALUE, got "n"'],
      [['--only', 'b'], '--only names step "b", which the pipeline does not have'],
      [['--env', 'nope'], 'environment "nope" is not defined in pipewright.yaml'],
    ] as const) {
      const result = await runCli(['run', 'p', ...args], workspace.root);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect((await runCli(['run', 'nosuch'], workspace.root)).stderr).toContain('no pipeline named "nosuch"');
    expect(existsSync(workspace.path('ran'))).toBe(false);
  });

  it('refuses an invalid pipeline with its problems and exit code 2', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: x\n    needs: [a]\n') });
    const result = await runCli(['run', 'p'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'pipelines/p.pipeline.yaml:6:13: error: steps.a.needs[0]: step "a" needs itself [cycle]',
    );
  });

  it('fails a step whose declared output was not written, or whose input is missing', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  lazy:\n    run: "true"\n    outputs: [out.txt]\n  reader:\n    run: cat missing.csv\n    inputs: [missing.csv]\n',
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    expect(run.steps.map((step) => [step.id, step.status, step.message])).toEqual([
      ['lazy', 'failed', 'declared output out.txt was not written'],
      ['reader', 'failed', 'input missing.csv does not exist'],
    ]);
  });
});

describe('logic tests', () => {
  it('fails the step on an error test, warns on a warn test, only records a log test', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  strict:
    run: echo data > strict.txt
    outputs: [strict.txt]
    tests:
      - name: has rows
        command: grep -q rows strict.txt
  lenient:
    run: echo data > lenient.txt
    outputs: [lenient.txt]
    tests:
      - name: looks odd
        command: echo odd; exit 1
        severity: warn
      - name: just noting
        command: exit 1
        severity: log
      - command: "true"
  after_strict:
    run: echo x
    inputs: [strict.txt]
  after_lenient:
    run: echo x
    inputs: [lenient.txt]
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(1);
    expect(statuses(run)).toEqual({
      strict: 'failed',
      lenient: 'warned',
      after_strict: 'skipped',
      after_lenient: 'succeeded',
    });
    const strict = run.steps.find((step) => step.id === 'strict');
    expect(strict?.message).toBe('test "has rows" failed');
    expect(strict?.tests).toMatchObject([{ name: 'has rows', severity: 'error', outcome: 'failed', exitCode: 1 }]);
    const lenient = run.steps.find((step) => step.id === 'lenient');
    expect(lenient?.tests.map((test) => [test.name, test.severity, test.outcome])).toEqual([
      ['looks odd', 'warn', 'failed'],
      ['just noting', 'log', 'failed'],
      ['command #3', 'error', 'passed'],
    ]);
    expect(readFileSync(workspace.path(lenient?.tests[0]?.logPath ?? ''), 'utf8')).toBe('odd\n');
  });

  it('exits 0 for a run that only warned, and reports a test that could not run as an error', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  a:
    run: "true"
    tests:
      - name: slow check
        command: sleep 20
        timeout: 200ms
        severity: warn
`,
      ),
    });
    const { code, run } = await runJson(['p']);
    expect(code).toBe(0);
    expect(run.status).toBe('warned');
    expect(run.steps[0]?.tests[0]).toMatchObject({ outcome: 'error', message: 'timed out after 200ms' });
  });
});

describe('reports', () => {
  it('writes JUnit XML with one testcase per step and per test', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  ok:
    run: echo fine
    tests:
      - name: passes
        command: "true"
  bad:
    run: echo "<broken & loud>"; exit 2
  later:
    run: "true"
    needs: [bad]
`,
      ),
    });
    const result = await runCli(['run', 'p', '--junit', 'report.xml'], workspace.root);
    expect(result.code).toBe(1);
    const text = readFileSync(workspace.path('report.xml'), 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text).testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'p', tests: '4', failures: '1', errors: '0', skipped: '1' });
    const cases = suite.testcase as Array<Record<string, unknown>>;
    expect(cases.map((testcase) => `${String(testcase.classname)}/${String(testcase.name)}`)).toEqual([
      'p/ok',
      'p.ok/passes',
      'p/bad',
      'p/later',
    ]);
    expect(cases[2]?.failure).toMatchObject({ message: 'exit code 2', '#text': '<broken & loud>' });
    expect(cases[3]?.skipped).toMatchObject({ message: 'upstream step "bad" failed' });
  });

  it('prints a readable report with the failure log on plain output', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': pipelineYaml('p', '  bad:\n    run: echo line one; echo the reason >&2; exit 5\n'),
    });
    const result = await runCli(['run', 'p'], workspace.root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[bad] the reason');
    expect(result.stdout).toMatch(/\[bad\] ✗ failed in \S+ — exit code 5/);
    expect(result.stdout).toMatch(/✗ failed p run \S+ in \S+ \(1 failed\)/);
  });
});
