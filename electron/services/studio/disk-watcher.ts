// Notices when another program changes the workspace's pipelines: a file edited (its hash no
// longer what the studio last read or wrote), or pipelines added or removed — including the
// pipelines folder itself appearing after the studio opened — and when pipewright.yaml may
// have changed.
import { existsSync, readFileSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { PipelineListEntry } from '../../../shared/ipc/contract.js';
import { PIPELINES_DIR } from '../../../shared/pipeline/names.js';
import { containedEntry } from '../files/contained-path.js';
import type { PipelineDocuments } from './pipeline-documents.js';
import { textHash } from './pipeline-documents.js';

export interface DiskWatcherEvents {
  onFileChanged(entry: PipelineListEntry, hash: string | null): void;
  onListChanged(pipelines: PipelineListEntry[]): void;
  /** pipewright.yaml may have changed: the listener reads it again. */
  onSettingsTouched(): void;
}

const SETTLE_MS = 120;

export class DiskWatcher {
  private rootWatcher: FSWatcher | null = null;
  private pipelinesWatcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private names: string;

  constructor(
    private readonly root: string,
    private readonly documents: PipelineDocuments,
    private readonly events: DiskWatcherEvents,
  ) {
    this.names = this.signature(documents.list());
  }

  start(): void {
    // Editors save by writing a new file and renaming it over the old one, in several events:
    // wait until they settle, then compare contents rather than trusting event kinds.
    this.rootWatcher = watch(this.root, () => this.schedule());
    this.rootWatcher.on('error', () => this.stop());
    this.watchPipelines();
  }

  stop(): void {
    this.rootWatcher?.close();
    this.pipelinesWatcher?.close();
    this.rootWatcher = null;
    this.pipelinesWatcher = null;
    if (this.timer) clearTimeout(this.timer);
  }

  private watchPipelines(): void {
    const dir = join(this.root, PIPELINES_DIR);
    if (this.pipelinesWatcher || !existsSync(dir)) return;
    this.pipelinesWatcher = watch(dir, () => this.schedule());
    this.pipelinesWatcher.on('error', () => {
      this.pipelinesWatcher?.close();
      this.pipelinesWatcher = null;
    });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), SETTLE_MS);
  }

  private check(): void {
    this.events.onSettingsTouched();
    this.watchPipelines();
    const pipelines = this.documents.list();
    const names = this.signature(pipelines);
    if (names !== this.names) {
      this.names = names;
      this.events.onListChanged(pipelines);
    }
    for (const entry of pipelines) {
      const known = this.documents.knownHash(entry.file);
      if (known === undefined) continue;
      let hash: string | null;
      try {
        // Never through a link leading out, never a FIFO (the read would block the studio).
        const { absolute, kind } = containedEntry(this.root, entry.file, entry.file);
        hash = kind === 'file' ? textHash(readFileSync(absolute, 'utf8')) : null;
      } catch {
        hash = null;
      }
      if (hash !== known) {
        if (hash !== null) this.documents.remember(entry.file, hash);
        this.events.onFileChanged(entry, hash);
      }
    }
  }

  private signature(pipelines: PipelineListEntry[]): string {
    return pipelines.map((entry) => entry.name).join('\n');
  }
}
