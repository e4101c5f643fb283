// `pipewright validate` and the promise that bad input never crashes anything: hundreds of
// mutated pipeline files, each answered with exit code 2 and a located message, never a
// stack trace, and never a change to the file.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePipelineText } from '../../shared/validation/validate.js';
import { captureIO } from '../testing/capture-io.js';
import { runCli } from '../testing/cli-process.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { runPipewright } from './run-cli.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const VALID = `# a pipeline to break in many ways
version: 1
name: p
params:
  n: { type: integer, default: 3, min: 1, max: 10 }
  mode: { type: string, default: fast, enum: [fast, full] }
steps:
  extract:
    run: echo extract > a.txt
    outputs: [a.txt]
    retries: 1
    timeout: 5s
  load:
    run: cat a.txt
    inputs: [a.txt]
    needs: [extract]
    tests:
      - name: check
        command: "true"
        severity: warn
`;

const LOCATED = /^(pipelines\/p\.pipeline\.yaml|pipewright\.yaml):\d+:\d+: error: .+\[[a-z-]+\]$/m;

describe('pipewright validate', () => {
  it('passes a valid workspace with exit code 0', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': VALID });
    const result = await runCli(['validate'], workspace.root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ 2 file(s) checked: 0 error(s), 0 warning(s)');
  });

  it('prints each problem with file, line, column and field, exit code 2, and JSON on request', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml': VALID.replace('    run: cat a.txt', '    run: cat a.txt\n    enviroment: dev'),
    });
    const result = await runCli(['validate', 'pipelines/p.pipeline.yaml'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'pipelines/p.pipeline.yaml:15:5: error: steps.load.enviroment: unknown key "enviroment" (did you mean "environment"?) [unknown-key]',
    );
    const json = await runCli(['validate', '--json'], workspace.root);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      problems: [{ code: 'unknown-key', line: 15, column: 5 }],
    });
  });

  it('checks notebook steps: the notebook must exist and be a notebook, and run or notebook, not both', async () => {
    workspace = tempWorkspace({
      'notebooks/broken.ipynb': '{"cells": "none"}',
      'notebooks/good.ipynb': '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}',
      'pipelines/nb.pipeline.yaml': pipelineYaml(
        'nb',
        `  good:
    notebook: notebooks/good.ipynb
  gone:
    notebook: notebooks/gone.ipynb
  broken:
    notebook: notebooks/broken.ipynb
  both:
    run: echo
    notebook: notebooks/good.ipynb
`,
      ),
    });
    const result = await runCli(['validate', 'pipelines/nb.pipeline.yaml'], workspace.root);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'pipelines/nb.pipeline.yaml:12:5: error: steps.both.notebook: a step has either run or notebook, not both [run-and-notebook]',
    );
    expect(result.stdout).toContain(
      'pipelines/nb.pipeline.yaml:7:15: error: steps.gone.notebook: notebook notebooks/gone.ipynb does not exist [notebook-missing]',
    );
    expect(result.stdout).toContain(
      'pipelines/nb.pipeline.yaml:9:15: error: steps.broken.notebook: notebooks/broken.ipynb is not a notebook: it has no list of cells [notebook-invalid]',
    );
    expect(result.stdout).toContain('3 error(s)');
  });

  it('validates a pipeline file outside any workspace', async () => {
    workspace = tempWorkspace({});
    const file = workspace.path('loose.pipeline.yaml');
    writeFileSync(file, pipelineYaml('loose', '  a:\n    run: ""\n'));
    const result = await runCli(['validate', file], '/');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(':5:10: error: steps.a.run: the command is empty [empty-run]');
  });

  it('says clearly when there is no workspace or no such file', async () => {
    workspace = tempWorkspace({});
    const missing = await runCli(['validate', 'nope.yaml'], workspace.root);
    expect([missing.code, missing.stderr]).toEqual([2, 'error: nope.yaml: no such file or folder\n']);
    const outside = await runCli(['run', 'x'], '/');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('no pipewright.yaml found');
  });
});

