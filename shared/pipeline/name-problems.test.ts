import { describe, expect, it } from 'vitest';
import { paramNameProblem, pipelineNameProblem, stepIdProblem } from './name-problems.js';

describe('name problems', () => {
  it('accepts names the schema accepts', () => {
    expect(stepIdProblem('clean-orders_2')).toBeNull();
    expect(paramNameProblem('_sample_fraction')).toBeNull();
    expect(pipelineNameProblem('churn.v2')).toBeNull();
  });

  it('names the characters that are not allowed and says which are', () => {
    expect(stepIdProblem('clean orders!')).toBe(
      'a step id cannot contain a space, "!": use letters, digits, "_" and "-"',
    );
    expect(paramNameProblem('sample-fraction')).toBe(
      'a param name cannot contain "-": use letters, digits and "_" (it becomes an environment variable)',
    );
    expect(pipelineNameProblem('a/b')).toBe(
      'a pipeline name cannot contain "/": use letters, digits, "_", "-" and "."',
    );
  });

  it('says what a name must start with', () => {
    expect(paramNameProblem('1st')).toBe('a param name must start with a letter or "_", not "1"');
    expect(stepIdProblem('-x')).toBe('a step id must start with a letter, a digit or "_", not "-"');
    expect(pipelineNameProblem('.hidden')).toBe('a pipeline name must start with a letter, a digit or "_", not "."');
  });

  it('asks for a name when it is empty', () => {
    expect(stepIdProblem('')).toBe('a step id is needed: use letters, digits, "_" and "-"');
  });
});
