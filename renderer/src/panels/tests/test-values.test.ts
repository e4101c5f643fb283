import { describe, expect, it } from 'vitest';
import { TestSchema, TEST_KINDS } from '../../../../shared/pipeline/test-schema.js';
import { validatePipelineText } from '../../../../shared/validation/validate.js';
import { patchYaml } from '../../../../shared/yaml/patch-yaml.js';
import { KIND_LABEL, TEST_FIELDS, kindHint } from './test-kinds.js';
import {
  TEST_KEY_ORDER,
  formatValues,
  newTest,
  parseList,
  parseValues,
  schemaColumns,
  withArg,
  withKey,
} from './test-values.js';

describe('test form values', () => {
  it('removes an emptied optional field instead of writing an empty string', () => {
    const test = { name: 'rows', row_count: { path: 'out.csv', min: 1 } };
    expect(withKey(test, 'name', undefined, TEST_KEY_ORDER)).toEqual({ row_count: { path: 'out.csv', min: 1 } });
    expect(withArg(test, 'row_count', 'min', undefined)).toEqual({ name: 'rows', row_count: { path: 'out.csv' } });
    expect(withArg({ not_null: { path: 'a.csv', columns: ['id'] } }, 'not_null', 'columns', [])).toEqual({
      not_null: { path: 'a.csv' },
    });
    expect(withArg({ schema: { path: 'a.csv', columns: { id: 'INTEGER' } } }, 'schema', 'columns', {})).toEqual({
      schema: { path: 'a.csv' },
    });
  });

  it('keeps an existing key in place and puts a new one where the form orders it', () => {
    const test = { row_count: { path: 'out.csv' }, severity: 'warn' as const };
    expect(Object.keys(withKey(test, 'name', 'rows', TEST_KEY_ORDER))).toEqual(['name', 'row_count', 'severity']);
    expect(Object.keys(withKey(test, 'severity', 'log', TEST_KEY_ORDER))).toEqual(['row_count', 'severity']);
    expect(
      Object.keys(withArg({ row_count: { path: 'a.csv', max: 9 } }, 'row_count', 'min', 1).row_count ?? {}),
    ).toEqual(['path', 'min', 'max']);
  });

  it('reads numbers, lists and YAML-like values from text', () => {
    expect(parseList('id, customer_id,, ')).toEqual(['id', 'customer_id']);
    expect(parseValues('open, 42, true, "42", \'a,b\'')).toEqual(['open', 42, true, '42', 'a,b']);
    // Numbers in decimal notation only: other text stays the text that was typed.
    expect(parseValues('-0.05, 1e3, 0x10, 1_000, Infinity, 1e')).toEqual([
      -0.05,
      1000,
      '0x10',
      '1_000',
      'Infinity',
      '1e',
    ]);
  });

  it('writes values back so they read the same', () => {
    for (const values of [['open', 42, true, '42', 'a,b', 'false']])
      expect(parseValues(formatValues(values))).toEqual(values);
    expect(formatValues(['open', '42'])).toBe('open, "42"');
  });

  it('leaves schema rows without a name out of the file', () => {
    expect(
      schemaColumns([
        ['id', 'INTEGER'],
        ['', 'VARCHAR'],
        [' name ', 'VARCHAR '],
      ]),
    ).toEqual({ id: 'INTEGER', name: 'VARCHAR' });
  });

  it("starts a new data test on the step's first output, a command test with a command", () => {
    expect(newTest('not_null', { inputs: ['in.csv'], outputs: ['out.csv'] })).toEqual({
      not_null: { path: 'out.csv' },
    });
    expect(newTest('row_count', { inputs: ['in.csv'] })).toEqual({ row_count: { path: 'in.csv' } });
    expect(newTest('unique', {})).toEqual({ unique: {} });
    expect(newTest('command', {})).toEqual({ command: 'true' });
    expect(newTest('metric', { outputs: ['model.pkl', 'metrics/eval.json'], metrics: ['metrics/eval.json'] })).toEqual({
      metric: { file: 'metrics/eval.json' },
    });
    expect(newTest('metric', { outputs: ['model.pkl'] })).toEqual({ metric: {} });
  });

  it('fills a not_null and a row_count test into a valid pipeline file, one line each', () => {
    const text = 'version: 1\nname: p\nsteps:\n  make:\n    run: echo a > out.csv\n    outputs: [out.csv]\n';
    let test = newTest('not_null', { outputs: ['out.csv'] });
    test = withArg(test, 'not_null', 'columns', parseList('id, amount'));
    const counted = withArg(
      withArg(newTest('row_count', { outputs: ['out.csv'] }), 'row_count', 'min', 1),
      'row_count',
      'max',
      10,
    );
    const next = patchYaml(text, {
      version: 1,
      name: 'p',
      steps: { make: { run: 'echo a > out.csv', outputs: ['out.csv'], tests: [test, counted] } },
    });
    const validated = validatePipelineText('p.pipeline.yaml', next);
    expect(validated.problems).toEqual([]);
    expect(validated.spec?.steps.make?.tests).toEqual([
      { not_null: { path: 'out.csv', columns: ['id', 'amount'] } },
      { row_count: { path: 'out.csv', min: 1, max: 10 } },
    ]);
  });
});

describe('test kinds in the form', () => {
  it('has a label and a one-line hint for every kind', () => {
    for (const kind of TEST_KINDS) {
      expect(KIND_LABEL[kind]).toBeTruthy();
      expect(kindHint(kind)).toMatch(/\.$/);
      expect(kindHint(kind)).not.toContain('Observed:');
    }
  });

  it('offers a field for every argument of every data kind, and only those', () => {
    for (const kind of TEST_KINDS) {
      if (kind === 'command') continue;
      const shape = (TestSchema.shape[kind].unwrap() as { shape: Record<string, unknown> }).shape;
      expect(TEST_FIELDS[kind].map((field) => field.key).sort()).toEqual(Object.keys(shape).sort());
    }
  });
});
