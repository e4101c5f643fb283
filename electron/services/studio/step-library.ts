// The palette: built-in step templates plus the workspace's library/<id>.step.yaml files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { schemaProblems } from '../../../shared/pipeline/schema-problems.js';
import { BUILT_IN_TEMPLATES, LibraryTemplateSchema } from '../../../shared/pipeline/step-templates.js';
import type { StepTemplate } from '../../../shared/pipeline/step-templates.js';
import { readYamlSource } from '../../../shared/pipeline/yaml-source.js';

const SUFFIX = '.step.yaml';

export function listStepTemplates(root: string): { templates: StepTemplate[]; problems: Problem[] } {
  const dir = join(root, 'library');
  const templates: StepTemplate[] = [...BUILT_IN_TEMPLATES];
  const problems: Problem[] = [];
  if (!existsSync(dir)) return { templates, problems };
  for (const file of readdirSync(dir).filter((name) => name.endsWith(SUFFIX)).sort()) {
    const source = readYamlSource(`library/${file}`, readFileSync(join(dir, file), 'utf8'));
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
