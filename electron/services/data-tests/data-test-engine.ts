// Data tests on files (CSV, TSV, Parquet, JSON; a folder of one of them) through DuckDB,
// embedded: each test is one query (rarely two or three cheap ones) that DuckDB runs on all
// cores, and only a count and an example value come back. One engine serves a process, with a
// database per workspace root that can read only inside it (workspace-database.ts); a test
// that cannot run ends as an 'error' outcome and never takes the engine down.
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { DataTestKind, DataTestSpec, TestSpec } from '../../../shared/pipeline/test-schema.js';
import { testArgs, testKind } from '../../../shared/pipeline/test-schema.js';
import type { CheckContext, DataTestOutcome } from './data-check.js';
import { DATA_CHECKS } from './data-checks.js';
import { formatOf, openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { countRows } from './failing-rows.js';
import { QuerySession, StoppedError } from './query-session.js';
import { SHARED_SCAN_KINDS, SharedScans, shareScansIn } from './shared-scans.js';
import { realLocation } from '../files/contained-path.js';
import { WorkspaceDatabase } from './workspace-database.js';

export type { DataTestOutcome } from './data-check.js';

export interface DataTestRequest {
  /** Absolute workspace root; test paths are relative to it. */
  root: string;
  /** A data-test kind of shared/pipeline/test-schema.ts (not `command`). */
  test: TestSpec;
  /** Interrupt the query when exceeded: outcome 'error', the message says it timed out. */
  timeoutMs: number | null;
  /** Aborted: the query is interrupted and the run resolves 'cancelled'. */
  signal: AbortSignal;
  /** Row count of this file at the last successful run in the same environment (row_count_change), or null. */
  previousRowCount(path: string): number | null;
}

/** Several tests of one workspace run together: the ones counting rows of one file share its scan. */
export interface DataTestBatch {
  root: string;
  tests: ReadonlyArray<{ test: TestSpec; timeoutMs: number | null }>;
  signal: AbortSignal;
  previousRowCount(path: string): number | null;
}

type StopReason = 'timeout' | 'cancelled';
const MAX_TIMER_MS = 2_147_483_647;

/** Databases kept open for workspaces not in use any more; the oldest unused one goes first. */
const KEPT_DATABASES = 4;

export class DataTestEngine {
  private readonly databases = new Map<string, Promise<WorkspaceDatabase>>();
  private readonly running = new Set<QuerySession>();
  private closed = false;

  /** An engine; each workspace's database opens with the first test there. */
  static open(): Promise<DataTestEngine> {
    return Promise.resolve(new DataTestEngine());
  }

  run(request: DataTestRequest): Promise<DataTestOutcome | 'cancelled'> {
    return this.runSharing(request, null);
  }

  /** The outcomes of a batch's tests, in its order, each as `run` gives it. */
  async runAll(batch: DataTestBatch): Promise<Array<DataTestOutcome | 'cancelled'>> {
    const scans = await this.shareScans(batch);
    const outcomes: Array<DataTestOutcome | 'cancelled'> = [];
    for (const { test, timeoutMs } of batch.tests) {
      outcomes.push(
        await this.runSharing(
          {
            root: batch.root,
            test,
            timeoutMs,
            signal: batch.signal,
            previousRowCount: (path) => batch.previousRowCount(path),
          },
          scans,
        ),
      );
    }
    return outcomes;
  }

  private async runSharing(
    request: DataTestRequest,
    scans: SharedScans | null,
  ): Promise<DataTestOutcome | 'cancelled'> {
    const kind = testKind(request.test);
    if (kind === null || kind === 'command')
      return failure('a data test', 'not a data test: it names none of the data-test kinds');
    const expected = expectedText(kind, request.test);
    if (request.signal.aborted) return 'cancelled';
    if (this.closed) return failure(expected, 'the data-test engine is closed');

    let stopped: StopReason | null = null;
    let session: QuerySession | null = null;
    const stop = (reason: StopReason) => {
      stopped ??= reason;
      session?.stop();
    };
    // Node fires a timer of more than 2^31 - 1 ms (24.8 days) at once; such a limit is none.
    const timer =
      request.timeoutMs === null || request.timeoutMs > MAX_TIMER_MS
        ? null
        : setTimeout(() => stop('timeout'), request.timeoutMs);
    const onAbort = () => stop('cancelled');
    request.signal.addEventListener('abort', onAbort, { once: true });
    let lease: { database: WorkspaceDatabase; connection: DuckDBConnection } | null = null;
    try {
      lease = await this.acquire(request.root);
      session =
        scans === null
          ? new QuerySession(lease.connection, lease.database.root)
          : shareScansIn(new QuerySession(lease.connection, lease.database.root), scans);
      if (stopped !== null) session.stop();
      this.running.add(session);
      if (this.closed) session.stop();
      const context: CheckContext = {
        session,
        root: lease.database.root,
        previousRowCount: (path) => request.previousRowCount(path),
      };
      const outcome = await runCheck(kind, request.test, context);
      return stopped === 'cancelled' ? 'cancelled' : outcome;
    } catch (error) {
      if (stopped === 'cancelled') return 'cancelled';
      if (stopped === 'timeout')
        return failure(
          expected,
          `${subject(request.test, kind)}: timed out after ${formatDuration(request.timeoutMs ?? 0)}`,
        );
      if (error instanceof StoppedError)
        return failure(expected, `${subject(request.test, kind)}: the data-test engine was closed while the test ran`);
      if (error instanceof DataTestError) return failure(expected, error.message);
      return failure(
        expected,
        `${subject(request.test, kind)}: the data test failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      if (timer !== null) clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (session !== null) this.running.delete(session);
      if (lease !== null) lease.database.release(lease.connection, stopped === null);
    }
  }

  /**
   * The shared scans of a batch (shared-scans.ts): the checks that count failing rows are run
   * once to learn their queries, then each file they share is read once. Null when nothing is
   * shared; a scan that fails, times out (the shortest limit of its tests) or is cancelled
   * shares nothing, and its tests run their own queries, reporting as they always do.
   */
  private async shareScans(batch: DataTestBatch): Promise<SharedScans | null> {
    const sharing = batch.tests.filter(({ test }) => SHARED_SCAN_KINDS.has(testKind(test) ?? ''));
    if (sharing.length < 2 || this.closed || batch.signal.aborted) return null;
    const limits = sharing
      .map(({ timeoutMs }) => timeoutMs)
      .filter((limit): limit is number => limit !== null && limit <= MAX_TIMER_MS);
    const scans = new SharedScans();
    let lease: { database: WorkspaceDatabase; connection: DuckDBConnection } | null = null;
    let session: QuerySession | null = null;
    let stopped = false;
    const stop = () => {
      stopped = true;
      session?.stop();
    };
    const timer = limits.length === 0 ? null : setTimeout(stop, Math.min(...limits));
    batch.signal.addEventListener('abort', stop, { once: true });
    try {
      lease = await this.acquire(batch.root);
      session = shareScansIn(new QuerySession(lease.connection, lease.database.root), scans);
      this.running.add(session);
      if (stopped || this.closed) session.stop();
      const context: CheckContext = {
        session,
        root: lease.database.root,
        previousRowCount: (path) => batch.previousRowCount(path),
      };
      for (const { test } of sharing) {
        const kind = testKind(test);
        if (kind === null || kind === 'command') continue;
        // Every check stops at its scan (ScanPlanned) or earlier; what went wrong, its own run reports.
        await runCheck(kind, test, context).catch(() => undefined);
      }
      await scans.answer(session);
      return scans;
    } catch {
      return null;
    } finally {
      if (timer !== null) clearTimeout(timer);
      batch.signal.removeEventListener('abort', stop);
      if (session !== null) this.running.delete(session);
      if (lease !== null) lease.database.release(lease.connection, !stopped);
    }
  }

  /**
   * Rows of a tabular file (by extension), or null when it is not a tabular file, cannot be
   * read, or `signal` aborts first: the count is interrupted, never waited for.
   */
  async countRows(root: string, path: string, signal?: AbortSignal): Promise<number | null> {
    if (this.closed || formatOf(path) === null || signal?.aborted) return null;
    let lease: { database: WorkspaceDatabase; connection: DuckDBConnection } | null = null;
    let session: QuerySession | null = null;
    const onAbort = () => session?.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      lease = await this.acquire(root);
      session = new QuerySession(lease.connection, lease.database.root);
      this.running.add(session);
      if (signal?.aborted || this.closed) session.stop();
      const file = await openDataFile(lease.database.root, path);
      return await countRows(session, file);
    } catch {
      return null;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (session !== null) this.running.delete(session);
      if (lease !== null) lease.database.release(lease.connection, signal?.aborted !== true);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const session of this.running) session.stop();
    for (const opening of this.databases.values())
      void opening.then(
        (database) => database.close(),
        () => undefined,
      );
    this.databases.clear();
  }

  /** A connection to the database of the workspace at `root` (its real path), opened on first use. */
  private async acquire(root: string): Promise<{ database: WorkspaceDatabase; connection: DuckDBConnection }> {
    const realRoot = realLocation(resolve(root));
    let opening = this.databases.get(realRoot);
    if (opening === undefined) {
      opening = WorkspaceDatabase.open(realRoot);
      this.databases.set(realRoot, opening);
      // A failed start is not kept: the next test tries again instead of failing for good.
      opening.catch(() => {
        if (this.databases.get(realRoot) === opening) this.databases.delete(realRoot);
      });
    } else {
      // Most recently used last, so the oldest one is the first to go.
      this.databases.delete(realRoot);
      this.databases.set(realRoot, opening);
    }
    const database = await opening;
    if (this.closed) throw new StoppedError('closed');
    const connection = await database.acquire();
    await this.closeUnused();
    return { database, connection };
  }

  private async closeUnused(): Promise<void> {
    const excess = this.databases.size - KEPT_DATABASES;
    if (excess <= 0) return;
    for (const [root, opening] of [...this.databases].slice(0, excess)) {
      const database = await opening.catch(() => null);
      if (database?.inUse) continue;
      this.databases.delete(root);
      database?.close();
    }
  }
}

function runCheck<K extends DataTestKind>(kind: K, test: TestSpec, context: CheckContext): Promise<DataTestOutcome> {
  return DATA_CHECKS[kind].run(context, argsOf(kind, test));
}

function expectedText<K extends DataTestKind>(kind: K, test: TestSpec): string {
  return DATA_CHECKS[kind].expected(argsOf(kind, test));
}

function argsOf<K extends DataTestKind>(kind: K, test: TestSpec): DataTestSpec<K> {
  // TestSpec[K] is DataTestSpec<K> | undefined; TypeScript cannot see that through the zod types.
  const args = test[kind] as DataTestSpec<K> | undefined;
  if (args === undefined) throw new DataTestError(`the test has no ${kind} arguments`);
  return args;
}

/** What a message about the whole test names: its file, or the kind when it has none. */
function subject(test: TestSpec, kind: DataTestKind): string {
  const args = testArgs(test, kind);
  const named = args.path ?? args.file;
  return typeof named === 'string' ? named : kind;
}

function failure(expected: string, message: string): DataTestOutcome {
  return { outcome: 'error', observed: null, expected, message, rowCount: null };
}
