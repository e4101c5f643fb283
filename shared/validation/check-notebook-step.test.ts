import { describe, expect, it } from 'vitest';
import { plannedStep } from '../pipeline/notebook-step.js';
import { validatePipelineText } from './validate.js';

const FILE = 'pipelines/demo.pipeline.yaml';
const pipeline = (step: string) => `version: 1
name: demo
steps:
  explore:
${step}
`;
const problems = (step: string) =>
  validatePipelineText(FILE, pipeline(step)).problems.map((problem) => ({
    code: problem.code,
    line: problem.line,
    field: problem.path.join('.'),
    message: problem.message,
  }));

describe('notebook steps in a pipeline file', () => {
  it('accepts a step with a notebook instead of a command', () => {
    expect(problems('    notebook: notebooks/explore.ipynb')).toEqual([]);
  });

  it('refuses a step with both run and notebook, naming the line and field', () => {
    expect(problems('    run: python3 x.py\n    notebook: notebooks/explore.ipynb')).toEqual([
      {
        code: 'run-and-notebook',
        line: 6,
        field: 'steps.explore.notebook',
        message: 'a step has either run or notebook, not both',
      },
    ]);
  });

  it('refuses a step with neither', () => {
    expect(problems('    outputs: [out/x.csv]')).toEqual([
      {
        code: 'no-run',
        line: 4,
        field: 'steps.explore',
        message: 'step "explore" needs run (a command) or notebook (a .ipynb file)',
      },
    ]);
  });

  it('refuses a notebook outside the workspace or that is no .ipynb file', () => {
    expect(problems('    notebook: ../elsewhere/x.ipynb').map((problem) => problem.code)).toEqual([
      'path-outside-workspace',
    ]);
    expect(problems('    notebook: notebooks/explore.py').map((problem) => [problem.code, problem.field])).toEqual([
      ['notebook-extension', 'steps.explore.notebook'],
    ]);
  });

  it('refuses an executed notebook in a reserved place, over the notebook, or over another output', () => {
    expect(
      problems('    notebook: notebooks/a.ipynb\n    notebook_output: pipelines/a.ipynb').map(
        (problem) => problem.code,
      ),
    ).toEqual(['reserved-path']);
    expect(
      problems('    notebook: notebooks/a.ipynb\n    notebook_output: ./notebooks/a.ipynb').map(
        (problem) => problem.code,
      ),
    ).toEqual(['notebook-output-is-notebook']);
    expect(
      problems('    notebook: notebooks/a.ipynb\n    outputs: [out/notebooks]').map((problem) => [
        problem.code,
        problem.field,
      ]),
    ).toEqual([['duplicate-output', 'steps.explore.outputs.0']]);
    expect(problems('    run: echo\n    notebook_output: out/a.ipynb').map((problem) => problem.code)).toEqual([
      'notebook-output-without-notebook',
    ]);
  });
});

describe('plannedStep', () => {
  it('makes the notebook an input and the executed notebook an output', () => {
    expect(plannedStep('explore', { notebook: './notebooks/explore.ipynb', outputs: ['out/summary.csv'] })).toEqual({
      notebook: './notebooks/explore.ipynb',
      run: 'notebook notebooks/explore.ipynb -> out/notebooks/explore.ipynb',
      inputs: ['notebooks/explore.ipynb'],
      outputs: ['out/summary.csv', 'out/notebooks/explore.ipynb'],
    });
  });

  it('leaves a command step as it is', () => {
    const step = { run: 'python3 steps/x.py' };
    expect(plannedStep('x', step)).toBe(step);
  });
});
