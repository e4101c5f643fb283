// The palette: built-in step templates plus the workspace's library/<id>.step.yaml files. The
// library is read inside the workspace only: a link leading out, or a FIFO, is a problem
// listed with the others and never read.
import { readdirSync, readFileSync } from 'node:fs';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { schemaProblems } from '../../../shared/pipeline/schema-problems.js';
import { BUILT_IN_TEMPLATES, LibraryTemplateSchema } from '../../../shared/pipeline/step-templates.js';
import type { StepTemplate } from '../../../shared/pipeline/step-templates.js';
import { readYamlSource } from '../../../shared/pipeline/yaml-source.js';

const SUFFIX = '.step.yaml';

export function listStepTemplates(root: string): { templates: StepTemplate[]; problems: Problem[] } {
  const templates: StepTemplate[] = [...BUILT_IN_TEMPLATES];
  const problems: Problem[] = [];
  const dir = libraryEntry(root, 'library', problems);
  if (dir?.kind !== 'folder') return { templates, problems };
  for (const file of readdirSync(dir.absolute)
    .filter((name) => name.endsWith(SUFFIX))
    .sort()) {
    const entry = libraryEntry(root, `library/${file}`, problems);
    if (entry?.kind !== 'file') continue;
    const source = readYamlSource(`library/${file}`, readFileSync(entry.absolute, 'utf8'));
    if (source.syntaxProblems.length > 0) {
      problems.push(...source.syntaxProblems);
      continue;
    }
    const parsed = LibraryTemplateSchema.safeParse(source.data);
    if (!parsed.success) {
      problems.push(...schemaProblems(source, LibraryTemplateSchema, parsed.error.issues));
      continue;
    }
    templates.push({
      id: `library:${file.slice(0, -SUFFIX.length)}`,
      title: parsed.data.title,
      description: parsed.data.description ?? '',
      language: parsed.data.language ?? 'shell',
      source: 'library',
      step: parsed.data.step,
    });
  }
  return { templates, problems };
}

/** The library folder or a file in it, or null (with a problem) when it leads out or is no file. */
function libraryEntry(root: string, path: string, problems: Problem[]): ReturnType<typeof containedEntry> | null {
  try {
    return containedEntry(root, path, path);
  } catch (error) {
    if (!(error instanceof UnsafePathError)) throw error;
    problems.push({
      severity: 'error',
      code: 'unsafe-path',
      message: error.message,
      file: path,
      path: [],
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    });
    return null;
  }
}
