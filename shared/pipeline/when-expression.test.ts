import { describe, expect, it } from 'vitest';
import { validatePipelineText } from '../validation/validate.js';
import { WhenEvaluationError, checkWhen, evaluateWhen } from './when-evaluate.js';
import { WhenSyntaxError, parseWhen } from './when-expression.js';
import type { ParamSpec } from './schema.js';

const PARAMS: Record<string, ParamSpec> = {
  region: { type: 'string', default: 'all', enum: ['all', 'eu', 'us'] },
  full_refresh: { type: 'boolean', default: false },
  sample: { type: 'number', default: 1 },
  days: { type: 'integer', default: 7 },
};

describe('when: expressions', () => {
  it('works out comparisons, logic, lists and parentheses from param values', () => {
    const values = { region: 'eu', full_refresh: false, sample: 0.5, days: 7 };
    const cases: Array<[string, boolean]> = [
      ["params.region != 'all'", true],
      ['params.region == "us"', false],
      ['params.full_refresh', false],
      ['not params.full_refresh', true],
      ['params.sample < 1 and params.days >= 7', true],
      ['params.sample > 1 or params.days <= 6', false],
      ["params.full_refresh or (params.region in ['eu', 'us'] and params.days > 3)", true],
      ["params.region not in ['eu']", false],
      ['not (params.sample <= 0.5)', false],
      ["params.region > 'a'", true],
      ['true and not false', true],
      ['params.days == -7 or params.sample == .5', true],
    ];
    for (const [text, expected] of cases) expect(evaluateWhen(text, values), text).toBe(expected);
  });

  it('and binds tighter than or, not tighter than and', () => {
    expect(evaluateWhen('true or false and false', {})).toBe(true);
    expect(evaluateWhen('not true and false', {})).toBe(false);
    expect(parseWhen('a_is_not_used or true'.replace('a_is_not_used', 'false')).kind).toBe('logic');
  });

  it('reads escaped quotes inside strings', () => {
    expect(evaluateWhen(String.raw`params.region == 'it\'s'`, { region: "it's" })).toBe(true);
  });

  it('refuses malformed text with the offset of the fault', () => {
    const fault = (text: string): WhenSyntaxError => {
      try {
        parseWhen(text);
      } catch (error) {
        if (error instanceof WhenSyntaxError) return error;
      }
      throw new Error(`${text} parsed`);
    };
    expect(fault("params.region = 'eu'").span.start).toBe(14);
    expect(fault("params.region = 'eu'").message).toContain('compare with ==');
    expect(fault('params.a && params.b').message).toContain('use and, or, not');
    expect(fault('(params.a').message).toContain('expected ")"');
    expect(fault("params.region == 'eu").message).toContain('not closed');
    expect(fault('region == 1').message).toContain('params.region');
    expect(fault('params.a params.b').span.start).toBe(9);
    expect(fault('').message).toContain('empty');
    expect(fault('params.a in [params.b]').message).toContain('a list holds values');
  });

  it('checks params against the pipeline: unknown names are errors, types that cannot match warnings', () => {
    expect(checkWhen("params.regoin != 'all'", PARAMS)).toEqual([
      expect.objectContaining({
        severity: 'error',
        start: 0,
        end: 13,
        message: expect.stringContaining('did you mean "region"'),
      }),
    ]);
    expect(checkWhen('params.region == 3', PARAMS)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('always false') }),
    ]);
    expect(checkWhen('params.region', PARAMS)).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('not true or false') }),
    ]);
    expect(checkWhen('params.full_refresh < true', PARAMS)[0]?.severity).toBe('error');
    expect(checkWhen("params.region in ['eu', 'mars']", PARAMS)).toEqual([
      expect.objectContaining({ severity: 'warning', start: 24 }),
    ]);
    expect(checkWhen('params.full_refresh and params.days > 3', PARAMS)).toEqual([]);
  });

  it('evaluation never treats a non-boolean as a condition, nor orders mixed types', () => {
    expect(() => evaluateWhen('params.region', { region: 'eu' })).toThrow(WhenEvaluationError);
    expect(() => evaluateWhen('params.region < 3', { region: 'eu' })).toThrow(WhenEvaluationError);
    expect(() => evaluateWhen('params.gone', {})).toThrow(/no param "gone"/);
  });
});

describe('when: in a pipeline file', () => {
  const file = 'pipelines/demo.pipeline.yaml';
  const text = (when: string) => `version: 1
name: demo
params:
  region: { type: string, default: all }
steps:
  a:
    run: echo a
    when: ${when}
`;

  it('places problems at file:line:col of the character inside the condition', () => {
    const plain = validatePipelineText(file, text("params.region != 'all' and params.regoin == 'x'")).problems;
    expect(plain).toEqual([
      expect.objectContaining({ code: 'invalid-condition', line: 8, column: 38, path: ['steps', 'a', 'when'] }),
    ]);
    const quoted = validatePipelineText(file, text('"params.region = \'eu\'"')).problems;
    expect(quoted).toEqual([expect.objectContaining({ code: 'invalid-condition', line: 8, column: 26 })]);
    // Escapes make the file's text differ from the condition's: the problem points at the whole value.
    const escaped = validatePipelineText(file, text('"params.region == \\"x\\" and params.nope"')).problems;
    expect(escaped).toEqual([
      expect.objectContaining({
        code: 'invalid-condition',
        line: 8,
        column: 11,
        message: expect.stringContaining('unknown param "nope"'),
      }),
    ]);
  });

  it('accepts a valid condition and refuses an empty one', () => {
    expect(validatePipelineText(file, text("params.region != 'all'")).problems).toEqual([]);
    expect(validatePipelineText(file, text("''")).problems[0]?.message).toContain('must not be empty');
  });
});
