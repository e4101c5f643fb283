import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from './json-schema.js';
import { SCHEMA_GLOBS, SCHEMA_KINDS, schemaCopyPath } from './editor-schemas.js';

describe('editor schemas', () => {
  it('lists every schema that is shipped, each with the files it describes', () => {
    expect([...SCHEMA_KINDS].sort()).toEqual(Object.keys(SCHEMA_FILES).sort());
    for (const kind of SCHEMA_KINDS) expect(SCHEMA_GLOBS[kind].length).toBeGreaterThan(0);
  });

  it('keeps the copies in the workspace state folder', () => {
    expect(schemaCopyPath('pipeline')).toBe('.pipewright/schema/pipeline.schema.json');
  });
});
