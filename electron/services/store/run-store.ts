// Durable run state in SQLite (WAL). Every state change is one short transaction written
// before the engine reports it, so a crash at any point leaves a consistent record that the
// next process can read, mark interrupted and resume.
// Over 300 lines because every run-state write is a prepared statement on this one connection, so a
// tick's writes commit together; row shapes (run-rows.ts), pruning and lineage live beside it.
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { ResolvedParams } from '../../../shared/pipeline/params.js';
import type { StepSelection } from '../../../shared/dag/select-steps.js';
import type {
  RunCursor,
  RunListItem,
  RunOptions,
  RunStatus,
  RunSummary,
  StepStatus,
  TestResult,
} from '../../../shared/run/run-types.js';
import { statusesLeadingTo } from '../../../shared/run/step-lifecycle.js';
import { LineageStore } from './lineage-store.js';
import { MonitoringStore } from './monitoring-store.js';
import { toStepRow, toTestResult } from './run-rows.js';
import type {
  AttemptProcess,
  CacheEntry,
  FileHashRow,
  NewRun,
  OutputHash,
  RunOwner,
  RunRow,
  StepDbRow,
  StepRow,
  TestDbRow,
} from './run-rows.js';
import { MIGRATIONS } from './schema.js';
import { storedJson, yielding } from './typed-rows.js';

export type { AttemptProcess, CacheEntry, FileHashRow, NewRun, OutputHash, RunOwner, StepRow } from './run-rows.js';

export class StateVersionError extends Error {}

export class RunStore {
  private readonly db: Database.Database;
  /** Prepared on first use: a command that lists runs should not pay for the statements a run writes with. */
  private readonly statements = new Map<string, Statement>();
  /** Metric series and alerts, kept in the same database so a run and its metrics commit together. */
  readonly monitoring: MonitoringStore;
  /** What each finished step read and wrote, for lineage. */
  readonly lineage: LineageStore;

