import { describe, expect, it } from 'vitest';
import type { Problem } from '../pipeline/problem.js';
import { formatFieldPath, formatProblem } from '../pipeline/problem.js';
import { validatePipelineText, validateWorkspaceText } from './validate.js';
import { TEST_KINDS } from '../pipeline/test-schema.js';

const FILE = 'pipelines/demo.pipeline.yaml';

const WORKSPACE = `version: 1
environments:
  dev:
    params:
      fraction: 0.5
  prod:
    params:
      fraction: 7
`;

function problems(text: string, workspace = WORKSPACE): Problem[] {
  return validatePipelineText(FILE, text, validateWorkspaceText('pipewright.yaml', workspace)).problems;
}

function only(text: string, code: string): Problem {
  const found = problems(text).filter((problem) => problem.code === code);
  expect(found, JSON.stringify(problems(text), null, 2)).toHaveLength(1);
  return found[0] as Problem;
}

const base = (steps: string, params = '') => `version: 1
name: demo
${params}steps:
${steps}`;

describe('pipeline validation', () => {
  it('accepts a valid pipeline without problems', () => {
    const text = base(
      `  a:
    run: echo a
    outputs: [out/a.txt]
  b:
    run: cat out/a.txt
    inputs: [out/a.txt]
    needs: [a]
    environment: dev
`,
      `params:
  fraction: { type: number, default: 0.1, min: 0, max: 1 }
`,
    ).replace('max: 1 }', 'max: 10 }');
    expect(problems(text)).toEqual([]);
  });

  it('reports YAML syntax errors with their position', () => {
    const problem = only('version: 1\nname: demo\nsteps:\n  a:\n    run: [echo\n', 'yaml-syntax');
    expect(problem.message).toMatch(/^YAML syntax: /);
    expect(problem.file).toBe(FILE);
    expect(problem.line).toBeGreaterThanOrEqual(5);
  });

  it('reports an unknown key with a suggestion', () => {
    const problem = only(base('  a:\n    ruun: echo a\n'), 'unknown-key');
    expect(problem).toMatchObject({ line: 5, column: 5, path: ['steps', 'a', 'ruun'], hint: 'did you mean "run"?' });
    expect(formatProblem(problem)).toBe(
      `${FILE}:5:5: error: steps.a.ruun: unknown key "ruun" (did you mean "run"?) [unknown-key]`,
    );
  });

  it('reports an unknown key at the top level and in a test', () => {
    const text = base(
      '  a:\n    run: echo a\n    tests:\n      - command: "true"\n        severity: warn\n        sevrity: log\n',
    ).replace('name: demo', 'name: demo\ndescripton: x');
    const found = problems(text).filter((problem) => problem.code === 'unknown-key');
    expect(found.map((problem) => [problem.line, problem.hint])).toEqual([
      [3, 'did you mean "description"?'],
      [10, 'did you mean "severity"?'],
    ]);
  });

  it('reports a duplicate step id with both lines', () => {
    const problem = only(base('  a:\n    run: echo 1\n  a:\n    run: echo 2\n'), 'duplicate-step-id');
    expect(problem).toMatchObject({ line: 6, column: 3, message: 'duplicate step id "a" (first defined at line 4)' });
  });

  it('reports needs naming a missing step', () => {
    const problem = only(
      base('  build:\n    run: make\n  test:\n    run: make test\n    needs: [biuld]\n'),
      'unknown-step',
    );
    expect(problem).toMatchObject({
      line: 8,
      column: 13,
      path: ['steps', 'test', 'needs', 0],
      hint: 'did you mean "build"?',
    });
    expect(problem.message).toBe('needs step "biuld", which does not exist');
  });

  it('reports a cycle and prints it', () => {
    const problem = only(
      base('  a:\n    run: x\n    needs: [c]\n  b:\n    run: x\n    needs: [a]\n  c:\n    run: x\n    needs: [b]\n'),
      'cycle',
    );
    expect(problem.message).toBe('the steps form a cycle: a -> b -> c -> a');
    expect(problem).toMatchObject({ line: 4, column: 3 });
  });

  it('reports a cycle through inferred data edges', () => {
    const problem = only(
      base(
        '  a:\n    run: x\n    inputs: [d/b.csv]\n    outputs: [d/a.csv]\n  b:\n    run: x\n    inputs: [d/a.csv]\n    outputs: [d/b.csv]\n',
      ),
      'cycle',
    );
    expect(problem.message).toBe('the steps form a cycle: a -> b -> a');
  });

  it('reports a step that needs itself', () => {
    const problem = only(base('  a:\n    run: x\n    needs: [a]\n'), 'cycle');
    expect(problem.message).toBe('step "a" needs itself');
  });

  it('reports two steps writing the same output', () => {
    const problem = only(
      base('  a:\n    run: x\n    outputs: [data/out.csv]\n  b:\n    run: y\n    outputs: [./data//out.csv]\n'),
      'duplicate-output',
    );
    expect(problem).toMatchObject({ line: 9, column: 15, message: '"data/out.csv" is also written by step "a"' });
  });

  it("reports an output inside another step's output folder", () => {
    const problem = only(
      base('  a:\n    run: x\n    outputs: [data]\n  b:\n    run: y\n    outputs: [data/b.csv]\n'),
      'duplicate-output',
    );
    expect(problem.message).toBe('"data/b.csv" overlaps "data", written by step "a"');
  });

  it.each([['../outside.csv'], ['/etc/passwd'], ['data/../../x'], ['C:\\\\data\\\\x.csv']])(
    'reports the path %s leaving the workspace',
    (path) => {
      const problem = only(base(`  a:\n    run: x\n    inputs: ["${path}"]\n`), 'path-outside-workspace');
      expect(problem).toMatchObject({ line: 6, column: 14, path: ['steps', 'a', 'inputs', 0] });
    },
  );

  it.each([
    ['outputs', '.git/hooks/post-checkout', 'is inside .git/'],
    ['outputs', './.Git/config', 'is inside .git/'],
    ['outputs', 'vendor/lib/.git/hooks/x', 'is inside .git/'],
    ['outputs', '.pipewright/state.db', 'is inside .pipewright/'],
    ['outputs', 'pipewright.yaml', 'is the workspace settings file'],
    ['outputs', 'pipelines/', 'is the pipelines/ folder'],
    ['metrics', 'library/x.step.yaml', 'is inside library/'],
  ])('reports %s into a reserved place: %s', (field, path, reason) => {
    const problem = only(base(`  a:\n    run: x\n    ${field}: ["${path}"]\n`), 'reserved-path');
    expect(problem).toMatchObject({
      line: 6,
      column: field.length + 8,
      path: ['steps', 'a', field, 0],
      message: `"${path}" ${reason}, which a step may never write`,
    });
    expect(formatProblem(problem)).toBe(
      `${FILE}:6:${field.length + 8}: error: steps.a.${field}[0]: "${path}" ${reason}, which a step may never write (write it elsewhere, e.g. under out/) [reserved-path]`,
    );
  });

  it('lets a step read reserved places and write places that only look like them', () => {
    const found = problems(
      base(
        '  a:\n    run: x\n    inputs: [pipewright.yaml, .git/HEAD]\n    outputs: [out/pipelines/x.csv, .github/report.md, library.csv, git/x]\n',
      ),
    );
    expect(found.filter((problem) => problem.code === 'reserved-path')).toEqual([]);
  });

  it('reports an unknown environment with a suggestion', () => {
    const problem = only(base('  a:\n    run: x\n    environment: prd\n'), 'unknown-environment');
    expect(problem).toMatchObject({ line: 6, column: 18, hint: 'did you mean "prod"?' });
  });

  it('reports a param default of the wrong type', () => {
    const problem = only(base('  a:\n    run: x\n', 'params:\n  n: { type: integer, default: 2.5 }\n'), 'param-type');
    expect(problem).toMatchObject({ line: 4, column: 32, message: 'default: expected an integer, got 2.5' });
  });

  it('reports a param default outside its enum and its range', () => {
    const found = problems(
      base(
        '  a:\n    run: x\n',
        'params:\n  region: { type: string, default: mars, enum: [eu, us] }\n  n: { type: number, default: 11, max: 10 }\n',
      ),
    ).filter((problem) => problem.code === 'param-type');
    expect(found.map((problem) => problem.message)).toEqual([
      'default: "mars" is not one of "eu", "us"',
      'default: 11 is above the maximum 10',
    ]);
  });

  it('reports an environment override of the wrong value in pipewright.yaml', () => {
    const found = problems(
      base('  a:\n    run: x\n', 'params:\n  fraction: { type: number, default: 0.1, min: 0, max: 1 }\n'),
    ).filter((problem) => problem.code === 'param-type');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      file: 'pipewright.yaml',
      line: 8,
      column: 17,
      message: 'override of demo\'s param "fraction": 7 is above the maximum 1',
    });
  });

  it('reports an empty run', () => {
    const problem = only(base('  a:\n    run: "  "\n'), 'empty-run');
    expect(problem).toMatchObject({ line: 5, column: 10, message: 'the command is empty' });
  });

  it('reports a wrong type with the found value (a missing run: check-notebook-step.test.ts)', () => {
    const found = problems(base('  a:\n    retries: two\n'));
    expect(found.map((problem) => [problem.code, problem.message, problem.line])).toEqual([
      ['invalid-value', 'expected a number, got "two"', 5],
    ]);
  });

  it('reports a bad enum value with a suggestion', () => {
    const problem = only(
      base('  a:\n    run: x\n    tests:\n      - command: "true"\n        severity: warning\n'),
      'invalid-value',
    );
    expect(problem).toMatchObject({ line: 8, hint: 'did you mean "warn"?' });
  });

  it('reports a test without a kind', () => {
    const problem = only(base('  a:\n    run: x\n    tests:\n      - severity: warn\n'), 'test-kind');
    expect(problem.message).toBe(`a test needs one of: ${TEST_KINDS.join(', ')}`);
    expect(problem.message).toMatch(/command, row_count, not_null, unique/);
  });

  it('checks a data test: its arguments, a path leaving the workspace, bounds that nothing could pass', () => {
    const text = base(`  a:
    run: x
    tests:
      - row_count: { path: d.csv, mn: 3 }
      - not_null: { path: d.csv }
      - freshness: { path: d.csv, column: t, max_age: soon }
`);
    expect(
      problems(text).map((problem) => [problem.line, problem.path.join('.'), problem.code, problem.hint ?? null]),
    ).toEqual([
      [7, 'steps.a.tests.0.row_count.mn', 'unknown-key', 'did you mean "min"?'],
      [8, 'steps.a.tests.1.not_null.columns', 'missing-field', null],
      [9, 'steps.a.tests.2.freshness.max_age', 'invalid-value', null],
    ]);
    const semantic = base(`  a:
    run: x
    tests:
      - range: { path: ../d.csv, column: a, min: 5, max: 1 }
      - row_count: { path: d.csv, min: 10, max: 2 }
      - unique: { path: d.csv, columns: [id, id] }
      - relationship: { path: d.csv, column: a, to: /etc/passwd }
`);
    expect(problems(semantic).map((problem) => [problem.path.join('.'), problem.code])).toEqual([
      ['steps.a.tests.0.range.path', 'path-outside-workspace'],
      ['steps.a.tests.0.range.max', 'empty-range'],
      ['steps.a.tests.1.row_count.max', 'empty-range'],
      ['steps.a.tests.2.unique.columns', 'duplicate-column'],
      ['steps.a.tests.3.relationship.to', 'path-outside-workspace'],
    ]);
  });

  it('checks a metric test: a file inside the workspace, a dotted key without empty parts, min not above max', () => {
    const missing = base('  a:\n    run: x\n    tests:\n      - metric: { file: eval.json, min: 0.5 }\n');
    expect(problems(missing).map((problem) => [problem.path.join('.'), problem.code])).toEqual([
      ['steps.a.tests.0.metric.key', 'missing-field'],
    ]);
    const semantic = base(`  a:
    run: x
    tests:
      - metric: { file: metrics/eval.json, key: test.auc, min: 0.7, max: 1 }
      - metric: { file: ../eval.json, key: "test..auc", min: 0.9, max: 0.5 }
`);
    expect(problems(semantic).map((problem) => [problem.path.join('.'), problem.code])).toEqual([
      ['steps.a.tests.1.metric.file', 'path-outside-workspace'],
      ['steps.a.tests.1.metric.key', 'invalid-key'],
      ['steps.a.tests.1.metric.max', 'empty-range'],
    ]);
  });

  it('refuses two tests of a step with the same name: the name keys their metrics and alerts', () => {
    const text = base(
      '  a:\n    run: x\n    tests:\n      - name: rows\n        command: "true"\n      - name: rows\n        row_count: { path: d.csv, min: 1 }\n',
    );
    expect(only(text, 'duplicate-test-name')).toMatchObject({ line: 9, path: ['steps', 'a', 'tests', 1, 'name'] });
  });

  it('reports a bad duration', () => {
    const problem = only(base('  a:\n    run: x\n    timeout: 10 minutes\n'), 'invalid-value');
    expect(problem.message).toBe('expected a duration such as 30s, 10m, 1h30m or 500ms');
  });

  it('warns when the name does not match the file', () => {
    const found = validatePipelineText('pipelines/other.pipeline.yaml', base('  a:\n    run: x\n')).problems;
    expect(found).toMatchObject([{ severity: 'warning', code: 'name-mismatch' }]);
  });

  it('reports a file that is not a mapping', () => {
    expect(problems('- just\n- a list\n')).toMatchObject([
      { code: 'invalid-value', message: 'the file must be a YAML mapping (key: value)' },
    ]);
  });
});

