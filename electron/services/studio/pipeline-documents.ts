// Pipeline files as the studio edits them: load with problems and layout, save through the
// comment-keeping writer (refusing to overwrite a file that changed on disk or is not valid
// YAML), and create, rename or delete a pipeline with its layout sidecar.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../../../shared/ipc/envelope.js';
import type { PipelineDocument, PipelineListEntry, SavedPipeline } from '../../../shared/ipc/contract.js';
import { EMPTY_LAYOUT, LayoutSchema, serializeLayout } from '../../../shared/pipeline/layout.js';
import type { PipelineLayout } from '../../../shared/pipeline/layout.js';
import { PIPELINES_DIR, PIPELINE_FILE_SUFFIX, layoutFileName, pipelineFileName } from '../../../shared/pipeline/names.js';
import { PipelineFileSchema } from '../../../shared/pipeline/schema.js';
import { validatePipelineText } from '../../../shared/pipeline/validate.js';
import { YamlPatchError, patchYaml } from '../../../shared/yaml/patch-yaml.js';
import { renderDocument } from '../../../shared/yaml/yaml-render.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import type { Workspace } from '../workspace/workspace.js';

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class PipelineDocuments {
  /** Hashes of what this process last read or wrote, so its own writes are not "changes on disk". */
  private readonly known = new Map<string, string>();

  constructor(private readonly workspace: Workspace) {}

  list(): PipelineListEntry[] {
    return this.workspace.listPipelines();
  }

  knownHash(file: string): string | undefined {
    return this.known.get(file);
  }

  remember(file: string, hash: string): void {
    this.known.set(file, hash);
  }

  load(name: string): PipelineDocument {
    const entry = this.entry(name);
    const text = this.workspace.readPipelineText(entry);
    const validated = validatePipelineText(entry.file, text, this.workspace.settings);
    const hash = textHash(text);
    this.known.set(entry.file, hash);
    return {
      name,
      file: entry.file,
      text,
      hash,
      data: validated.spec ? (validated.source.data as Record<string, unknown>) : null,
      layout: this.readLayout(name),
      problems: validated.problems,
    };
  }

  save(name: string, data: Record<string, unknown>, layout: PipelineLayout, baseHash: string | null, force: boolean): SavedPipeline {
    const checked = PipelineFileSchema.safeParse(data);
    if (!checked.success) {
      throw new ContractError('invalid-request', `the pipeline data does not match the file format: ${checked.error.issues[0]?.message ?? ''}`);
    }
    const path = this.absolute(name);
    const onDisk = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (onDisk !== null && !force && textHash(onDisk) !== baseHash) {
      throw new ContractError('conflict', `${pipelineFileName(name)} changed on disk since it was opened: reload it, or save again to keep your version`);
    }
    const text = onDisk === null ? renderDocument(data, { indent: 2, indentSeq: true }) : this.patched(name, onDisk, data, force);
    if (text !== onDisk) writeFileAtomic(path, text);
    const layoutText = serializeLayout(layout);
    const layoutPath = this.layoutPath(name);
    if (!existsSync(layoutPath) || readFileSync(layoutPath, 'utf8') !== layoutText) writeFileAtomic(layoutPath, layoutText);
    const hash = textHash(text);
    this.known.set(pipelineFileName(name), hash);
    return { hash, text, problems: validatePipelineText(pipelineFileName(name), text, this.workspace.settings).problems };
  }

  create(name: string, description?: string): PipelineListEntry {
    const path = this.absolute(name);
    if (existsSync(path)) throw new ContractError('conflict', `a pipeline named "${name}" already exists`);
    const data = { version: 1, name, ...(description ? { description } : {}), steps: {} };
    const text = renderDocument(data, { indent: 2, indentSeq: true });
    mkdirSync(join(this.workspace.root, PIPELINES_DIR), { recursive: true });
    writeFileAtomic(path, text);
    this.known.set(pipelineFileName(name), textHash(text));
    return { name, file: pipelineFileName(name) };
  }

  rename(from: string, to: string): PipelineListEntry {
    const source = this.absolute(from);
    const target = this.absolute(to);
    if (!existsSync(source)) throw new ContractError('not-found', `there is no pipeline named "${from}"`);
    if (existsSync(target)) throw new ContractError('conflict', `a pipeline named "${to}" already exists`);
    const text = readFileSync(source, 'utf8');
    const validated = validatePipelineText(pipelineFileName(from), text);
    if (!validated.spec) throw new ContractError('invalid-file', `${pipelineFileName(from)} has errors; fix them before renaming it`);
    const renamed = patchYaml(text, { ...(validated.source.data as Record<string, unknown>), name: to });
    writeFileAtomic(target, renamed);
    rmSync(source);
    if (existsSync(this.layoutPath(from))) renameSync(this.layoutPath(from), this.layoutPath(to));
    this.known.delete(pipelineFileName(from));
    this.known.set(pipelineFileName(to), textHash(renamed));
    return { name: to, file: pipelineFileName(to) };
  }

  delete(name: string): void {
    const path = this.absolute(name);
    if (!existsSync(path)) throw new ContractError('not-found', `there is no pipeline named "${name}"`);
    rmSync(path);
    rmSync(this.layoutPath(name), { force: true });
    this.known.delete(pipelineFileName(name));
  }

  private patched(name: string, onDisk: string, data: Record<string, unknown>, force: boolean): string {
    try {
      return patchYaml(onDisk, data);
    } catch (error) {
      if (!(error instanceof YamlPatchError)) throw error;
      if (force) return renderDocument(data, { indent: 2, indentSeq: true });
      throw new ContractError('invalid-file', `${pipelineFileName(name)} on disk is not valid YAML, so it was not overwritten; fix or reload it`);
    }
  }

  private entry(name: string): PipelineListEntry {
    const entry = this.list().find((candidate) => candidate.name === name);
    if (!entry) throw new ContractError('not-found', `there is no pipeline named "${name}"`);
    return entry;
  }

  private readLayout(name: string): PipelineLayout {
    try {
      return LayoutSchema.parse(JSON.parse(readFileSync(this.layoutPath(name), 'utf8')));
    } catch {
      // No sidecar yet, or one this version cannot read: the canvas lays the pipeline out anew.
      return EMPTY_LAYOUT;
    }
  }

  private absolute(name: string): string {
    return join(this.workspace.root, PIPELINES_DIR, `${name}${PIPELINE_FILE_SUFFIX}`);
  }

  private layoutPath(name: string): string {
    return join(this.workspace.root, layoutFileName(name));
  }
}
