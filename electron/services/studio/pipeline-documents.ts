// Pipeline files as the studio edits them: load with problems and layout, save through the
// comment-keeping writer (refusing to overwrite a file that changed on disk or is not valid
// YAML), and create, rename or delete a pipeline with its layout sidecar. Every file is reached
// inside the workspace only: a link leading out (pipelines/ -> /elsewhere) is refused, a
// write replaces a link rather than writing through it, and a FIFO is never opened.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ContractError } from '../../../shared/ipc/envelope.js';
import type { PipelineDocument, PipelineListEntry, SavedPipeline } from '../../../shared/ipc/contract.js';
import { EMPTY_LAYOUT, LayoutSchema, layoutOfSteps, serializeLayout } from '../../../shared/pipeline/layout.js';
import type { PipelineLayout } from '../../../shared/pipeline/layout.js';
import { pipelineKeyOrder } from '../../../shared/pipeline/key-order.js';
import { PIPELINES_DIR, layoutFileName, pipelineFileName } from '../../../shared/pipeline/names.js';
import { PipelineFileSchema } from '../../../shared/pipeline/schema.js';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { YamlPatchError, patchYaml } from '../../../shared/yaml/patch-yaml.js';
import { renderDocument } from '../../../shared/yaml/yaml-render.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { UnsafePathError, containedEntry, containedPath } from '../files/contained-path.js';
import type { Workspace } from '../workspace/workspace.js';
import { schemaComment } from '../../../shared/pipeline/editor-schemas.js';
import { isPlainMap, mapOf } from '../../../shared/git/plain-data.js';

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
      data: validated.spec && isPlainMap(validated.source.data) ? validated.source.data : null,
      layout: this.readLayout(name),
      problems: validated.problems,
    };
  }

  save(
    name: string,
    data: Record<string, unknown>,
    layout: PipelineLayout,
    baseHash: string | null,
    force: boolean,
  ): SavedPipeline {
    const checked = PipelineFileSchema.safeParse(data);
    if (!checked.success) {
      throw new ContractError(
        'invalid-request',
        `the pipeline data does not match the file format: ${checked.error.issues[0]?.message ?? ''}`,
      );
    }
    const path = this.place(pipelineFileName(name));
    const onDisk = this.readText(pipelineFileName(name));
    if (onDisk !== null && !force && textHash(onDisk) !== baseHash) {
      throw new ContractError(
        'conflict',
        `${pipelineFileName(name)} changed on disk since it was opened: reload it, or save again to keep your version`,
      );
    }
    const text =
      onDisk === null ? renderDocument(data, { indent: 2, indentSeq: true }) : this.patched(name, onDisk, data, force);
    if (text !== onDisk) writeFileAtomic(path, text);
    const steps = checked.data.steps ?? {};
    const layoutText = serializeLayout(layoutOfSteps(layout, Object.keys(steps)));
    if (this.readText(layoutFileName(name)) !== layoutText)
      writeFileAtomic(this.place(layoutFileName(name)), layoutText);
    const hash = textHash(text);
    this.known.set(pipelineFileName(name), hash);
    return {
      hash,
      text,
      problems: validatePipelineText(pipelineFileName(name), text, this.workspace.settings).problems,
    };
  }

  create(name: string, description?: string): PipelineListEntry {
    if (this.exists(pipelineFileName(name)))
      throw new ContractError('conflict', `a pipeline named "${name}" already exists`);
    const data = { version: 1, name, ...(description ? { description } : {}), steps: {} };
    // The schema comment first, so a hand edit in an editor completes and validates it.
    const text = schemaComment('pipeline', 1) + renderDocument(data, { indent: 2, indentSeq: true });
    mkdirSync(this.place(PIPELINES_DIR), { recursive: true });
    writeFileAtomic(this.place(pipelineFileName(name)), text);
    this.known.set(pipelineFileName(name), textHash(text));
    return { name, file: pipelineFileName(name) };
  }

  rename(from: string, to: string): PipelineListEntry {
    const text = this.readText(pipelineFileName(from));
    if (text === null) throw new ContractError('not-found', `there is no pipeline named "${from}"`);
    if (this.exists(pipelineFileName(to)))
      throw new ContractError('conflict', `a pipeline named "${to}" already exists`);
    const validated = validatePipelineText(pipelineFileName(from), text);
    if (!validated.spec)
      throw new ContractError('invalid-file', `${pipelineFileName(from)} has errors; fix them before renaming it`);
    const renamed = patchYaml(text, { ...mapOf(validated.source.data), name: to }, { keyOrder: pipelineKeyOrder });
    writeFileAtomic(this.place(pipelineFileName(to)), renamed);
    rmSync(this.place(pipelineFileName(from)));
    if (this.exists(layoutFileName(from))) renameSync(this.place(layoutFileName(from)), this.place(layoutFileName(to)));
    this.known.delete(pipelineFileName(from));
    this.known.set(pipelineFileName(to), textHash(renamed));
    return { name: to, file: pipelineFileName(to) };
  }

  delete(name: string): void {
    if (!this.exists(pipelineFileName(name)))
      throw new ContractError('not-found', `there is no pipeline named "${name}"`);
    rmSync(this.place(pipelineFileName(name)));
    rmSync(this.place(layoutFileName(name)), { force: true });
    this.known.delete(pipelineFileName(name));
  }

  private patched(name: string, onDisk: string, data: Record<string, unknown>, force: boolean): string {
    try {
      return patchYaml(onDisk, data, { keyOrder: pipelineKeyOrder });
    } catch (error) {
      if (!(error instanceof YamlPatchError)) throw error;
      if (force) return renderDocument(data, { indent: 2, indentSeq: true });
      throw new ContractError(
        'invalid-file',
        `${pipelineFileName(name)} on disk is not valid YAML, so it was not overwritten; fix or reload it`,
      );
    }
  }

  private entry(name: string): PipelineListEntry {
    const entry = this.list().find((candidate) => candidate.name === name);
    if (!entry) throw new ContractError('not-found', `there is no pipeline named "${name}"`);
    return entry;
  }

  private readLayout(name: string): PipelineLayout {
    try {
      return LayoutSchema.parse(JSON.parse(this.readText(layoutFileName(name)) ?? ''));
    } catch {
      // No sidecar yet, or one this version cannot read: the canvas lays the pipeline out anew.
      return EMPTY_LAYOUT;
    }
  }

  /** Where a workspace file's own entry is: its folder's real path (inside the workspace) and its name. */
  private place(file: string): string {
    return join(
      this.guarded(() => containedPath(this.workspace.root, dirname(file), file)),
      basename(file),
    );
  }

  private exists(file: string): boolean {
    return this.guarded(() => containedEntry(this.workspace.root, file, file)).kind !== 'missing';
  }

  /** A workspace file's text, or null when there is none; a link out or a FIFO is refused. */
  private readText(file: string): string | null {
    const { absolute, kind } = this.guarded(() => containedEntry(this.workspace.root, file, file));
    if (kind === 'missing') return null;
    if (kind === 'folder') throw new ContractError('invalid-file', `${file} is a folder, not a file`);
    return readFileSync(absolute, 'utf8');
  }

  private guarded<T>(resolve: () => T): T {
    try {
      return resolve();
    } catch (error) {
      if (error instanceof UnsafePathError) throw new ContractError('invalid-file', error.message);
      throw error;
    }
  }
}
