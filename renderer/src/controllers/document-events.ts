// What happens to the open pipeline document (opened, reloaded from disk, saved, closed), told
// by the studio controller that makes it happen. Controllers that follow the open pipeline
// listen here instead of watching the editor store, so who reacts to what is wired in one
// place (main.tsx), and every listener runs once the editor already holds the new document.
export interface DocumentChange {
  kind: 'opened' | 'reloaded' | 'saved' | 'closed';
  /** The pipeline open now (null: none). */
  name: string | null;
  /** The pipeline open before. */
  previous: string | null;
}

export type DocumentListener = (change: DocumentChange) => void;

export class DocumentEvents {
  private readonly listeners = new Set<DocumentListener>();

  on(listener: DocumentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(change: DocumentChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
