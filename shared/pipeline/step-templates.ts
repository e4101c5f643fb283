// Step templates: what the canvas palette offers. Built-ins for the common kinds of step, plus
// the workspace's own reusable templates in library/<id>.step.yaml.
import { z } from 'zod';
import { StepSchema } from './schema.js';

export const TEMPLATE_LANGUAGES = ['shell', 'python', 'node', 'sql', 'notebook'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const LibraryTemplateSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  language: z.enum(TEMPLATE_LANGUAGES).optional(),
  step: StepSchema,
});

export interface StepTemplate {
  id: string;
  title: string;
  description: string;
  language: TemplateLanguage;
  source: 'built-in' | 'library';
  /** The step a drop creates; `{id}` in its text becomes the new step's id. */
  step: z.infer<typeof StepSchema>;
  /** A starter notebook the drop creates at this path (`{id}` filled in) unless a file is there. */
  starterNotebook?: string;
}

export const BUILT_IN_TEMPLATES: readonly StepTemplate[] = [
  {
    id: 'shell',
    title: 'Shell command',
    description: 'Any command, run by sh -c in the workspace',
    language: 'shell',
    source: 'built-in',
    step: { run: 'echo "hello from {id}"' },
  },
  {
    id: 'python',
    title: 'Python script',
    description: 'python3 steps/{id}.py',
    language: 'python',
    source: 'built-in',
    step: { run: 'python3 steps/{id}.py' },
  },
  {
    id: 'node',
    title: 'Node script',
    description: 'node steps/{id}.mjs',
    language: 'node',
    source: 'built-in',
    step: { run: 'node steps/{id}.mjs' },
  },
  {
    id: 'sql',
    title: 'SQL query',
    description: 'A query file run by the DuckDB CLI',
    language: 'sql',
    source: 'built-in',
    step: { run: 'duckdb data/warehouse.duckdb < steps/{id}.sql' },
  },
  {
    id: 'notebook',
    title: 'Notebook',
    description: 'A Jupyter notebook run headless; params after its parameters cell',
    language: 'notebook',
    source: 'built-in',
    step: { notebook: 'notebooks/{id}.ipynb' },
    starterNotebook: 'notebooks/{id}.ipynb',
  },
];

/** The step a template makes for a new step id, with `{id}` filled in everywhere. */
export function stepFromTemplate(template: StepTemplate, stepId: string): StepTemplate['step'] {
  // cast: the copy is the template's step with `{id}` replaced inside its strings: the same shape
  return JSON.parse(JSON.stringify(template.step).replaceAll('{id}', stepId)) as StepTemplate['step'];
}
