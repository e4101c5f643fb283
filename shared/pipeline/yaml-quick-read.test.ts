import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { quickYamlData } from './yaml-quick-read.js';
import { readYamlSource } from './yaml-source.js';

/** What `yaml` reads, as readYamlSource reads a file it must parse itself; 'rejected' for a file with errors. */
function yamlData(text: string): unknown {
  const document = parseDocument(text, { merge: true, prettyErrors: false });
  if (document.errors.length > 0) return 'rejected';
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch {
    return 'rejected';
  }
}

/** NaN, infinities and -0 compared by name, as toEqual would not tell -0 from 0. */
const same = (value: unknown) =>
  JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0))
      ? `number ${Object.is(item, -0) ? '-0' : String(item)}`
      : item,
  );

const PIPELINE = `version: 1
name: sales # a comment
params:
  region: { type: string, default: north, enum: [north, south] }
  rows: { type: integer, default: 100 }
steps:
  extract:
    run: python extract.py --rows \${{ params.rows }}
    outputs: [data/raw.csv]
  report:
    needs: [extract]
    run: |
      python report.py \\
        --in data/raw.csv
    when: "params.region == 'north'"
    env: { RATIO: 0.5, DEBUG: false, NOTE: ~, EMPTY: "" }
`;

/** Other shapes a pipeline file takes: lists of maps, comments after flow values, quoted keys, block scalar indicators. */
const PIPELINE_WITH_TESTS = `# $schema: ../.pipewright/schema/pipeline.schema.json
version: 1
description: Ingest raw orders; clean them.
params:
  fraction: { type: number, default: 1, min: 0, max: 1, description: "Share of orders, for quick runs" }
steps:
  "ingest":
    run: >-
      node steps/ingest.mjs
      data/raw/orders.csv
    inputs: [data/raw/orders.csv]   # checked before the step runs
    tests:
      - name: 'raw export has orders'
        row_count: { path: data/raw/orders.csv, min: 100 }
      - name: columns
        schema: { path: data/raw/orders.csv, columns: { order_id: VARCHAR, 'quantity': BIGINT } }
      -   command: node tests/check.mjs 1
          severity: warn
    retries: 0x2
    timeout: 2m
    metrics:
    - metrics/sales.json
`;

