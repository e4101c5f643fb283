// The dialog's fields as the export request the node layer takes: empty fields are left out,
// so the export's own defaults (HEAD, the remote origin, 10Gi) apply.
import type { ExportTarget } from '../../../shared/export/export-types.js';
import type { RequestOf } from '../../../shared/ipc/contract.js';

export interface ExportFields {
  target: ExportTarget;
  environment: string;
  image: string;
  ref: string;
  volumeSize: string;
  repository: string;
  cron: string;
  onlyPipeline: boolean;
}

export function exportRequest(pipeline: string, fields: ExportFields): RequestOf<'export:preview'> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const common = {
    target: fields.target,
    pipeline,
    ...(text(fields.environment) ? { environment: fields.environment } : {}),
  };
  if (fields.target === 'github-actions' || fields.target === 'gitlab-ci')
    return { ...common, onlyPipeline: fields.onlyPipeline };
  const optional = {
    image: text(fields.image),
    ref: text(fields.ref),
    volumeSize: text(fields.volumeSize),
    repository: text(fields.repository),
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  if (fields.target === 'argo-workflow') return { ...common, ...given };
  // A CronWorkflow without an expression takes the workspace's schedule of the pipeline.
  return { ...common, ...given, ...(text(fields.cron) ? { cron: fields.cron.trim() } : { schedule: true }) };
}
