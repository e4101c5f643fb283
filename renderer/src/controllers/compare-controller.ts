// What comparing runs does: the two runs ticked in the history are compared in the node layer
// (older as A, newer as B), the newer one is shown on the canvas, and the steps whose outcome
// differs are marked there; opening another pipeline ends the comparison.
import type { StudioController } from './studio-controller.js';
import type { CompareStore } from '../stores/compare-store.js';
import type { RunViewStore } from '../stores/run-store.js';
import type { StudioApi } from '../transport/studio-api.js';

export class CompareController {
  private ticket = 0;

  constructor(
    private readonly api: StudioApi,
    private readonly store: CompareStore,
    private readonly runs: RunViewStore,
    private readonly studio: StudioController,
  ) {}

  start(): void {
    this.studio.documents.on(({ name, previous }) => {
      if (name !== previous) this.close();
    });
  }

  /** Compares the two runs picked: the older one is A, the newer B. */
  async compare(): Promise<void> {
    const { picked } = this.store.getState();
    if (picked.length !== 2) return;
    const history = this.runs.getState().history;
    const created = (id: string) => history.find((run) => run.id === id)?.createdAt ?? 0;
    const [a, b] = [...picked].sort((x, y) => created(x) - created(y));
    if (a === undefined || b === undefined) return;
    const ticket = ++this.ticket;
    this.store.getState().setLoading(true);
    try {
      const comparison = await this.api('run:compare', { a, b });
      if (ticket !== this.ticket) return;
      this.store.getState().setComparison(comparison);
      await this.studio.openRun(b);
    } catch (error) {
      if (ticket === this.ticket)
        this.store.getState().setError(error instanceof Error ? error.message : String(error));
    } finally {
      if (ticket === this.ticket) this.store.getState().setLoading(false);
    }
  }

  /** Shows one of the compared runs on the canvas. */
  async show(runId: string): Promise<void> {
    await this.studio.openRun(runId);
  }

  close(): void {
    this.ticket += 1;
    this.store.getState().clear();
  }
}
