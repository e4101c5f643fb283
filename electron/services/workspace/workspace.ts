// A workspace on disk: the folder holding pipewright.yaml, its pipelines and its local state.
// Every front end (CLI, studio, tests) opens workspaces through here.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  PIPELINES_DIR,
  PIPELINE_FILE_SUFFIX,
  STATE_DIR,
  WORKSPACE_FILE,
  pipelineNameOfFile,
} from '../../../shared/pipeline/names.js';
import { validatePipelineText, validateWorkspaceText } from '../../../shared/validation/validate.js';
import type { Validated } from '../../../shared/validation/validate.js';
import type { PipelineSpec, WorkspaceSpec } from '../../../shared/pipeline/schema.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';

export class WorkspaceError extends Error {}

export interface PipelineEntry {
  name: string;
  /** Workspace-relative, POSIX separators. */
  file: string;
}

/** Walks up from `start` to the folder that holds pipewright.yaml. */
export function findWorkspaceRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, WORKSPACE_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export class Workspace {
  readonly stateDir: string;
  private current: { text: string; settings: Validated<WorkspaceSpec> };

  private constructor(readonly root: string) {
    this.stateDir = join(root, STATE_DIR);
    const text = readFileSync(join(root, WORKSPACE_FILE), 'utf8');
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
    const from = existsSync(start) && !isDirectory(start) ? dirname(start) : start;
    const root = findWorkspaceRoot(from);
    if (!root) {
      throw new WorkspaceError(
        `no ${WORKSPACE_FILE} found in ${resolve(from)} or any folder above it; run "pipewright init" to create a workspace`,
      );
    }
    return new Workspace(root);
  }

  ensureStateDir(): string {
    mkdirSync(this.stateDir, { recursive: true });
    return this.stateDir;
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
      .filter((file) => file.endsWith(PIPELINE_FILE_SUFFIX))
      .sort()
      .map((file) => ({ name: pipelineNameOfFile(file) as string, file: `${PIPELINES_DIR}/${file}` }));
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
      throw new WorkspaceError(`cannot read ${entry.file}: ${(error as Error).message}`);
    }
  }

  readPipeline(entry: PipelineEntry): Validated<PipelineSpec> {
    return validatePipelineText(entry.file, this.readPipelineText(entry), this.settings);
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
