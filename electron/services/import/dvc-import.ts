// Brings a DVC pipeline into a workspace: reads dvc.yaml and the params files it names (only
// inside the workspace, never through a link out of it), converts it, validates the result
// against the workspace and writes pipelines/NAME.pipeline.yaml whole or not at all.
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { dvcPipelineText } from '../../../shared/import/dvc/dvc-pipeline-text.js';
import { importDvcPipeline } from '../../../shared/import/dvc/import-dvc.js';
import { PIPELINE_NAME, pipelineFileName } from '../../../shared/pipeline/names.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { hasErrors } from '../../../shared/pipeline/problem.js';
import type { PipelineSpec } from '../../../shared/pipeline/schema.js';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { UnsafePathError, containedEntry, containedPath } from '../files/contained-path.js';
import type { Workspace } from '../workspace/workspace.js';

export class DvcImportError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

export interface DvcImportRequest {
  /** The folder holding dvc.yaml, absolute. */
  dir: string;
  name?: string;
  /** Replace an existing pipeline file of that name. */
  force?: boolean;
}

export interface DvcImportOutcome {
  /** The pipeline file written, workspace-relative. */
  file: string;
  pipeline: PipelineSpec;
  /** What was not carried over, each at its line of dvc.yaml. */
  warnings: Problem[];
}

/** The name a pipeline gets without --name: "dvc" at the workspace root, else its folder path. */
function defaultName(folder: string): string {
  return folder === '' ? 'dvc' : folder.replace(/\//g, '-');
}

function readContained(workspace: Workspace, path: string, what: string): string | null {
  const { absolute, kind } = containedEntry(workspace.root, path, what);
  if (kind === 'missing') return null;
  if (kind === 'folder') throw new DvcImportError(`${what}: ${path} is a folder, not a file`);
  return readFileSync(absolute, 'utf8');
}

export function importDvcIntoWorkspace(workspace: Workspace, request: DvcImportRequest): DvcImportOutcome {
  const folder = workspace.relative(request.dir);
  if (folder === '..' || folder.startsWith('../') || isAbsolute(folder)) {
    throw new DvcImportError(
      `${request.dir} is outside the workspace ${workspace.root}: import a dvc.yaml of the workspace`,
    );
  }
  const dvcFile = folder === '' ? 'dvc.yaml' : `${folder}/dvc.yaml`;
  const name = request.name ?? defaultName(folder);
  if (!PIPELINE_NAME.test(name))
    throw new DvcImportError(
      `"${name}" is not a pipeline name (letters, digits, _ . -, not starting with . or -): give one with --name`,
    );

  try {
    const text = readContained(workspace, dvcFile, 'dvc.yaml');
    if (text === null) throw new DvcImportError(`there is no ${dvcFile} in the workspace`);
    const result = importDvcPipeline({
      dvcFile,
      text,
      pipelineName: name,
      readFile: (path) => readContained(workspace, path, `params file ${path}`),
    });
    if (!result.pipeline || hasErrors(result.problems))
      throw new DvcImportError(`${dvcFile} cannot be imported`, result.problems);

    const file = pipelineFileName(name);
    const pipelineText = dvcPipelineText(result.pipeline, dvcFile);
    const validated = validatePipelineText(file, pipelineText, workspace.settings);
    if (hasErrors(validated.problems))
      throw new DvcImportError(`the pipeline imported from ${dvcFile} does not validate`, validated.problems);

    const target = containedPath(workspace.root, file, `pipeline file ${file}`);
    const existing = lstatSync(workspace.absolute(file), { throwIfNoEntry: false });
    if (existing?.isSymbolicLink())
      throw new DvcImportError(`${file} is a symbolic link: refused (an import never writes through a link)`);
    if (existing && !request.force)
      throw new DvcImportError(`${file} exists already: choose another --name, or --force to replace it`);
    if (existing && !existing.isFile()) throw new DvcImportError(`${file} exists and is not a file: refused`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, pipelineText);
    return {
      file,
      pipeline: result.pipeline,
      warnings: [...result.problems, ...validated.problems].filter((problem) => problem.severity === 'warning'),
    };
  } catch (error) {
    if (error instanceof UnsafePathError) throw new DvcImportError(error.message);
    throw error;
  }
}
