// Unsaved edits survive a crash or a closed window: the studio hands the open pipeline's edits
// here as they happen, and they wait in .pipewright/drafts/<name>.json (local state, never
// committed) until the pipeline is saved or the user discards them. Each draft keeps the hash
// of the file it started from, so an offer to restore it can say the file changed since.
// Written atomically and never through a link, like every file Pipewright keeps.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { UnsavedEdits } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { LayoutSchema } from '../../../shared/pipeline/layout.js';
import type { PipelineLayout } from '../../../shared/pipeline/layout.js';
import { pipelineFileName } from '../../../shared/pipeline/names.js';
import { errorCode } from '../../../shared/text/error-message.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { linkFreePath } from '../files/link-free-path.js';

export const DRAFTS_FOLDER = '.pipewright/drafts';

const DraftFileSchema = z.object({
  version: z.literal(1),
  file: z.string(),
  baseHash: z.string(),
  savedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
  layout: LayoutSchema,
});

export class PipelineDrafts {
  constructor(private readonly root: string) {}

  save(name: string, data: Record<string, unknown>, layout: PipelineLayout, baseHash: string, now = new Date()): void {
    const place = this.place(name);
    mkdirSync(dirname(place), { recursive: true });
    const draft = { version: 1, file: pipelineFileName(name), baseHash, savedAt: now.toISOString(), data, layout };
    writeFileAtomic(place, `${JSON.stringify(draft)}\n`);
  }

  /** The pipeline's draft, or null when there is none (or it cannot be read: a draft is a convenience, not a record). */
  load(name: string): UnsavedEdits | null {
    let text: string;
    try {
      text = readFileSync(this.place(name), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = DraftFileSchema.safeParse(raw);
    if (!parsed.success) return null;
    const { baseHash, savedAt, data, layout } = parsed.data;
    return { name, data, layout, savedAt, baseHash, changedOnDisk: this.fileHash(name) !== baseHash };
  }

  discard(name: string): void {
    rmSync(this.place(name), { force: true });
  }

  private place(name: string): string {
    try {
      return linkFreePath(this.root, `${DRAFTS_FOLDER}/${name}.json`, `the draft of ${name}`);
    } catch (error) {
      if (error instanceof UnsafePathError) throw new ContractError('invalid-request', error.message);
      throw error;
    }
  }

  /** The hash of the pipeline file as it is now (as the studio computes it on load), null when it is gone. */
  private fileHash(name: string): string | null {
    const entry = containedEntry(this.root, pipelineFileName(name), pipelineFileName(name));
    if (entry.kind !== 'file') return null;
    return createHash('sha256').update(readFileSync(entry.absolute, 'utf8')).digest('hex');
  }
}
