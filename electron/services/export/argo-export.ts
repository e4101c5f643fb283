// `export argo`: the pipeline and workspace settings as committed at the exported ref (what the
// cluster checks out is what is exported), the environment's images and param overrides, and
// the schedule when one is asked for, turned into an Argo Workflow or CronWorkflow.
import { posix } from 'node:path';
import { stringify } from 'yaml';
import { resolveParams } from '../../../shared/pipeline/params.js';
import { hasErrors } from '../../../shared/pipeline/problem.js';
import type { EnvironmentSpec, WorkspaceSpec } from '../../../shared/pipeline/schema.js';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import { validatePipelineText, validateWorkspaceText } from '../../../shared/validation/validate.js';
import type { Validated } from '../../../shared/validation/validate.js';
import { DEFAULT_CLI_IMAGE, DEFAULT_VOLUME_SIZE } from '../../../shared/export/export-types.js';
import type { ArgoExportOptions, ExportPreview } from '../../../shared/export/export-types.js';
import { scheduleSettings } from '../../../shared/schedule/schedule-settings.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import { GitRepository } from '../git/git-repository.js';
import type { Workspace } from '../workspace/workspace.js';
import { argoWorkflow } from './argo-workflow.js';
import type { ArgoSchedule } from './argo-workflow.js';
import { ExportError } from './export-error.js';
import { stepEnvironments } from './step-images.js';

const QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/;

async function committedFile<T>(
  repository: GitRepository,
  commit: string,
  path: string,
  validate: (text: string) => Validated<T>,
): Promise<Validated<T> & { spec: T }> {
  const { content } = await repository.readFile(commit, path);
  if (content === null)
    throw new ExportError(
      `${path} is not in commit ${commit.slice(0, 12)}: commit it first (the cluster checks out the commit)`,
    );
  const validated = validate(content.toString('utf8'));
  const { spec } = validated;
  if (!spec || hasErrors(validated.problems)) {
    const first = validated.problems.find((problem) => problem.severity === 'error');
    throw new ExportError(
      `${path} at ${commit.slice(0, 12)} is not valid${first ? `: line ${first.line}: ${first.message}` : ''}`,
    );
  }
  return { ...validated, spec };
}

interface ChosenSchedule {
  cron: string;
  timezone?: string;
  environment?: string;
  /** The ref a schedule of the workspace runs (its own, else the production branch). */
  ref?: string;
  params?: Record<string, string | number | boolean>;
}

function chooseSchedule(settings: WorkspaceSpec, pipeline: string, options: ArgoExportOptions): ChosenSchedule | null {
  if (options.cron !== undefined) return { cron: options.cron };
  if (options.schedule === undefined) return null;
  const schedules = Object.entries(settings.schedules ?? {});
  const named =
    options.schedule === true
      ? schedules.filter(([, schedule]) => schedule.pipeline === pipeline)
      : schedules.filter(([name]) => name === options.schedule);
  const found = named[0];
  if (!found) {
    const hint =
      typeof options.schedule === 'string'
        ? didYouMean(
            options.schedule,
            schedules.map(([name]) => name),
          )
        : undefined;
    throw new ExportError(
      typeof options.schedule === 'string'
        ? `${WORKSPACE_FILE} has no schedule "${options.schedule}"${hint ? ` (${hint})` : ''}`
        : `no schedule of ${WORKSPACE_FILE} runs ${pipeline}: give --cron`,
    );
  }
  if (named.length > 1)
    throw new ExportError(
      `several schedules run ${pipeline} (${named.map(([name]) => name).join(', ')}): name one with --schedule`,
    );
  const [name, schedule] = found;
  if (schedule.pipeline !== pipeline)
    throw new ExportError(`schedule "${name}" runs ${schedule.pipeline}, not ${pipeline}`);
  // The defaults the scheduler itself fills in: environment, time zone and ref.
  const filled = scheduleSettings(settings, name, schedule);
  return {
    cron: filled.cron,
    timezone: filled.timezone,
    ref: filled.ref,
    ...(filled.environment !== null ? { environment: filled.environment } : {}),
    ...(schedule.params ? { params: schedule.params } : {}),
  };
}

