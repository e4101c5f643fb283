import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, jsonSchemaFor } from './json-schema.js';

describe('the JSON Schemas shipped in resources/', () => {
  it.each(Object.entries(SCHEMA_FILES))(
    '%s schema is generated from the zod schema (run npm run schema after changing it)',
    (kind, file) => {
      const shipped = JSON.parse(readFileSync(new URL(`../../resources/${file}`, import.meta.url), 'utf8')) as unknown;
      expect(shipped).toEqual(jsonSchemaFor(kind as keyof typeof SCHEMA_FILES));
    },
  );

  it('describes steps, params and tests for autocompletion', () => {
    const schema = jsonSchemaFor('pipeline') as {
      properties: Record<string, { additionalProperties?: { properties?: Record<string, unknown> } }>;
    };
    expect(Object.keys(schema.properties.steps?.additionalProperties?.properties ?? {})).toEqual(
      expect.arrayContaining(['run', 'needs', 'inputs', 'outputs', 'tests', 'retries', 'timeout']),
    );
    expect(Object.keys(schema.properties.params?.additionalProperties?.properties ?? {})).toEqual([
      'type',
      'default',
      'enum',
      'min',
      'max',
      'description',
    ]);
  });
});
