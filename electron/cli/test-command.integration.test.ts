// `pipewright test` through the built CLI: a step's tests on files already there (the step
// never runs), with the severities and exit codes of `pipewright run`.
import { existsSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

function tested(tests: string): TempWorkspace {
  return tempWorkspace({
    'pipewright.yaml': 'version: 1\ndefault_environment: dev\nenvironments:\n  dev:\n    params: { n: 7 }\n',
    'pipelines/p.pipeline.yaml': pipelineYaml(
      'p',
      `  make:
    run: touch ran-the-step
    outputs: [out.csv]
    tests:
${tests}`,
      '  n: { type: integer, default: 1 }\n',
    ),
    'out.csv': 'id,amount\n1,10\n2,20\n3,30\n',
  });
}

describe('pipewright test', () => {
  it("passes with exit 0 on good files without running the step; logic tests get the environment's params", async () => {
    workspace = tested(`      - row_count: { path: out.csv, min: 3 }
      - name: n is the environment's
        command: test "$PW_PARAM_N" = 7
`);
    const result = await runCli(['test', 'p', '--step', 'make', '--junit', 'tests.xml'], workspace.root);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("test n is the environment's");
    expect(existsSync(workspace.path('ran-the-step'))).toBe(false);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(workspace.read('tests.xml')) as {
      testsuites: { '@_tests': string; '@_failures': string };
    };
    expect(junit.testsuites['@_tests']).toBe('3');
    expect(junit.testsuites['@_failures']).toBe('0');
    // A --param wins over the environment, as in a run.
    expect((await runCli(['test', 'p', '--step', 'make', '--param', 'n=8'], workspace.root)).code).toBe(1);
  });

  it('exits 0 with a warn test failing and 1 with an error test failing, as run does', async () => {
    workspace = tested(`      - row_count: { path: out.csv, min: 10 }
        severity: warn
`);
    const warned = await runCli(['test', 'p', '--step', 'make', '--json'], workspace.root);
    expect(warned.code).toBe(0);
    expect((JSON.parse(warned.stdout) as RunSummary).status).toBe('warned');

    workspace.write(
      'pipelines/p.pipeline.yaml',
      pipelineYaml(
        'p',
        `  make:
    run: touch ran-the-step
    tests:
      - name: amounts are small
        range: { path: out.csv, column: amount, max: 15 }
      - row_count: { path: out.csv, min: 10 }
        severity: log
`,
        '  n: { type: integer, default: 1 }\n',
      ),
    );
    const failed = await runCli(['test', 'p', '--step', 'make', '--json'], workspace.root);
    expect(failed.code).toBe(1);
    const run = JSON.parse(failed.stdout) as RunSummary;
    expect(run.status).toBe('failed');
    expect(run.steps[0]?.tests.map((test) => [test.name, test.outcome])).toEqual([
      ['amounts are small', 'failed'],
      ['row_count #2', 'failed'],
    ]);
  });

  it('exits 2 for a step that does not exist or has no tests', async () => {
    workspace = tested('      - row_count: { path: out.csv, min: 1 }\n');
    const unknown = await runCli(['test', 'p', '--step', 'mak'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('mak');
    workspace.write('pipelines/q.pipeline.yaml', pipelineYaml('q', '  a:\n    run: echo a\n'));
    const untested = await runCli(['test', 'q', '--step', 'a'], workspace.root);
    expect(untested.code).toBe(2);
    expect(untested.stderr).toContain('step "a" of q has no tests');
  });
});