/** pipewright.yaml and the pipeline as committed at `ref`. */
async function committedWorkspace(repository: GitRepository, workspace: Workspace, ref: string, pipelineRef: string) {
  const commit = await repository.resolveRef(ref).catch((error: Error) => {
    throw new ExportError(`ref ${ref}: ${error.message}`);
  });
  const settings = await committedFile(repository, commit, WORKSPACE_FILE, (text) =>
    validateWorkspaceText(WORKSPACE_FILE, text),
  );
  const pipelineFile = posix.normalize(workspace.resolvePipeline(pipelineRef).file);
  const pipeline = (
    await committedFile(repository, commit, pipelineFile, (text) => validatePipelineText(pipelineFile, text, settings))
  ).spec;
  return { commit, settings: settings.spec, pipelineFile, pipeline };
}

function checkCron(cron: string): ArgoSchedule['cron'] {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 && !cron.trim().startsWith('@')) {
    throw new ExportError(
      `cron "${cron}": Argo reads five fields (minute hour day-of-month month day-of-week)${fields.length === 6 ? '; a seconds field has no equivalent there' : ''}`,
    );
  }
  return cron.trim();
}

export async function exportArgo(
  workspace: Workspace,
  options: ArgoExportOptions & { cronWorkflow: boolean },
): Promise<ExportPreview> {
  const repository = GitRepository.open(workspace.root, { watch: false });
  if (!repository)
    throw new ExportError(
      `${workspace.root} is not in a git repository: the cluster checks out a commit, so commit the workspace first`,
    );
  if (repository.location.root !== workspace.root) {
    throw new ExportError(
      `the workspace ${workspace.root} is a folder of the repository ${repository.location.root}: an Argo export needs the workspace at the repository's root`,
    );
  }
  const current = await committedWorkspace(repository, workspace, options.ref ?? 'HEAD', options.pipeline);
  const schedule = chooseSchedule(current.settings, current.pipeline.name, options);
  // A schedule of the workspace runs its own ref (the production branch by default), unless --ref says otherwise.
  const ref = options.ref ?? schedule?.ref ?? 'HEAD';
  const { commit, settings, pipelineFile, pipeline } =
    ref === (options.ref ?? 'HEAD') ? current : await committedWorkspace(repository, workspace, ref, options.pipeline);
  if (options.cronWorkflow && !schedule) throw new ExportError('a CronWorkflow needs --cron EXPR or --schedule');
  const environmentName = options.environment ?? schedule?.environment ?? settings.default_environment;
  if (environmentName === undefined)
    throw new ExportError(`name the environment (--env): ${WORKSPACE_FILE} has no default_environment`);
  const environments: Readonly<Record<string, EnvironmentSpec>> = settings.environments ?? {};
  const environment = environments[environmentName];
  if (!environment) {
    const hint = didYouMean(environmentName, Object.keys(environments));
    throw new ExportError(
      `environment "${environmentName}" is not defined in ${WORKSPACE_FILE}${hint ? ` (${hint})` : ''}`,
    );
  }
  const volumeSize = options.volumeSize ?? DEFAULT_VOLUME_SIZE;
  if (!QUANTITY.test(volumeSize))
    throw new ExportError(`--volume-size ${volumeSize}: expected a Kubernetes quantity such as 10Gi or 500Mi`);
  const remote = options.repository ?? (await repository.remoteUrl());
  if (!remote)
    throw new ExportError(
      'the repository has no remote "origin": give --repository URL, the address the cluster clones the workspace from',
    );

  const resolution = resolveParams(pipeline.params ?? {}, environment.params ?? {}, schedule?.params ?? {}, 'schedule');
  const { images, warnings } = stepEnvironments(pipeline, environmentName, environments, options.image);
  const resource = argoWorkflow({
    pipeline,
    pipelineFile,
    environmentName,
    environments: images,
    params: resolution.params,
    cliImage: options.cliImage ?? DEFAULT_CLI_IMAGE,
    repository: remote,
    commit,
    volumeSize,
    schedule: schedule ? { cron: checkCron(schedule.cron), timezone: schedule.timezone } : null,
  });
  const kind = schedule ? 'argo-cron-workflow' : 'argo-workflow';
  const header = `# Written by pipewright export argo: ${pipeline.name} at ${commit.slice(0, 12)} (${ref}) in environment ${environmentName}.\n`;
  return {
    target: kind,
    yaml: `${header}${stringify(resource.toJSON(), { lineWidth: 0 })}`,
    suggestedFile: `argo/${pipeline.name}.${schedule ? 'cronworkflow' : 'workflow'}.yaml`,
    warnings,
  };
}
