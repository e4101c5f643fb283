// Reading a pipeline or workspace file end to end: YAML syntax, then the schema, then the
// semantic checks. Always returns problems rather than throwing, whatever the input.
import type { z } from 'zod';
import { checkPipeline } from './check-pipeline.js';
import type { WorkspaceContext } from './check-pipeline.js';
import { checkWorkspace } from './check-workspace.js';
import type { Problem } from '../pipeline/problem.js';
import { hasErrors, sortProblems } from '../pipeline/problem.js';
import { schemaProblems } from '../pipeline/schema-problems.js';
import { PipelineFileSchema, WorkspaceFileSchema } from '../pipeline/schema.js';
import type { PipelineSpec, WorkspaceSpec } from '../pipeline/schema.js';
import { readYamlSource } from '../pipeline/yaml-source.js';
import type { YamlSource } from '../pipeline/yaml-source.js';

export interface Validated<T> {
  source: YamlSource;
  /** The file's content when it matches the schema (it may still have semantic errors). */
  spec: T | null;
  problems: Problem[];
}

function parseWith<T>(file: string, text: string, schema: z.ZodType<T>): Validated<T> {
  const source = readYamlSource(file, text);
  if (source.syntaxProblems.length > 0) return { source, spec: null, problems: source.syntaxProblems };
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    return {
      source,
      spec: null,
      problems: [
        {
          severity: 'error',
          code: 'invalid-value',
          message: 'the file must be a YAML mapping (key: value)',
          file,
          path: [],
          ...source.locate([]),
        },
      ],
    };
  }
  const result = schema.safeParse(source.data);
  if (!result.success) return { source, spec: null, problems: schemaProblems(source, schema, result.error.issues) };
  return { source, spec: result.data, problems: [] };
}

export function validateWorkspaceText(file: string, text: string): Validated<WorkspaceSpec> {
  const parsed = parseWith(file, text, WorkspaceFileSchema);
  if (parsed.spec) parsed.problems.push(...checkWorkspace(parsed.source, parsed.spec));
  sortProblems(parsed.problems);
  return parsed;
}

export function validatePipelineText(
  file: string,
  text: string,
  workspace?: Validated<WorkspaceSpec>,
): Validated<PipelineSpec> {
  const parsed = parseWith(file, text, PipelineFileSchema);
  if (parsed.spec) {
    const context: WorkspaceContext | undefined = workspace?.spec
      ? { source: workspace.source, spec: workspace.spec }
      : undefined;
    parsed.problems.push(...checkPipeline(parsed.source, parsed.spec, context));
  }
  for (const problem of parsed.problems) {
    if (problem.code === 'duplicate-key' && problem.path.length === 2 && problem.path[0] === 'steps') {
      problem.code = 'duplicate-step-id';
      problem.message = problem.message.replace('duplicate key', 'duplicate step id');
    }
  }
  sortProblems(parsed.problems);
  return parsed;
}

export function isRunnable<T>(validated: Validated<T>): validated is Validated<T> & { spec: T } {
  return validated.spec !== null && !hasErrors(validated.problems);
}
