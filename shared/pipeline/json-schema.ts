import { z } from 'zod';
import { PipelineFileSchema, WorkspaceFileSchema } from './schema.js';

export const SCHEMA_FILES = {
  pipeline: 'pipeline.schema.json',
  workspace: 'workspace.schema.json',
} as const;

export type SchemaKind = keyof typeof SCHEMA_FILES;

export function isSchemaKind(kind: string): kind is SchemaKind {
  return Object.hasOwn(SCHEMA_FILES, kind);
}

/** JSON Schemas for editors (autocompletion, hover docs), generated from the zod schemas. */
export function jsonSchemaFor(kind: SchemaKind): z.core.JSONSchema.BaseSchema {
  const schema = kind === 'pipeline' ? PipelineFileSchema : WorkspaceFileSchema;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}
