import { describe, expect, it } from 'vitest';
import { paramValueError, parseParamText, resolveParams } from './params.js';
import type { ParamSpec } from './schema.js';

describe('params', () => {
  const specs: Record<string, ParamSpec> = {
    fraction: { type: 'number', default: 1, min: 0, max: 1 },
    region: { type: 'string', default: 'all', enum: ['all', 'eu', 'us'] },
    top: { type: 'integer', default: 5 },
    dry: { type: 'boolean', default: false },
    token: { type: 'string' },
  };

  it('reads command-line text by type', () => {
    expect(parseParamText(specs.fraction as ParamSpec, '0.25')).toEqual({ value: 0.25 });
    expect(parseParamText(specs.top as ParamSpec, '7')).toEqual({ value: 7 });
    expect(parseParamText(specs.dry as ParamSpec, 'yes')).toEqual({ value: true });
    expect(parseParamText(specs.region as ParamSpec, 'eu')).toEqual({ value: 'eu' });
  });

  it('rejects text of the wrong type or outside the allowed values', () => {
    expect(parseParamText(specs.fraction as ParamSpec, 'half')).toEqual({ error: 'expected a number, got "half"' });
    expect(parseParamText(specs.top as ParamSpec, '2.5')).toEqual({ error: 'expected an integer, got 2.5' });
    expect(parseParamText(specs.fraction as ParamSpec, '1.5')).toEqual({ error: '1.5 is above the maximum 1' });
    expect(parseParamText(specs.region as ParamSpec, 'mars')).toEqual({
      error: '"mars" is not one of "all", "eu", "us"',
    });
    expect(parseParamText(specs.dry as ParamSpec, 'maybe')).toEqual({ error: 'expected true or false, got "maybe"' });
    expect(paramValueError(specs.fraction as ParamSpec, -0.1)).toBe('-0.1 is below the minimum 0');
  });

  it('reads numbers only in decimal notation, with decimals, negatives and exponents, never half-typed ones', () => {
    const any: ParamSpec = { type: 'number' };
    expect(['0.05', '-2', '1e-3', ' .5 ', '-1.5E2'].map((text) => parseParamText(any, text))).toEqual([
      { value: 0.05 },
      { value: -2 },
      { value: 0.001 },
      { value: 0.5 },
      { value: -150 },
    ]);
    expect(parseParamText(specs.top as ParamSpec, '1e3')).toEqual({ value: 1000 });
    for (const text of ['0x10', '0b1', '1_000', 'Infinity', '-', '1e', '.', ''])
      expect(parseParamText(any, text)).toEqual({ error: `expected a number, got ${JSON.stringify(text)}` });
    expect(parseParamText(specs.top as ParamSpec, '0x10')).toEqual({ error: 'expected an integer, got "0x10"' });
  });

  it('resolves run over environment over default and says where each value came from', () => {
    const { params, missing } = resolveParams(
      specs,
      { fraction: 0.5, region: 'eu', unrelated: 1 },
      { region: 'us', token: 'abc' },
    );
    expect(params).toEqual({
      fraction: { value: 0.5, source: 'environment' },
      region: { value: 'us', source: 'run' },
      top: { value: 5, source: 'default' },
      dry: { value: false, source: 'default' },
      token: { value: 'abc', source: 'run' },
    });
    expect(missing).toEqual([]);
  });

  it('names a param that has no value from anywhere', () => {
    expect(resolveParams(specs).missing).toEqual([
      'param "token" has no default and no value was given (--param token=...)',
    ]);
  });
});