// Mutations that a hand-edited file suffers: lines lost, doubled, swapped or re-indented,
// characters inserted or removed, values replaced with YAML's sharp edges.
const NASTY = [
  '[',
  '{',
  '}',
  ':',
  '- ',
  '"',
  "'",
  '&a',
  '*a',
  '!!binary',
  '\t',
  '~',
  'null',
  '-1',
  '1e999',
  '0x1F',
  '<<: *a',
  '|',
  '>',
  '%',
  '@',
  '`',
  '\\',
  '\u0000',
  '#',
  '? ',
  ',',
  '..',
  '../x',
  '/abs',
];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dup-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...NASTY) }),
  fc.record({ kind: fc.constant('delete-char' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace-value' as const),
    at: fc.nat(),
    text: fc.constantFrom(...NASTY, 'yes', '3.5', '[]', '{}', 'a: b'),
  }),
);

interface Mutation {
  kind: string;
  at: number;
  with?: number;
  by?: number;
  text?: string;
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const change of mutations) {
    const i = change.at % lines.length;
    const line = lines[i] ?? '';
    if (change.kind === 'drop-line') lines.splice(i, 1);
    else if (change.kind === 'dup-line') lines.splice(i, 0, line);
    else if (change.kind === 'swap-lines') {
      const j = (change.with ?? 0) % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', line];
    } else if (change.kind === 'indent')
      lines[i] = (change.by ?? 0) > 0 ? ' '.repeat(change.by ?? 0) + line : line.slice(-(change.by ?? 0));
    else if (change.kind === 'insert') {
      const at = change.at % (line.length + 1);
      lines[i] = line.slice(0, at) + (change.text ?? '') + line.slice(at);
    } else if (change.kind === 'delete-char') {
      const joined = lines.join('\n');
      const at = change.at % Math.max(1, joined.length);
      lines = (joined.slice(0, at) + joined.slice(at + 1)).split('\n');
    } else if (change.kind === 'replace-value' && line.includes(': ')) {
      lines[i] = `${line.slice(0, line.indexOf(': ') + 2)}${change.text ?? ''}`;
    }
  }
  return lines.join('\n');
}

describe('mutated pipeline files', () => {
  it('never crash the CLI: exit code 2 with a located message, the file unchanged', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': VALID });
    const file = workspace.path('pipelines/p.pipeline.yaml');
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { numRuns: 500, seed: 20261126 });
    let invalid = 0;
    for (const mutations of samples) {
      const text = mutate(VALID, mutations);
      writeFileSync(file, text);
      const expectedValid = validatePipelineText('pipelines/p.pipeline.yaml', text).problems.every(
        (problem) => problem.severity !== 'error',
      );

      const validate = captureIO(workspace.root);
      const validateCode = await runPipewright(['validate'], validate);
      const context = `--- file:\n${text}\n--- stdout:\n${validate.out()}\n--- stderr:\n${validate.err()}`;
      expect(validate.err(), context).not.toMatch(/internal error|\n\s+at /);
      expect(validateCode, context).toBe(expectedValid ? 0 : 2);
      if (expectedValid) continue;
      invalid += 1;
      expect(validate.out(), context).toMatch(LOCATED);

      const run = captureIO(workspace.root);
      expect(await runPipewright(['run', 'p'], run), context).toBe(2);
      expect(run.err(), context).toMatch(/error: /);
      expect(run.err(), context).not.toMatch(/internal error|\n\s+at /);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    expect(invalid).toBeGreaterThan(250);
  }, 120_000);

  it('never crash the built binary either', async () => {
    workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': VALID });
    const file = workspace.path('pipelines/p.pipeline.yaml');
    const samples = fc.sample(fc.array(mutation, { minLength: 2, maxLength: 5 }), { numRuns: 30, seed: 7 });
    for (const mutations of samples) {
      const text = mutate(VALID, mutations);
      if (
        validatePipelineText('pipelines/p.pipeline.yaml', text).problems.every(
          (problem) => problem.severity !== 'error',
        )
      )
        continue;
      writeFileSync(file, text);
      const result = await runCli(['run', 'p'], workspace.root);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/error: /);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  }, 120_000);
});
