import { didYouMean } from '../text/did-you-mean.js';
import { ENVIRONMENT_NAME } from './names.js';
import type { Problem } from './problem.js';
import type { WorkspaceSpec } from './schema.js';
import type { YamlSource } from './yaml-source.js';

/** Checks of pipewright.yaml beyond its schema. */
export function checkWorkspace(source: YamlSource, workspace: WorkspaceSpec): Problem[] {
  const problems: Problem[] = [];
  const names = Object.keys(workspace.environments ?? {});
  for (const name of names) {
    if (!ENVIRONMENT_NAME.test(name)) {
      problems.push({
        severity: 'error',
        code: 'invalid-environment-name',
        message: `environment name "${name}" may use only letters, digits, "_", "-" and "."`,
        file: source.file,
        path: ['environments', name],
        ...source.locate(['environments', name], 'key'),
      });
    }
  }
  const fallback = workspace.default_environment;
  if (fallback !== undefined && !names.includes(fallback)) {
    const hint = didYouMean(fallback, names);
    problems.push({
      severity: 'error',
      code: 'unknown-environment',
      message: `default_environment "${fallback}" is not defined under environments`,
      file: source.file,
      path: ['default_environment'],
      ...source.locate(['default_environment']),
      ...(hint ? { hint } : {}),
    });
  }
  return problems;
}
