// The output store's records, kept in the run-state database beside the runs they belong to:
// which stored files exist (by hash, with their size and last use), and which files each step
// of each run read and wrote (role 'input' or 'output'). Lineage reads the latter: one row per
// file (or folder, inside a folder a step names), with the path the pipeline declared.
import type Database from 'better-sqlite3';

export type FileRole = 'input' | 'output';

/** One file or folder a step of a run read or wrote. `hash` and `size` are null for a folder. */
export interface StepFile {
  role: FileRole;
  /** The path as the pipeline names it (a file, or the folder this entry lies in). */
  declared: string;
  /** Workspace-relative path of this file or folder. */
  path: string;
  kind: 'file' | 'folder';
  hash: string | null;
  size: number | null;
  /** Permission bits of the file or folder as the step left it; null in records made before modes were kept. */
  mode: number | null;
}

/** A recorded file with the time its content entered the store (null: the store does not hold it). */
export type RestorableFile = StepFile & { storedAt: number | null };

export interface StoreFigures {
  /** Distinct files in the store and the bytes they take on disk. */
  files: number;
  storedBytes: number;
  /** What every recorded step file would take without deduplication. */
  recordedBytes: number;
  /** Bytes the store keeps because the last run of a branch or a release needs them. */
  protectedBytes: number;
}

/** A file in the store, by its content's hash, and the bytes it takes. */
export interface StoredFile {
  hash: string;
  size: number;
}

const PROTECTED_RUNS = `
  SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY git_branch ORDER BY created_at DESC) AS n FROM runs WHERE git_branch IS NOT NULL) WHERE n = 1
  UNION SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY ref ORDER BY created_at DESC) AS n FROM runs WHERE ref IS NOT NULL) WHERE n = 1
  UNION SELECT value FROM promotions, json_each(promotions.report, '$.runs') WHERE outcome = 'promoted' AND release IS NOT NULL`;

export class OutputIndex {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      stored: db.prepare<[string], { storedAt: number }>(
        `SELECT stored_at AS storedAt FROM stored_files WHERE hash = ?`,
      ),
      addStored: db.prepare(`INSERT INTO stored_files (hash, size, stored_at, used_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (hash) DO UPDATE SET used_at = excluded.used_at`),
      touch: db.prepare(`UPDATE stored_files SET used_at = ? WHERE hash = ?`),
      putStepFile: db.prepare(
        `INSERT OR REPLACE INTO step_files (run_id, step_id, role, declared, path, kind, hash, size, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      clearStepFiles: db.prepare(`DELETE FROM step_files WHERE run_id = ? AND step_id = ? AND role = ?`),
      stepFiles: db.prepare<[string, string, FileRole], StepFile>(
        `SELECT role, declared, path, kind, hash, size, mode FROM step_files WHERE run_id = ? AND step_id = ? AND role = ? ORDER BY path`,
      ),
      restorable: db.prepare<
        [string, string, FileRole],
        RestorableFile
      >(`SELECT f.role, f.declared, f.path, f.kind, f.hash, f.size, f.mode, s.stored_at AS storedAt
        FROM step_files f LEFT JOIN stored_files s ON s.hash = f.hash
        WHERE f.run_id = ? AND f.step_id = ? AND f.role = ? ORDER BY f.path`),
      runSteps: db.prepare<[string], { stepId: string }>(
        `SELECT DISTINCT step_id AS stepId FROM step_files WHERE run_id = ? AND role = 'output' ORDER BY step_id`,
      ),
      figures: db.prepare<[], StoreFigures>(`SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS storedBytes,
        (SELECT COALESCE(SUM(size), 0) FROM step_files WHERE kind = 'file') AS recordedBytes,
        (SELECT COALESCE(SUM(size), 0) FROM stored_files WHERE hash IN (SELECT hash FROM step_files WHERE run_id IN (${PROTECTED_RUNS}))) AS protectedBytes
        FROM stored_files`),
      evictable: db.prepare<[], StoredFile>(`SELECT hash, size FROM stored_files
        WHERE hash NOT IN (SELECT hash FROM step_files WHERE hash IS NOT NULL AND run_id IN (${PROTECTED_RUNS}))
        ORDER BY used_at, hash`),
      unrecorded: db.prepare<[number], StoredFile>(
        `SELECT hash, size FROM stored_files WHERE used_at < ? AND hash NOT IN (SELECT hash FROM step_files WHERE hash IS NOT NULL)`,
      ),
      forget: db.prepare(`DELETE FROM stored_files WHERE hash = ?`),
    };
  }

  /** The run-state database the records live in (replay folders are kept by what its runs name). */
  get database(): Database.Database {
    return this.db;
  }

  isStored(hash: string): boolean {
    return this.storedAt(hash) !== null;
  }

  /** When the file entered the store (what a restored copy is dated), or null when it is not there. */
  storedAt(hash: string): number | null {
    return this.statements.stored.get(hash)?.storedAt ?? null;
  }

  /** A file now in the store, or used again: its last use moves to now (what eviction orders by). */
  markStored(hash: string, size: number): void {
    const now = Date.now();
    this.statements.addStored.run(hash, size, now, now);
  }

  markUsed(hashes: readonly string[]): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const hash of hashes) this.statements.touch.run(now, hash);
    })();
  }

  /** The files a step of a run read or wrote, replacing what was recorded for that role. */
  recordStepFiles(runId: string, stepId: string, role: FileRole, files: readonly Omit<StepFile, 'role'>[]): void {
    this.db.transaction(() => {
      this.statements.clearStepFiles.run(runId, stepId, role);
      for (const file of files)
        this.statements.putStepFile.run(
          runId,
          stepId,
          role,
          file.declared,
          file.path,
          file.kind,
          file.hash,
          file.size,
          file.mode,
        );
    })();
  }

  stepFiles(runId: string, stepId: string, role: FileRole): StepFile[] {
    return this.statements.stepFiles.all(runId, stepId, role);
  }

  /** The step's files with when each entered the store: what a restore needs, in one query. */
  restorableFiles(runId: string, stepId: string, role: FileRole): RestorableFile[] {
    return this.statements.restorable.all(runId, stepId, role);
  }

  /** Steps of a run whose outputs are recorded, by id. */
  stepsWithOutputs(runId: string): string[] {
    return this.statements.runSteps.all(runId).map((row) => row.stepId);
  }

  figures(): StoreFigures {
    const figures = this.statements.figures.get();
    if (!figures) throw new Error('the store figures query returned no row');
    return figures;
  }

  /** Stored files no protected run needs, least recently used first. */
  evictable(): StoredFile[] {
    return this.statements.evictable.all();
  }

  /**
   * Stored files no step file refers to (their runs were deleted, or a run died between storing
   * and recording them), last used before `before`: a running step records its files just after.
   */
  unrecorded(before: number): StoredFile[] {
    return this.statements.unrecorded.all(before);
  }

  forget(hash: string): void {
    this.statements.forget.run(hash);
  }
}
