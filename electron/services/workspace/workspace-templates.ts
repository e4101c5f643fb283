// The workspaces `pipewright init` can start from: the sales sample (Node only, the default)
// and the churn model (Python in Docker). Each is a folder of files shipped in resources/.
import { join } from 'node:path';
import { resourcesDir } from '../resources.js';

export interface WorkspaceTemplate {
  /** Under the resources folder. */
  folder: string;
  description: string;
  /** The command that runs its pipeline, shown after init. */
  firstRun: string;
}

export const WORKSPACE_TEMPLATES = {
  sales: {
    folder: 'sample-workspace',
    description: 'a sales report in Node.js (runs with nothing else installed)',
    firstRun: 'pipewright run sales',
  },
  ml: {
    folder: 'templates/ml',
    description: 'a churn-prediction model in Python, in a Docker environment',
    firstRun: 'pipewright run churn',
  },
} as const satisfies Record<string, WorkspaceTemplate>;

export type WorkspaceTemplateName = keyof typeof WORKSPACE_TEMPLATES;
// cast: Object.keys types every object's keys as string[]; these are the literal keys above
export const TEMPLATE_NAMES = Object.keys(WORKSPACE_TEMPLATES) as WorkspaceTemplateName[];
export const DEFAULT_TEMPLATE: WorkspaceTemplateName = 'sales';

export function templateFolder(name: WorkspaceTemplateName): string {
  return join(resourcesDir(), WORKSPACE_TEMPLATES[name].folder);
}
