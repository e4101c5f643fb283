import { z } from 'zod';
import { PipelineFileSchema, WorkspaceFileSchema } from './schema.js';

export const SCHEMA_FILES = {
  pipeline: 'pipeline.schema.json',
  workspace: 'workspace.schema.json',
} as const;

/** JSON Schemas for editors (autocompletion, hover docs), generated from the zod schemas. */
export function jsonSchemaFor(kind: keyof typeof SCHEMA_FILES): Record<string, unknown> {
  const schema = kind === 'pipeline' ? PipelineFileSchema : WorkspaceFileSchema;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
