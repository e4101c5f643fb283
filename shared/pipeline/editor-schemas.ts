// Where a workspace keeps its copy of the JSON Schemas and which files each one describes, so
// an editor (VS Code's YAML extension, a JetBrains IDE, any YAML language server) gives a hand
// edit the completion and checks the canvas gives. The copy lives inside the workspace so the
// association works offline and matches the Pipewright version that wrote it.
import { PIPELINES_DIR, WORKSPACE_FILE } from './names.js';
import { SCHEMA_FILES } from './json-schema.js';

/** The workspace-relative folder of the schema copies (local state, rewritten on every open). */
export const SCHEMA_FOLDER = '.pipewright/schema';

export type SchemaKind = keyof typeof SCHEMA_FILES;

/** Every kind of schema, in the order editors list them. */
export const SCHEMA_KINDS: readonly SchemaKind[] = ['pipeline', 'workspace'];

/** The workspace-relative path of a schema copy. */
export function schemaCopyPath(kind: SchemaKind): string {
  return `${SCHEMA_FOLDER}/${SCHEMA_FILES[kind]}`;
}

/** The files each schema describes, as workspace-relative globs. */
export const SCHEMA_GLOBS: Record<SchemaKind, string[]> = {
  pipeline: [`${PIPELINES_DIR}/*.pipeline.yaml`],
  workspace: [WORKSPACE_FILE],
};

/**
 * The first line of a file Pipewright creates, naming its schema relative to the file. JetBrains
 * IDEs read `# $schema:` comments, and so does the YAML language server (VS Code, Neovim, Helix)
 * since it took the same form; a comment travels with the file, needs no IDE project file and
 * survives saves from the canvas, which keep a file's comments.
 */
export function schemaComment(kind: SchemaKind, fileDepth: number): string {
  return `# $schema: ${'../'.repeat(fileDepth) || './'}${schemaCopyPath(kind)}\n`;
}
