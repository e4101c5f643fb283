// What an export is asked for and what it gives back, the same for the CLI and the studio.

export const EXPORT_TARGETS = ['argo-workflow', 'argo-cron-workflow', 'github-actions', 'gitlab-ci'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const EXPORT_TARGET_LABELS: Record<ExportTarget, string> = {
  'argo-workflow': 'Argo Workflow',
  'argo-cron-workflow': 'Argo CronWorkflow',
  'github-actions': 'GitHub Actions',
  'gitlab-ci': 'GitLab CI',
};

/** The CLI image the Argo checkout and tests tasks run in, unless another is named. */
export const DEFAULT_CLI_IMAGE = 'ghcr.io/pipewright/pipewright-cli:latest';
export const DEFAULT_VOLUME_SIZE = '10Gi';

export interface ArgoExportOptions {
  pipeline: string;
  environment?: string | undefined;
  /** A cron expression: a CronWorkflow on it. */
  cron?: string | undefined;
  /** A schedule of pipewright.yaml (its cron, time zone, environment, ref and params); true = the one naming the pipeline. */
  schedule?: string | true | undefined;
  /** The branch, tag or commit exported (default HEAD). */
  ref?: string | undefined;
  volumeSize?: string | undefined;
  /** The image steps run in, for an environment that builds its own (or runs locally). */
  image?: string | undefined;
  cliImage?: string | undefined;
  /** The repository the cluster clones (default: the remote "origin"). */
  repository?: string | undefined;
}

export interface CiExportOptions {
  /** Pipelines to run; none = every pipeline of the workspace. */
  pipelines: string[];
  environment?: string | undefined;
}

export type ExportRequest =
  | ({ target: 'argo-workflow' | 'argo-cron-workflow' } & ArgoExportOptions)
  | ({ target: 'github-actions' | 'gitlab-ci' } & CiExportOptions);

export interface ExportPreview {
  target: ExportTarget;
  yaml: string;
  /** Where the file usually goes, relative to the workspace. */
  suggestedFile: string;
  /** What the target cannot carry over, each said once. */
  warnings: string[];
}
