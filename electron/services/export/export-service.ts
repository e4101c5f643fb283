// One entry for every export target, used by `pipewright export` and by the studio's Export…
// dialog: the file's text, where it usually goes, and what could not be carried over.
import type { CiExportOptions, ExportPreview, ExportRequest } from '../../../shared/export/export-types.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import type { Workspace } from '../workspace/workspace.js';
import { exportArgo } from './argo-export.js';
import { githubActionsConfig, gitlabCiConfig } from './ci-config.js';
import { ExportError } from './export-error.js';

export { ExportError } from './export-error.js';

function exportCi(
  workspace: Workspace,
  target: 'github-actions' | 'gitlab-ci',
  options: CiExportOptions,
  version: string,
): ExportPreview {
  const known = workspace.listPipelines().map((entry) => entry.name);
  for (const name of options.pipelines) {
    if (!known.includes(name)) {
      const hint = didYouMean(name, known);
      throw new ExportError(
        `no pipeline named "${name}"${hint ? ` (${hint})` : ''}; pipelines here: ${known.join(', ') || 'none'}`,
      );
    }
  }
  const pipelines = options.pipelines.length > 0 ? options.pipelines : known;
  if (pipelines.length === 0) throw new ExportError('the workspace has no pipelines to run');
  const settings = workspace.settings.spec;
  const environment = options.environment ?? settings?.default_environment ?? null;
  const environments = settings?.environments ?? {};
  if (environment !== null && !environments[environment])
    throw new ExportError(`environment "${environment}" is not defined in pipewright.yaml`);
  // The job needs a Docker engine when the run's environment, or one a step names, is a Docker one.
  const used = new Set([
    environment,
    ...pipelines.flatMap((name) =>
      Object.values(workspace.readPipeline(workspace.resolvePipeline(name)).spec?.steps ?? {}).map(
        (step) => step.environment ?? null,
      ),
    ),
  ]);
  const input = {
    pipelines,
    environment: options.environment ?? null,
    needsDocker: [...used].some((name) => name !== null && environments[name]?.runner === 'docker'),
    cliPackage: `pipewright@${version}`,
  };
  return target === 'github-actions'
    ? { target, yaml: githubActionsConfig(input), suggestedFile: '.github/workflows/pipewright.yml', warnings: [] }
    : { target, yaml: gitlabCiConfig(input), suggestedFile: '.gitlab-ci.yml', warnings: [] };
}

export async function exportWorkspace(
  workspace: Workspace,
  request: ExportRequest,
  version: string,
): Promise<ExportPreview> {
  switch (request.target) {
    case 'github-actions':
    case 'gitlab-ci':
      return exportCi(workspace, request.target, request, version);
    case 'argo-workflow':
    case 'argo-cron-workflow': {
      const { target, ...options } = request;
      return exportArgo(workspace, { ...options, cronWorkflow: target === 'argo-cron-workflow' });
    }
  }
}