  constructor(path: string) {
    // Inside Electron the SQLite addon must be built for Electron's Node ABI; npm start and
    // packaging point here at that build, while the CLI and tests use the one in node_modules.
    const nativeBinding = process.env.PIPEWRIGHT_SQLITE_BINDING;
    this.db = new Database(path, nativeBinding ? { nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a process crash loses nothing committed; a power loss may lose the
    // last few transitions but never corrupts the file. FULL would fsync every transition.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    this.migrate();
    this.monitoring = new MonitoringStore(this.db);
    this.lineage = new LineageStore(this.db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Changes whenever the database changed since it was last asked, through this connection
   * (total_changes) or another process's (data_version): what a cache of data derived from the
   * store compares before it answers.
   */
  dataVersion(): string {
    const { changes } = this.stmt<{ changes: number }>('totalChanges').get() ?? { changes: 0 };
    return `${String(this.db.pragma('data_version', { simple: true }))}:${changes}`;
  }

  private migrate(): void {
    const version = this.userVersion();
    if (version > MIGRATIONS.length) {
      throw new StateVersionError(`the workspace state was written by a newer Pipewright (state version ${version})`);
    }
    if (version === MIGRATIONS.length) return;
    this.db
      .transaction(() => {
        for (const migration of MIGRATIONS.slice(this.userVersion())) this.db.exec(migration);
        this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .immediate();
  }

  private userVersion(): number {
    // Checked by hand, not by a schema: every command opens the store, and most load no zod.
    const version = this.db.pragma('user_version', { simple: true });
    if (typeof version !== 'number' || !Number.isInteger(version))
      throw new StateVersionError(`the workspace state has no readable version (${String(version)})`);
    return version;
  }

  private static readonly SQL: Record<string, string> = {
    insertRun: `INSERT INTO runs (id, pipeline, pipeline_file, environment, status, params, selection, options, created_at, owner_pid, owner_started, git_branch, git_commit, ref, trigger, trigger_name, replay_folder)
        VALUES (@id, @pipeline, @pipelineFile, @environment, 'running', @params, @selection, @options, @createdAt, @ownerPid, @ownerStarted, @gitBranch, @gitCommit, @ref, @trigger, @triggerName, @replayFolder)`,
    setImages: `UPDATE runs SET images = ? WHERE id = ?`,
    lastRunOnBranch: `SELECT status, pipeline, created_at FROM runs WHERE git_branch = ? ORDER BY created_at DESC LIMIT 1`,
    insertStep: `INSERT INTO step_runs (run_id, step_id, position, status) VALUES (?, ?, ?, 'pending')
        ON CONFLICT (run_id, step_id) DO UPDATE SET position = excluded.position`,
    updateStep: `UPDATE step_runs SET status = @status, cached_from = @cachedFrom, attempts = @attempts, exit_code = @exitCode,
        started_at = @startedAt, finished_at = @finishedAt, duration_ms = @durationMs, cache_key = @cacheKey,
        log_path = @logPath, message = @message, failure = @failure WHERE run_id = @runId AND step_id = @id`,
    startAttempt: `INSERT OR REPLACE INTO attempts (run_id, step_id, attempt, pid, started_at, log_path) VALUES (?, ?, ?, NULL, ?, ?)`,
    attemptProcess: `UPDATE attempts SET pid = ?, pid_started = ? WHERE run_id = ? AND step_id = ? AND attempt = ?`,
    finishAttempt: `UPDATE attempts SET finished_at = ?, exit_code = ?, signal = ?, outcome = ? WHERE run_id = ? AND step_id = ? AND attempt = ?`,
    attemptProcesses: `SELECT pid, pid_started AS started FROM attempts WHERE run_id = ? AND finished_at IS NULL AND pid IS NOT NULL`,
    insertTest: `INSERT OR REPLACE INTO test_results (run_id, step_id, test_index, name, kind, severity, stage, outcome, observed, expected, exit_code, duration_ms, message, log_path)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    clearTests: `DELETE FROM test_results WHERE run_id = ? AND step_id = ?`,
    insertOutput: `INSERT OR REPLACE INTO step_outputs (run_id, step_id, path, hash) VALUES (?, ?, ?, ?)`,
    putCache: `INSERT OR REPLACE INTO cache_entries (cache_key, run_id, step_id, tests_key, created_at) VALUES (?, ?, ?, ?, ?)`,
    getCache: `SELECT run_id AS runId, step_id AS stepId, tests_key AS testsKey FROM cache_entries WHERE cache_key = ?`,
    outputsOf: `SELECT path, hash FROM step_outputs WHERE run_id = ? AND step_id = ? ORDER BY path`,
    testsOfStep: `SELECT * FROM test_results WHERE run_id = ? AND step_id = ? ORDER BY test_index`,
    finishRun: `UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ?`,
    resumeRun: `UPDATE runs SET status = 'running', finished_at = NULL, message = NULL, owner_pid = ?, owner_started = ? WHERE id = ?`,
    getRun: `SELECT * FROM runs WHERE id = ?`,
    stepsOf: `SELECT * FROM step_runs WHERE run_id = ? ORDER BY position`,
    testsOf: `SELECT * FROM test_results WHERE run_id = ? ORDER BY step_id, test_index`,
    // One statement per filter, so each reads the first rows of its index (a history of 100,000
    // runs is never sorted), and a page after a cursor starts where the last one stopped.
    listRuns: `SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT @limit`,
    listRunsBefore: `SELECT * FROM runs WHERE (created_at, id) < (@createdAt, @id) ORDER BY created_at DESC, id DESC LIMIT @limit`,
    listPipelineRuns: `SELECT * FROM runs WHERE pipeline = @pipeline ORDER BY created_at DESC, id DESC LIMIT @limit`,
    listPipelineRunsBefore: `SELECT * FROM runs WHERE pipeline = @pipeline AND (created_at, id) < (@createdAt, @id) ORDER BY created_at DESC, id DESC LIMIT @limit`,
    stepCounts: `SELECT status, COUNT(*) AS n FROM step_runs WHERE run_id = ? GROUP BY status`,
    runIdsLike: `SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT 10`,
    latestRun: `SELECT id FROM runs WHERE (@pipeline IS NULL OR pipeline = @pipeline) ORDER BY created_at DESC, id DESC LIMIT 1`,
    runningRuns: `SELECT id, owner_pid AS ownerPid, owner_started AS ownerStarted FROM runs WHERE status = 'running'`,
    interruptSteps: `UPDATE step_runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?), message = COALESCE(message, 'the process running this step died')
        WHERE run_id = ? AND status IN (${statusesLeadingTo('interrupted')
          .map((status) => `'${status}'`)
          .join(', ')})`,
    interruptAttempts: `UPDATE attempts SET finished_at = ?, outcome = 'interrupted' WHERE run_id = ? AND finished_at IS NULL`,
    lastCacheKey: `SELECT s.cache_key AS key FROM step_runs s JOIN runs r ON r.id = s.run_id
        WHERE r.pipeline = ? AND s.step_id = ? AND s.status IN ('succeeded', 'cached', 'warned') AND s.cache_key IS NOT NULL
        ORDER BY s.finished_at DESC LIMIT 1`,
    getValidation: `SELECT result FROM validations WHERE key = ?`,
    putValidation: `INSERT OR REPLACE INTO validations (key, result, created_at) VALUES (?, ?, ?)`,
    pruneValidations: `DELETE FROM validations WHERE key NOT IN (SELECT key FROM validations ORDER BY created_at DESC LIMIT 100)`,
    getFileHash: `SELECT size, mtime_ms AS mtimeMs, inode, hash, hashed_at AS hashedAt FROM file_hashes WHERE path = ?`,
    putFileHash: `INSERT OR REPLACE INTO file_hashes (path, size, mtime_ms, inode, hash, hashed_at) VALUES (?, ?, ?, ?, ?, ?)`,
    totalChanges: `SELECT total_changes() AS changes`,
  };

  /** The statement `name`, yielding rows of type Row: the columns its SQL (above) selects. */
  private stmt<Row = unknown>(name: string): Statement<unknown[], Row> {
    const prepared = this.statements.get(name);
    if (prepared) return yielding<Row>(prepared);
    const sql = RunStore.SQL[name];
    if (sql === undefined) throw new Error(`unknown statement ${name}`);
    const statement = this.db.prepare(sql);
    this.statements.set(name, statement);
    return yielding<Row>(statement);
  }

  createRun(run: NewRun, stepIds: readonly string[]): void {
    this.db.transaction(() => {
      this.stmt('insertRun').run({
        id: run.id,
        pipeline: run.pipeline,
        pipelineFile: run.pipelineFile,
        environment: run.environment,
        params: JSON.stringify(run.params),
        selection: JSON.stringify(run.selection),
        options: JSON.stringify(run.options),
        createdAt: run.createdAt,
        ownerPid: run.owner.pid,
        ownerStarted: run.owner.started,
        gitBranch: run.gitBranch,
        gitCommit: run.gitCommit,
        ref: run.ref,
        trigger: run.trigger.kind,
        triggerName: run.trigger.name,
        replayFolder: run.replayFolder ?? null,
      });
      stepIds.forEach((stepId, position) => this.stmt('insertStep').run(run.id, stepId, position));
    })();
  }

  /** Takes over a finished run for --resume: the steps to run again go back to pending. */
  resumeRun(runId: string, owner: RunOwner, stepIds: readonly string[], reset: readonly StepRow[]): void {
    this.db.transaction(() => {
      this.stmt('resumeRun').run(owner.pid, owner.started, runId);
      stepIds.forEach((stepId, position) => this.stmt('insertStep').run(runId, stepId, position));
      for (const step of reset) {
        this.writeStep(runId, step);
        this.stmt('clearTests').run(runId, step.id);
      }
      this.monitoring.clearMetrics(
        runId,
        reset.map((step) => step.id),
      );
    })();
  }

  /** Makes `work` one transaction: the engine's writes of one scheduler tick commit together; many reads see one state. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  updateStep(runId: string, step: StepRow): void {
    this.writeStep(runId, step);
  }

  private writeStep(runId: string, step: StepRow): void {
    this.stmt('updateStep').run({
      runId,
      id: step.id,
      status: step.status,
      cachedFrom: step.cachedFrom,
      attempts: step.attempts,
      exitCode: step.exitCode,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      durationMs: step.durationMs,
      cacheKey: step.cacheKey,
      logPath: step.logPath,
      message: step.message,
      failure: step.failure ? JSON.stringify(step.failure) : null,
    });
  }

  /** A new attempt of a step begins (its process is not started yet): the attempt's row and the step's. */
  startAttempt(runId: string, step: StepRow, startedAt: number): void {
    this.db.transaction(() => {
      this.stmt('startAttempt').run(runId, step.id, step.attempts, startedAt, step.logPath ?? '');
      this.writeStep(runId, step);
    })();
  }

  /** The process an attempt runs in: its pid and the kernel's start time of that pid (pids are reused). */
  attemptProcess(runId: string, stepId: string, attempt: number, process: AttemptProcess): void {
    this.stmt('attemptProcess').run(process.pid, process.started, runId, stepId, attempt);
  }

  finishAttempt(
    runId: string,
    stepId: string,
    attempt: number,
    result: { exitCode: number | null; signal: string | null; outcome: string },
  ): void {
    this.stmt('finishAttempt').run(Date.now(), result.exitCode, result.signal, result.outcome, runId, stepId, attempt);
  }

  /** Processes of attempts that never finished: what a dead run may have left running. */
  unfinishedAttemptProcesses(runId: string): AttemptProcess[] {
    return this.stmt<AttemptProcess>('attemptProcesses').all(runId);
  }

  recordTest(runId: string, stepId: string, result: TestResult): void {
    this.stmt('insertTest').run(
      runId,
      stepId,
      result.index,
      result.name,
      result.kind,
      result.severity,
      result.stage,
      result.outcome,
      result.observed,
      result.expected,
      result.exitCode,
      Math.round(result.durationMs),
      result.message,
      result.logPath,
    );
  }

  /** A step's final state, its output hashes and its cache entry, in one transaction. */
  finishStep(
    runId: string,
    step: StepRow,
    outputs: readonly OutputHash[],
    cache: { key: string; testsKey: string } | null,
  ): void {
    this.db.transaction(() => {
      for (const output of outputs) this.stmt('insertOutput').run(runId, step.id, output.path, output.hash);
      if (cache) this.stmt('putCache').run(cache.key, runId, step.id, cache.testsKey, Date.now());
      this.writeStep(runId, step);
    })();
  }

  cacheEntry(key: string): CacheEntry | null {
    const row = this.stmt<Omit<CacheEntry, 'outputs' | 'tests'>>('getCache').get(key);
    if (!row) return null;
    return {
      ...row,
      outputs: this.stmt<OutputHash>('outputsOf').all(row.runId, row.stepId),
      tests: this.stmt<TestDbRow>('testsOfStep').all(row.runId, row.stepId).map(toTestResult),
    };
  }

  /** The fingerprints a step's run recorded for its outputs (none when it was cached, failed or never finished). */
  recordedOutputs(runId: string, stepId: string): OutputHash[] {
    return this.stmt<OutputHash>('outputsOf').all(runId, stepId);
  }

  /** The image id each Docker environment of a run uses, once the run has brought them up. */
  setRunImages(runId: string, images: Readonly<Record<string, string>>): void {
    this.stmt('setImages').run(JSON.stringify(images), runId);
  }

  /** The database, for stores of other rooms that keep their rows beside the runs (schedules, promotions). */
  get database(): Database.Database {
    return this.db;
  }

  /**
   * The run's outcome, with the last state of its steps when given: one transaction, so a
   * step write refused earlier (the database was busy) is made good by the final one.
   */
  finishRun(runId: string, status: RunStatus, message: string | null = null, steps: readonly StepRow[] = []): void {
    this.db.transaction(() => {
      for (const step of steps) this.writeStep(runId, step);
      this.stmt('finishRun').run(status, Date.now(), message, runId);
    })();
  }

  getRun(runId: string): RunSummary | null {
    const row = this.stmt<RunRow>('getRun').get(runId);
    if (!row) return null;
    const tests = new Map<string, TestResult[]>();
    for (const test of this.stmt<TestDbRow>('testsOf').all(runId)) {
      const list = tests.get(test.step_id) ?? [];
      list.push(toTestResult(test));
      tests.set(test.step_id, list);
    }
    const steps = this.stmt<StepDbRow>('stepsOf')
      .all(runId)
      .map((step) => ({
        ...toStepRow(step),
        cached: step.status === 'cached',
        tests: tests.get(step.step_id) ?? [],
      }));
    return {
      id: row.id,
      pipeline: row.pipeline,
      pipelineFile: row.pipeline_file,
      environment: row.environment,
      status: row.status,
      params: storedJson<ResolvedParams>(row.params),
      selection: storedJson<StepSelection>(row.selection),
      options: storedJson<RunOptions>(row.options),
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      durationMs: row.finished_at === null ? null : row.finished_at - row.created_at,
      message: row.message,
      gitBranch: row.git_branch,
      gitCommit: row.git_commit,
      ref: row.ref,
      trigger: { kind: row.trigger, name: row.trigger_name },
      images: storedJson<Record<string, string>>(row.images),
      steps: steps.map(({ cacheKey: _cacheKey, ...step }) => step),
    };
  }

  stepRows(runId: string): StepRow[] {
    return this.stmt<StepDbRow>('stepsOf').all(runId).map(toStepRow);
  }

  /** Runs newest first; `before` pages on from the last run of the previous page. */
  listRuns(options: { pipeline?: string; limit?: number; before?: RunCursor } = {}): RunListItem[] {
    const name = `list${options.pipeline === undefined ? '' : 'Pipeline'}Runs${options.before ? 'Before' : ''}`;
    const rows = this.stmt<RunRow>(name).all({
      limit: options.limit ?? 20,
      ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}),
      ...(options.before ? { createdAt: options.before.createdAt, id: options.before.id } : {}),
    });
    return rows.map((row) => ({
      id: row.id,
      pipeline: row.pipeline,
      environment: row.environment,
      status: row.status,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      durationMs: row.finished_at === null ? null : row.finished_at - row.created_at,
      gitBranch: row.git_branch,
      gitCommit: row.git_commit,
      ref: row.ref,
      trigger: { kind: row.trigger, name: row.trigger_name },
      steps: Object.fromEntries(
        this.stmt<{ status: StepStatus; n: number }>('stepCounts')
          .all(row.id)
          .map((c) => [c.status, c.n]),
      ),
    }));
  }

  /** The latest run made while `branch` was checked out. */
  lastRunOnBranch(branch: string): { status: RunStatus; pipeline: string; createdAt: number } | null {
    const row = this.stmt<{ status: RunStatus; pipeline: string; created_at: number }>('lastRunOnBranch').get(branch);
    return row ? { status: row.status, pipeline: row.pipeline, createdAt: row.created_at } : null;
  }

  /** Run ids starting with `prefix` (newest first), for ids typed by hand. */
  runIdsStartingWith(prefix: string): string[] {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.stmt<{ id: string }>('runIdsLike')
      .all(pattern)
      .map((row) => row.id);
  }

  latestRunId(pipeline?: string): string | null {
    const row = this.stmt<{ id: string }>('latestRun').get({ pipeline: pipeline ?? null });
    return row?.id ?? null;
  }

  runningRuns(): Array<{ id: string; ownerPid: number | null; ownerStarted: string | null }> {
    return this.stmt<{ id: string; ownerPid: number | null; ownerStarted: string | null }>('runningRuns').all();
  }

  markInterrupted(runId: string, message: string): void {
    const now = Date.now();
    this.db.transaction(() => {
      this.stmt('interruptSteps').run(now, runId);
      this.stmt('interruptAttempts').run(now, runId);
      this.stmt('finishRun').run('interrupted', now, message, runId);
    })();
  }

  /** The key of a step's latest successful execution in any run of the pipeline. */
  lastCacheKey(pipeline: string, stepId: string): string | null {
    return this.stmt<{ key: string }>('lastCacheKey').get(pipeline, stepId)?.key ?? null;
  }

  validation(key: string): string | null {
    return this.stmt<{ result: string }>('getValidation').get(key)?.result ?? null;
  }

  putValidation(key: string, result: string): void {
    this.db.transaction(() => {
      this.stmt('putValidation').run(key, result, Date.now());
      this.stmt('pruneValidations').run();
    })();
  }

  fileHash(path: string): FileHashRow | null {
    return this.stmt<FileHashRow>('getFileHash').get(path) ?? null;
  }

  putFileHash(path: string, row: FileHashRow): void {
    this.stmt('putFileHash').run(path, row.size, row.mtimeMs, row.inode, row.hash, row.hashedAt);
  }
}