describe('quickYamlData', () => {
  it('reads a pipeline as yaml does', () => {
    for (const file of [PIPELINE, PIPELINE_WITH_TESTS]) {
      const quick = quickYamlData(file);
      expect(quick).not.toBeNull();
      expect(same(quick?.data)).toBe(same(yamlData(file)));
    }
  });

  it('resolves scalars by the YAML 1.2 core schema, as yaml does', () => {
    const scalars = [
      ...['0b101', '-0x1', '+0o7', '1_000', '017', '0o17', '0x1F', '+12', '-0', '12345678901234567890'],
      ...['-.5', '1.', '.5e3', '1e3', '+1.5E-3', '.inf', '-.Inf', '.NaN', '.nan', 'NaN', '1e'],
      ...['~', 'null', 'Null', 'NULL', 'nULL', 'True', 'TRUE', 'tRue', 'yes', 'on', 'off', '2024-01-02', '12:30'],
    ];
    for (const scalar of scalars) {
      const text = `value: ${scalar}\n`;
      const quick = quickYamlData(text);
      expect(quick, scalar).not.toBeNull();
      expect(same(quick?.data), scalar).toBe(same(yamlData(text)));
    }
  });

  it('merges `<<` keys as yaml does, and reads a quoted "<<" as a key', () => {
    for (const text of ['a: 1\n<<: {a: 2, b: 3}\n', 'x:\n  <<: [{a: 1}, {a: 2, c: 3}]\n  c: 4\n', '"<<": {a: 1}\n']) {
      expect(same(quickYamlData(text)?.data), text).toBe(same(yamlData(text)));
    }
  });

  it('keeps a __proto__ key as a key, never as the prototype of its map', () => {
    const text = 'steps:\n  __proto__: { polluted: true }\n  a: { run: x }\n';
    const steps = (quickYamlData(text)?.data as { steps: Record<string, unknown> }).steps;
    expect(Object.getPrototypeOf(steps)).toBe(Object.prototype);
    expect(Object.keys(steps)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(same(steps)).toBe(same((yamlData(text) as { steps: unknown }).steps));
  });

  it('reads a file that starts with a byte order mark, or has Windows line ends', () => {
    for (const text of ['\ufeffversion: 1\nname: a\n', 'version: 1\r\nsteps:\r\n  a: { run: x }\r\n']) {
      const quick = quickYamlData(text);
      expect(quick, text).not.toBeNull();
      expect(same(quick?.data)).toBe(same(yamlData(text)));
    }
  });

  it('leaves to yaml what it may read otherwise', () => {
    const otherwise = {
      directive: '%YAML 1.1\n---\na: yes\n',
      alias: 'base: &b {x: 1}\nd: *b\n',
      'alias in a merge': 'base: &b {x: 1}\nd:\n  <<: *b\n',
      'unknown tag': 'a: !secret x\n',
      'binary tag': 'a: !!binary aGk=\n',
      'float tag on an integer': 'a: !!float 1\n',
      'repeated key': 'a: 1\na: 2\n',
      'flow list over lines, under-indented': 'steps:\n  a:\n    inputs: [data/a.csv\n]\n',
      'quoted scalar over lines': 'a: "one\n  two"\n',
      'plain scalar over lines': 'a: one\n  two\n',
      'null key': 'null: a\n',
      'empty key': '"": a\n',
      'list as a key': '? [a, b]\n: c\n',
      'two documents': 'a: 1\n---\nb: 2\n',
      'syntax error': 'a: [1, 2\n',
      'a # right after a bracket': 'needs: [a]# x\n',
      'a tab before a comment': 'a:\n  b: 1\n\t# x\n  c: 2\n',
      'a map nested on its key line, after an anchor': 'a: &x b: 1\n',
      'a carriage return alone': 'a: {b: false\r, c: 1}\n',
      'a flow list as a key of a flow map': 'a: { b: 1, [c] }\n',
      'an anchored flow list as a key of a flow map': 'a: { b: 1, &d: [c] }\n',
      'an explicit key': 'a:\n  ? - b\n',
      'a list item less indented than the first': 'm:\n    -\n - b\nz: 1\n',
      'a byte order mark inside': 'a: 1\n\ufeffb: 2\n',
    };
    for (const [what, text] of Object.entries(otherwise)) expect(quickYamlData(text), what).toBeNull();
  });

  it('never gives data yaml would not give, whatever is done to a pipeline file', () => {
    const piece = fc.constantFrom(
      ...['\t', ' ', '  ', ':', ': ', '- ', '#', "'", '"', '\n', '&a ', '*a', '? ', '[', ']', '{', '}', ','],
      ...['|', '>', '!', '!!str ', '<<: ', '---\n', '%', '\\', 'null', '~', '0x1', '.5', '\r\n', '\ufeff'],
      ...['\u00a0', '\u2028', '\u0085', '\t#', '\v', '\f', '\u0000', '"\\', "''", '-', '?', '*', '&', '@', '`'],
    );
    // An edit puts a piece at a place in the file, or takes one to three characters out there.
    const edit = fc.record({
      at: fc.nat(),
      insert: fc.option(piece, { nil: undefined }),
      cut: fc.integer({ min: 1, max: 3 }),
    });
    let readQuickly = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(PIPELINE, PIPELINE_WITH_TESTS),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (file, edits) => {
          let text = file;
          for (const { at, insert, cut } of edits) {
            const place = at % (text.length + 1);
            text = text.slice(0, place) + (insert ?? '') + text.slice(place + (insert === undefined ? cut : 0));
          }
          const read = quickYamlData(text);
          if (read === null) return;
          readQuickly += 1;
          expect(same(read.data), text).toBe(same(yamlData(text)));
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 600) },
    );
    // Most edits leave the file readable: the property held for many files, not for none.
    expect(readQuickly).toBeGreaterThan(100);
  });
});

describe('readYamlSource of a file read quickly', () => {
  it('points at a field with the document it parses on first use', () => {
    const source = readYamlSource('pipelines/sales.pipeline.yaml', PIPELINE);
    expect(source.syntaxProblems).toEqual([]);
    expect(source.locate(['steps', 'report', 'when'])).toMatchObject({ line: 15, column: 11 });
    expect(source.document.errors).toEqual([]);
  });

  it('still stops an alias bomb, which it leaves to yaml', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      bomb.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    const source = readYamlSource('bomb.yaml', `${bomb.join('\n')}\n`);
    expect(source.data).toBeUndefined();
    expect(source.syntaxProblems[0]?.message).toMatch(/YAML syntax: .*alias/i);
  });
});
