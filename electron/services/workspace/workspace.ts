// A workspace on disk: the folder holding pipewright.yaml, its pipelines and its local state.
// Every front end (CLI, studio, tests) opens workspaces through here, or through its folder
// alone (workspace-folder.ts) when it needs no validated settings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  PIPELINES_DIR,
  PIPELINE_FILE_SUFFIX,
  WORKSPACE_FILE,
  pipelineNameOfFile,
} from '../../../shared/pipeline/names.js';
import { validatePipelineText, validateWorkspaceText } from '../../../shared/validation/validate.js';
import type { Validated } from '../../../shared/validation/validate.js';
import type { EnvironmentSpec, PipelineSpec, WorkspaceSpec } from '../../../shared/pipeline/schema.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { errorMessage } from '../../../shared/text/error-message.js';
import { WorkspaceError, WorkspaceFolder, isDirectory, readSettingsText, workspaceRootOf } from './workspace-folder.js';

export { WorkspaceError, findWorkspaceRoot } from './workspace-folder.js';

export interface PipelineEntry {
  name: string;
  /** Workspace-relative, POSIX separators. */
  file: string;
}

export class Workspace extends WorkspaceFolder {
  private current: { text: string; settings: Validated<WorkspaceSpec> };

  private constructor(root: string, text: string) {
    super(root, text);
    this.current = { text, settings: validateWorkspaceText(WORKSPACE_FILE, text) };
  }

  get settings(): Validated<WorkspaceSpec> {
    return this.current.settings;
  }

  get settingsText(): string {
    return this.current.text;
  }

  /**
   * Reads pipewright.yaml again after another program changed it; whether it changed. A file
   * that cannot be read (being replaced, removed) leaves the settings as they were.
   */
  reloadSettings(): boolean {
    let text: string;
    try {
      text = readFileSync(join(this.root, WORKSPACE_FILE), 'utf8');
    } catch {
      return false;
    }
    if (text === this.current.text) return false;
    this.current = { text, settings: validateWorkspaceText(WORKSPACE_FILE, text) };
    return true;
  }

  /** Opens the workspace containing `start` (a folder or a file inside the workspace). */
  static open(start: string): Workspace {
    const root = workspaceRootOf(start);
    return new Workspace(root, readSettingsText(root));
  }

  override environments(): Promise<Readonly<Record<string, EnvironmentSpec>>> {
    return Promise.resolve(this.settings.spec?.environments ?? {});
  }

  relative(path: string): string {
    return relative(this.root, resolve(this.root, path)).split(sep).join('/');
  }

  absolute(workspacePath: string): string {
    return resolve(this.root, workspacePath);
  }

  listPipelines(): PipelineEntry[] {
    const dir = join(this.root, PIPELINES_DIR);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .sort()
      .flatMap((file) => {
        const name = pipelineNameOfFile(file);
        return name === null ? [] : [{ name, file: `${PIPELINES_DIR}/${file}` }];
      });
  }

  /** A pipeline by name ("churn") or by path ("pipelines/churn.pipeline.yaml", relative to `cwd`). */
  resolvePipeline(ref: string, cwd: string = process.cwd()): PipelineEntry {
    const pipelines = this.listPipelines();
    const byName = pipelines.find((entry) => entry.name === ref);
    if (byName) return byName;
    const asPath = resolve(cwd, ref);
    if (existsSync(asPath) && !isDirectory(asPath)) {
      const file = this.relative(asPath);
      if (file.startsWith('..')) throw new WorkspaceError(`${ref} is outside the workspace ${this.root}`);
      return { name: pipelineNameOfFile(file) ?? file, file };
    }
    const hint = didYouMean(
      ref,
      pipelines.map((entry) => entry.name),
    );
    const known = pipelines.length
      ? `pipelines here: ${pipelines.map((entry) => entry.name).join(', ')}`
      : `there are no ${PIPELINES_DIR}/*${PIPELINE_FILE_SUFFIX} files`;
    throw new WorkspaceError(`no pipeline named "${ref}" and no such file${hint ? ` (${hint})` : ''}; ${known}`);
  }

  /** A pipeline file's text; one a link leads out of the workspace, or a FIFO, is refused. */
  readPipelineText(entry: PipelineEntry): string {
    try {
      const { absolute, kind } = containedEntry(this.root, entry.file, entry.file);
      if (kind !== 'file')
        throw new WorkspaceError(
          `cannot read ${entry.file}: ${kind === 'missing' ? 'there is no such file' : 'it is a folder'}`,
        );
      return readFileSync(absolute, 'utf8');
    } catch (error) {
      if (error instanceof WorkspaceError || error instanceof UnsafePathError) throw new WorkspaceError(error.message);
      throw new WorkspaceError(`cannot read ${entry.file}: ${errorMessage(error)}`);
    }
  }

  readPipeline(entry: PipelineEntry): Validated<PipelineSpec> {
    return validatePipelineText(entry.file, this.readPipelineText(entry), this.settings);
  }
}
