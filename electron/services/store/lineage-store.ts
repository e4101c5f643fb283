// What each finished step of a run read and wrote, with content hashes and the params it saw:
// the records lineage traces back through. Kept in the run-state database beside the runs.
import type Database from 'better-sqlite3';
import type { ParamValue } from '../../../shared/pipeline/schema.js';
import type { LineageFile } from '../../../shared/run/lineage-types.js';
import { storedJson, yielding } from './typed-rows.js';

export interface StepFiles {
  madeByRun: string;
  params: Record<string, ParamValue>;
  inputs: LineageFile[];
  outputs: LineageFile[];
}

export interface StepRef {
  runId: string;
  stepId: string;
}

export class LineageStore {
  private readonly statements: Record<
    | 'putStep'
    | 'putFile'
    | 'clearFiles'
    | 'getStep'
    | 'filesOf'
    | 'writerIn'
    | 'latestWriter'
    | 'producer'
    | 'anyWriter',
    Database.Statement
  >;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      putStep: db.prepare(
        `INSERT OR REPLACE INTO lineage_steps (run_id, step_id, made_by_run, params, recorded_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      putFile: db.prepare(
        `INSERT OR REPLACE INTO lineage_files (run_id, step_id, role, path, hash) VALUES (?, ?, ?, ?, ?)`,
      ),
      clearFiles: db.prepare(`DELETE FROM lineage_files WHERE run_id = ? AND step_id = ?`),
      getStep: db.prepare(
        `SELECT made_by_run AS madeByRun, params FROM lineage_steps WHERE run_id = ? AND step_id = ?`,
      ),
      filesOf: db.prepare(
        `SELECT role, path, hash FROM lineage_files WHERE run_id = ? AND step_id = ? ORDER BY role, path`,
      ),
      writerIn: db.prepare(
        `SELECT run_id AS runId, step_id AS stepId, hash FROM lineage_files WHERE run_id = ? AND path = ? AND role = 'output' LIMIT 1`,
      ),
      latestWriter: db.prepare(`SELECT f.run_id AS runId, f.step_id AS stepId, f.hash FROM lineage_files f
        JOIN lineage_steps s ON s.run_id = f.run_id AND s.step_id = f.step_id
        WHERE f.path = ? AND f.role = 'output' ORDER BY s.recorded_at DESC, f.run_id DESC LIMIT 1`),
      // These contents as a step wrote them: in the given run first, else the latest run that did.
      producer: db.prepare(`SELECT f.run_id AS runId, f.step_id AS stepId FROM lineage_files f
        JOIN lineage_steps s ON s.run_id = f.run_id AND s.step_id = f.step_id
        WHERE f.path = ? AND f.hash = ? AND f.role = 'output' AND NOT (f.run_id = ? AND f.step_id = ?)
        ORDER BY (f.run_id = ?) DESC, s.recorded_at DESC LIMIT 1`),
      anyWriter: db.prepare(`SELECT 1 FROM lineage_files WHERE path = ? AND role = 'output' LIMIT 1`),
    };
  }

  /** `write` (the step's final record) and the step's files, in one transaction: both or neither. */
  recordWith(write: () => void, step: StepRef, files: StepFiles): void {
    this.db.transaction(() => {
      write();
      this.statements.putStep.run(step.runId, step.stepId, files.madeByRun, JSON.stringify(files.params), Date.now());
      this.statements.clearFiles.run(step.runId, step.stepId);
      for (const file of files.inputs)
        this.statements.putFile.run(step.runId, step.stepId, 'input', file.path, file.hash);
      for (const file of files.outputs)
        this.statements.putFile.run(step.runId, step.stepId, 'output', file.path, file.hash);
    })();
  }

  step(ref: StepRef): StepFiles | null {
    const row = yielding<{ madeByRun: string; params: string }>(this.statements.getStep).get(ref.runId, ref.stepId);
    if (!row) return null;
    const files = yielding<LineageFile & { role: 'input' | 'output' }>(this.statements.filesOf).all(
      ref.runId,
      ref.stepId,
    );
    const of = (role: 'input' | 'output') =>
      files.filter((file) => file.role === role).map(({ path, hash }) => ({ path, hash }));
    return {
      madeByRun: row.madeByRun,
      params: storedJson<Record<string, ParamValue>>(row.params),
      inputs: of('input'),
      outputs: of('output'),
    };
  }

  /** The step that wrote `path` in run `runId`, or in the latest run that wrote it when `runId` is null. */
  writer(path: string, runId: string | null): (StepRef & { hash: string }) | null {
    const writer = yielding<StepRef & { hash: string }>(
      runId === null ? this.statements.latestWriter : this.statements.writerIn,
    );
    return (runId === null ? writer.get(path) : writer.get(runId, path)) ?? null;
  }

  /** The step that wrote exactly these contents at `path`, preferring run `reader.runId`; never `reader` itself. */
  producer(file: LineageFile, reader: StepRef): StepRef | null {
    const producer = yielding<StepRef>(this.statements.producer);
    return producer.get(file.path, file.hash, reader.runId, reader.stepId, reader.runId) ?? null;
  }

  /** Whether any step of any recorded run wrote `path`. */
  everWritten(path: string): boolean {
    return this.statements.anyWriter.get(path) !== undefined;
  }
}
