import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../shared/pipeline/schema.js';
import { paramSourceRows, sourceText, valueText } from './param-sources.js';

const SPECS: Record<string, ParamSpec> = {
  sample: { type: 'number', default: 0.1, min: 0, max: 1 },
  region: { type: 'string', default: 'all' },
  limit: { type: 'integer' },
};

const pick = (rows: ReturnType<typeof paramSourceRows>) =>
  Object.fromEntries(rows.map((row) => [row.name, [row.value, row.source, row.error]]));

describe('paramSourceRows', () => {
  it('takes each value from the highest source: typed, then the environment, then the default', () => {
    const rows = paramSourceRows(SPECS, { region: 'eu', limit: 10 }, { limit: '20', sample: '' });
    expect(pick(rows)).toEqual({
      sample: [0.1, 'default', null],
      region: ['eu', 'environment', null],
      limit: [20, 'run', null],
    });
  });

  it('shows a param with no value from any source as missing', () => {
    expect(pick(paramSourceRows(SPECS, {}, {})).limit).toEqual([null, null, null]);
  });

  it('keeps the value from below an override that is not acceptable, with the reason', () => {
    const rows = paramSourceRows(SPECS, { sample: 0.5 }, { sample: '2', region: 'us' });
    expect(pick(rows).sample).toEqual([0.5, 'environment', '2 is above the maximum 1']);
    expect(pick(rows).region).toEqual(['us', 'run', null]);
  });
});

describe('sourceText and valueText', () => {
  it('name the source and show strings quoted', () => {
    expect(sourceText('environment', 'test')).toBe('environment test');
    expect(sourceText('default', 'test')).toBe('pipeline default');
    expect(sourceText('run', null)).toBe('run override');
    expect(valueText('eu')).toBe('"eu"');
    expect(valueText(0.5)).toBe('0.5');
  });
});
