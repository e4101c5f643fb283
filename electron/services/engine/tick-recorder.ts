// A run's writes to its store, one SQLite transaction per scheduler tick: the state changes one
// turn of the event loop makes (steps ending, attempts starting, their tests and metrics) commit
// together instead of one by one. What those changes report waits until they are committed, so
// the CLI and the studio never learn of a state the store does not hold. A write the store
// refuses costs only itself: it fails alone inside the transaction and its owner hears why.

interface QueuedWrite {
  write(): void;
  refused(error: unknown): void;
}

export class TickRecorder {
  private writes: QueuedWrite[] = [];
  private reports: Array<() => void> = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly store: { transaction(work: () => void): void }) {}

  /** Queues a write for this tick's transaction; `refused` hears why, if the store refuses it. */
  write(write: () => void, refused: (error: unknown) => void): void {
    this.writes.push({ write, refused });
    // After the poll phase: every process that ended in this turn of the loop is in the batch.
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Runs `report` once every write queued before it is committed: at once when none is waiting. */
  afterCommit(report: () => void): void {
    if (this.writes.length === 0) report();
    else this.reports.push(report);
  }

  /** Commits what is queued, then tells what waited for it (a run's end calls it before its final record). */
  flush(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    const { writes, reports } = this;
    this.writes = [];
    this.reports = [];
    if (writes.length === 0) return;
    const refusals = new Map<QueuedWrite, unknown>();
    try {
      this.store.transaction(() => {
        for (const queued of writes) {
          try {
            queued.write();
          } catch (error) {
            refusals.set(queued, error);
          }
        }
      });
    } catch (error) {
      // The commit itself failed (a full disk): nothing of this tick is stored.
      for (const queued of writes) if (!refusals.has(queued)) refusals.set(queued, error);
    }
    for (const [queued, error] of refusals) queued.refused(error);
    for (const report of reports) report();
  }
}
