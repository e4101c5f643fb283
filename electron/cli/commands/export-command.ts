// `pipewright export argo | github-actions | gitlab-ci`: print the file (or write it with -o),
// and say on stderr what the target cannot carry over. Exit 0 written, 2 when the export
// cannot be made as asked.
import { resolve } from 'node:path';
import type { ExportRequest } from '../../../shared/export/export-types.js';
import { ExportError, exportWorkspace } from '../../services/export/export-service.js';
import { writeExportOutput } from '../../services/export/export-file.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface ArgoCommandOptions {
  env?: string;
  cron?: string;
  schedule?: string | true;
  ref?: string;
  volumeSize?: string;
  image?: string;
  cliImage?: string;
  repository?: string;
  output?: string;
}

export interface CiCommandOptions {
  env?: string;
  output?: string;
}

async function writeExport(
  request: ExportRequest,
  output: string | undefined,
  version: string,
  io: CliIO,
  pipeline?: string,
): Promise<number> {
  const workspace = openWorkspaceFor(io, pipeline);
  let preview;
  try {
    preview = await exportWorkspace(workspace, request, version);
  } catch (error) {
    if (error instanceof ExportError || error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
  const style = stylerFor(io.stderr);
  for (const warning of preview.warnings) io.stderr.write(style('yellow', `warning: ${warning}\n`));
  if (output === undefined) {
    io.stdout.write(preview.yaml);
    return EXIT.ok;
  }
  const file = resolve(io.cwd, output);
  try {
    writeExportOutput(file, preview.yaml);
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(error.message);
    throw error;
  }
  io.stderr.write(`wrote ${file}\n`);
  return EXIT.ok;
}

export function argoExportCommand(
  pipeline: string,
  options: ArgoCommandOptions,
  version: string,
  io: CliIO,
): Promise<number> {
  const scheduled = options.cron !== undefined || options.schedule !== undefined;
  return writeExport(
    {
      target: scheduled ? 'argo-cron-workflow' : 'argo-workflow',
      pipeline,
      environment: options.env,
      cron: options.cron,
      schedule: options.schedule,
      ref: options.ref,
      volumeSize: options.volumeSize,
      image: options.image,
      cliImage: options.cliImage,
      repository: options.repository,
    },
    options.output,
    version,
    io,
    pipeline,
  );
}

export function ciExportCommand(
  target: 'github-actions' | 'gitlab-ci',
  pipelines: string[],
  options: CiCommandOptions,
  version: string,
  io: CliIO,
): Promise<number> {
  return writeExport({ target, pipelines, environment: options.env }, options.output, version, io);
}
