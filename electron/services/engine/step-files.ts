// What a run keeps of each step's files: its inputs before it runs (so a failure can be replayed
// on exactly those files after they are overwritten), its outputs once it succeeded (so a later
// cache hit can put them back), both as records lineage reads. Keeping is best effort: a store
// that cannot take a file (disk full) costs a later restore, never the step.
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { UnsafePathError } from '../files/contained-path.js';
import type { FileRole } from '../outputs/output-index.js';
import { restoreFiles } from '../outputs/output-restore.js';
import { StoreRecordError } from '../outputs/output-store.js';
import type { OutputStore } from '../outputs/output-store.js';
import type { CacheEntry, OutputHash } from '../store/run-store.js';
import type { FileFingerprints } from '../files/file-fingerprints.js';

export class StepFiles {
  constructor(
    private readonly store: OutputStore,
    private readonly root: string,
    private readonly fingerprints: FileFingerprints,
    private readonly runId: string,
  ) {}

  /** Stores and records the step's declared inputs as they are now. */
  async keepInputs(stepId: string, spec: StepSpec): Promise<void> {
    const declared: OutputHash[] = [];
    for (const raw of spec.inputs ?? []) {
      const path = normalizeWorkspacePath(raw) ?? raw;
      const hash = await this.fingerprints.hash(path);
      if (hash !== null) declared.push({ path, hash });
    }
    await this.keep(stepId, 'input', declared);
  }

  async keepOutputs(stepId: string, outputs: readonly OutputHash[]): Promise<void> {
    await this.keep(stepId, 'output', outputs);
  }

  /** A cached step made nothing itself: its records are its inputs now and the outputs of the run it reuses. */
  async recordCached(stepId: string, spec: StepSpec, entry: CacheEntry): Promise<void> {
    await this.keepInputs(stepId, spec);
    this.store.index.recordStepFiles(
      this.runId,
      stepId,
      'output',
      this.store.index.stepFiles(entry.runId, entry.stepId, 'output'),
    );
  }

  /**
   * Puts back the `stale` outputs of a cache entry (missing or changed on disk) from the store.
   * False when the store does not hold all of them (or their record would leave the workspace).
   */
  async restore(entry: CacheEntry, stale: readonly string[]): Promise<boolean> {
    const records = this.store.index
      .stepFiles(entry.runId, entry.stepId, 'output')
      .filter((file) => stale.includes(file.declared));
    if (stale.some((path) => !records.some((file) => file.declared === path)) || !(await this.store.holds(records)))
      return false;
    try {
      await restoreFiles(this.store, this.root, records, (path, hash) => this.fingerprints.remember(path, hash));
      return true;
    } catch (error) {
      if (error instanceof StoreRecordError || error instanceof UnsafePathError) return false;
      throw error;
    }
  }

  private async keep(stepId: string, role: FileRole, declared: readonly OutputHash[]): Promise<void> {
    try {
      await this.store.keep(this.root, this.fingerprints, this.runId, stepId, role, declared);
    } catch (error) {
      process.emitWarning(
        `the ${role}s of step "${stepId}" could not be kept in the output store: ${(error as Error).message}`,
      );
    }
  }
}
