// The export channels of the contract: the studio's Export… dialog previews a file and saves
// it into the workspace, made by the same service as `pipewright export`.
import type { Channel, RequestOf } from '../../../shared/ipc/contract.js';
import type { ExportRequest } from '../../../shared/export/export-types.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { ExportError, exportWorkspace } from '../export/export-service.js';
import { saveExportFile } from '../export/export-file.js';
import { pipewrightVersion } from '../resources.js';
import { WorkspaceError } from '../workspace/workspace.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ContractHandlers } from './contract-dispatcher.js';

type ExportChannel = Extract<Channel, `export:${string}`>;

function exportRequestOf(request: RequestOf<'export:preview'>): ExportRequest {
  const { target, pipeline, onlyPipeline, schedule, ...options } = request;
  if (target === 'github-actions' || target === 'gitlab-ci') {
    return { target, pipelines: onlyPipeline ? [pipeline] : [], environment: options.environment };
  }
  return { target, pipeline, ...options, ...(schedule ? { schedule: true } : {}) };
}

async function preview(workspace: Workspace, request: RequestOf<'export:preview'>) {
  try {
    return await exportWorkspace(workspace, exportRequestOf(request), pipewrightVersion());
  } catch (error) {
    if (error instanceof ExportError || error instanceof WorkspaceError)
      throw new ContractError('invalid-request', error.message);
    throw error;
  }
}

export function exportHandlers(workspace: () => Workspace): Pick<ContractHandlers, ExportChannel> {
  return {
    'export:preview': (request) => preview(workspace(), request),
    'export:save': async ({ request, file, overwrite }) => {
      const { yaml } = await preview(workspace(), request);
      try {
        const outcome = saveExportFile(workspace().root, file, yaml, overwrite ?? false);
        return { saved: outcome.saved, file: outcome.file };
      } catch (error) {
        if (error instanceof ExportError) throw new ContractError('forbidden', error.message);
        throw error;
      }
    },
  };
}