describe('workspace validation', () => {
  it('reports an unknown default environment', () => {
    const found = validateWorkspaceText(
      'pipewright.yaml',
      'version: 1\ndefault_environment: stagin\nenvironments:\n  staging: {}\n',
    ).problems;
    expect(found).toMatchObject([
      { code: 'unknown-environment', line: 2, column: 22, hint: 'did you mean "staging"?' },
    ]);
  });

  it('reports an unknown runner', () => {
    const found = validateWorkspaceText(
      'pipewright.yaml',
      'version: 1\nenvironments:\n  dev:\n    runner: lokal\n',
    ).problems;
    expect(found).toMatchObject([{ code: 'invalid-value', line: 4, hint: 'did you mean "local"?' }]);
  });

  it('takes back for a service only capabilities a plain docker run would give, with its limits and a read-only root', () => {
    const service = (extra: string) =>
      `version: 1\nenvironments:\n  lab:\n    runner: docker\n    image: x\n    services:\n      db:\n        image: postgres:16\n${extra}`;
    const accepted = validateWorkspaceText(
      'pipewright.yaml',
      service(
        '        cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]\n        resources: { memory: 512m, pids: 256, cpus: 1 }\n        read_only: true\n',
      ),
    );
    expect(accepted.problems).toEqual([]);
    expect(accepted.spec?.environments?.lab?.services?.db).toMatchObject({
      cap_add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
      read_only: true,
    });
    const refused = validateWorkspaceText('pipewright.yaml', service('        cap_add: [SYS_ADMIN, chown]\n')).problems;
    expect(refused.map((problem) => [problem.line, formatFieldPath(problem.path)])).toEqual([
      [9, 'environments.lab.services.db.cap_add[0]'],
      [9, 'environments.lab.services.db.cap_add[1]'],
    ]);
    expect(refused[0]?.message).toContain('SYS_ADMIN');
    expect(refused[1]?.hint).toBe('did you mean "CHOWN"?');
  });
});
