// Crash-safe editing: while the open pipeline has unsaved edits, they are handed to the node
// layer (draft:save) a moment after each change, so a crash, a reload or a closed window loses
// nothing; when the pipeline opens again, the studio offers them back in its own dialog. Back to
// the saved state (saved, undone, discarded) the draft goes.
import type { UnsavedEdits } from '../../../shared/ipc/contract.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { EditorStore } from '../stores/editor-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { StudioController } from './studio-controller.js';

/** How long edits wait before they are written: a drag or typing makes one write, not dozens. */
const DRAFT_DELAY_MS = 400;

export class DraftController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The pipeline whose draft is on disk (written by this page), so it is dropped once clean. */
  private kept: string | null = null;
  /** No draft is written while the offer of an earlier one is open: it would replace it. */
  private offering = false;

  constructor(
    private readonly api: StudioApi,
    private readonly editor: EditorStore,
    private readonly workspace: WorkspaceStore,
    private readonly studio: StudioController,
  ) {}

  /** Before the studio controller starts, so the first pipeline it opens is checked too. */
  start(): void {
    this.studio.documents.on((change) => {
      // Another pipeline opened over unsaved edits: the user chose to discard them.
      if (change.kind === 'opened' && change.previous !== null && change.previous === this.kept) {
        const discarded = change.previous;
        this.kept = null;
        void this.studio.attempt(() => this.api('draft:discard', { name: discarded }));
      }
      if (change.kind === 'opened' && change.name !== null) void this.offer(change.name);
      if (change.kind === 'saved') this.kept = null;
    });
    this.editor.subscribe((state, previous) => {
      if (state.draft === previous.draft && state.positions === previous.positions && state.dirty === previous.dirty)
        return;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.keep();
    }, DRAFT_DELAY_MS);
  }

  private async keep(): Promise<void> {
    const { doc, draft, dirty, layout, viewing } = this.editor.getState();
    if (this.offering || !doc || viewing) return;
    if (dirty && draft) {
      this.kept = doc.name;
      await this.studio.attempt(() =>
        this.api('draft:save', {
          name: doc.name,
          data: { ...draft },
          layout: layout(),
          baseHash: doc.hash,
        }),
      );
    } else if (this.kept === doc.name) {
      this.kept = null;
      await this.studio.attempt(() => this.api('draft:discard', { name: doc.name }));
    }
  }

  private async offer(name: string): Promise<void> {
    this.offering = true;
    try {
      const edits = await this.studio.attempt(() => this.api('draft:load', { name }));
      if (!edits || this.editor.getState().doc?.name !== name) return;
      const restore = await this.workspace.getState().ask({
        title: 'Unsaved changes',
        message: offerText(edits),
        confirm: 'Restore',
        cancel: 'Discard',
      });
      if (this.editor.getState().doc?.name !== name) return;
      if (restore) {
        // cast: a draft holds what the editor held (keep() above wrote it); the editor validates its draft as it does a file's data.
        this.editor.getState().restore({ draft: edits.data as PipelineDraft, positions: edits.layout.positions });
        this.kept = name;
      } else {
        await this.studio.attempt(() => this.api('draft:discard', { name }));
      }
    } finally {
      this.offering = false;
    }
  }
}

function offerText(edits: UnsavedEdits): string {
  const at = new Date(edits.savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const changed = edits.changedOnDisk
    ? ' The file has changed on disk since: restoring puts these edits in place of the file as it is now.'
    : '';
  return `Restore unsaved changes to ${edits.name} from ${at}?${changed}`;
}
