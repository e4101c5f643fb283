// What a run keeps of each step's files: its inputs before it runs (so a failure can be replayed
// on exactly those files after they are overwritten), its outputs once it succeeded (so a later
// cache hit can put them back), both as records lineage reads. Keeping is best effort: a store
// that cannot take a file (disk full) costs a later restore, never the step. The records go
// through the run's `record`, so they commit with the step's other writes of the same tick.
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { UnsafePathError } from '../files/contained-path.js';
import type { FileRole } from '../outputs/output-index.js';
import { noteRestored, restoreFiles } from '../outputs/output-restore.js';
import { StoreRecordError } from '../outputs/output-store.js';
import type { OutputStore } from '../outputs/output-store.js';
import { ReplacedFiles } from '../outputs/replaced-files.js';
import type { CacheEntry, OutputHash } from '../store/run-store.js';
import type { FileFingerprints } from '../files/file-fingerprints.js';
import { hashInputs } from './step-cache.js';
import { errorMessage } from '../../../shared/text/error-message.js';

/** Queues a write to the run's store with the tick's writes (a refused one stops the run). */
export type RecordWrite = (what: string, write: () => void) => void;

export class StepFiles {
  private readonly replaced: ReplacedFiles;

  constructor(
    private readonly store: OutputStore,
    private readonly root: string,
    private readonly fingerprints: FileFingerprints,
    private readonly runId: string,
    private readonly record: RecordWrite,
  ) {
    this.replaced = new ReplacedFiles(store.objectsDir);
  }

  /** Settles once the files restores replaced are removed: the run waits for it before it ends. */
  replacedRemoved(): Promise<void> {
    return this.replaced.removed();
  }

  /** Stores and records the step's declared inputs as they are now. */
  async keepInputs(stepId: string, spec: StepSpec): Promise<void> {
    await this.keep(stepId, 'input', await hashInputs(spec, this.fingerprints));
  }

  async keepOutputs(stepId: string, outputs: readonly OutputHash[]): Promise<void> {
    await this.keep(stepId, 'output', outputs);
  }

  /**
   * A cached step made nothing itself: its records are its inputs now (`inputs`, as its cache
   * key hashed them) and the outputs of the run it reuses.
   */
  async recordCached(stepId: string, inputs: readonly OutputHash[], entry: CacheEntry): Promise<void> {
    await this.keep(stepId, 'input', inputs);
    this.record(`recording the outputs of step "${stepId}"`, () =>
      this.store.index.recordStepFiles(
        this.runId,
        stepId,
        'output',
        this.store.index.stepFiles(entry.runId, entry.stepId, 'output'),
      ),
    );
  }

  /**
   * Puts back the `stale` outputs of a cache entry (missing or changed on disk) from the store.
   * False when the store does not hold all of them (or their record would leave the workspace).
   */
  async restore(entry: CacheEntry, stale: readonly string[]): Promise<boolean> {
    const records = this.store.index
      .restorableFiles(entry.runId, entry.stepId, 'output')
      .filter((file) => stale.includes(file.declared));
    if (stale.some((path) => !records.some((file) => file.declared === path)) || !this.store.holds(records))
      return false;
    try {
      const { files } = await restoreFiles(this.store, this.root, records, this.replaced);
      this.record(`recording the outputs restored for step "${entry.stepId}"`, () =>
        noteRestored(this.store, files, (file) => this.fingerprints.remember(file)),
      );
      return true;
    } catch (error) {
      if (error instanceof StoreRecordError || error instanceof UnsafePathError) return false;
      throw error;
    }
  }

  private async keep(stepId: string, role: FileRole, declared: readonly OutputHash[]): Promise<void> {
    let files;
    try {
      files = await this.store.keep(this.root, this.fingerprints, role, declared);
    } catch (error) {
      process.emitWarning(
        `the ${role}s of step "${stepId}" could not be kept in the output store: ${errorMessage(error)}`,
      );
      return;
    }
    // Nothing to write when there is nothing to record and nothing recorded before (a resumed step may have a record).
    if (files === null || (files.length === 0 && this.store.index.stepFiles(this.runId, stepId, role).length === 0))
      return;
    this.record(`recording the ${role}s of step "${stepId}"`, () =>
      this.store.index.recordStepFiles(this.runId, stepId, role, files),
    );
  }
}
