// Data tests on files (CSV, TSV, Parquet, JSON; a folder of one of them) through DuckDB,
// embedded: each test is one query (rarely two or three cheap ones) that DuckDB runs on all
// cores, and only a count and an example value come back. One engine serves a process; a test
// that cannot run ends as an 'error' outcome and never takes the engine down.
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { DataTestKind, DataTestSpec, TestSpec } from '../../../shared/pipeline/test-schema.js';
import { testKind } from '../../../shared/pipeline/test-schema.js';
import type { CheckContext } from './data-check.js';
import { DATA_CHECKS } from './data-checks.js';
import { formatOf, openDataFile } from './data-file.js';
import { DataTestError } from './data-test-error.js';
import { countRows } from './failing-rows.js';
import { QuerySession, StoppedError } from './query-session.js';

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

export interface DataTestOutcome {
  /** error: the test could not run (missing or malformed file, unknown column, bad SQL, timeout). */
  outcome: 'passed' | 'failed' | 'error';
  /** What was measured (rows failing, rows, age in seconds, percent); null on error. */
  observed: number | null;
  /** What passes, in words: "0 rows", "at least 1000 rows", "at most 3600 s old", "change at most 10%". */
  expected: string;
  /** Null when passed; otherwise one sentence naming the file, the column and the numbers. */
  message: string | null;
  /** Rows of the checked file when the test counted them (always for row_count and row_count_change), else null. */
  rowCount: number | null;
}

type StopReason = 'timeout' | 'cancelled';
const MAX_TIMER_MS = 2_147_483_647;

export class DataTestEngine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly running = new Set<QuerySession>();
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(): Promise<DataTestEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(availableParallelism()),
      // A test must not wait on the network: the readers it needs (Parquet, JSON) are built in.
      autoinstall_known_extensions: 'false',
      // An in-memory database spills big joins and aggregations to ".tmp" in the working
      // directory by default: the studio's working directory may be anything.
      temp_directory: join(tmpdir(), `pipewright-duckdb-${process.pid}`),
    });
    return new DataTestEngine(instance);
  }

  async run(request: DataTestRequest): Promise<DataTestOutcome | 'cancelled'> {
    const kind = testKind(request.test);
    if (kind === null || kind === 'command') return failure('a data test', 'not a data test: it names none of the data-test kinds');
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
    const timer = request.timeoutMs === null || request.timeoutMs > MAX_TIMER_MS ? null : setTimeout(() => stop('timeout'), request.timeoutMs);
    const onAbort = () => stop('cancelled');
    request.signal.addEventListener('abort', onAbort, { once: true });
    let connection: DuckDBConnection | null = null;
    try {
      connection = await this.acquire();
      session = new QuerySession(connection, resolve(request.root));
      if (stopped !== null) session.stop();
      this.running.add(session);
      if (this.closed) session.stop();
      const context: CheckContext = { session, root: resolve(request.root), previousRowCount: (path) => request.previousRowCount(path) };
      const outcome = await runCheck(kind, request.test, context);
      return stopped === 'cancelled' ? 'cancelled' : outcome;
    } catch (error) {
      if (stopped === 'cancelled') return 'cancelled';
      if (stopped === 'timeout') return failure(expected, `${subject(request.test, kind)}: timed out after ${formatDuration(request.timeoutMs ?? 0)}`);
      if (error instanceof StoppedError) return failure(expected, `${subject(request.test, kind)}: the data-test engine was closed while the test ran`);
      if (error instanceof DataTestError) return failure(expected, error.message);
      return failure(expected, `${subject(request.test, kind)}: the data test failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (timer !== null) clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (session !== null) this.running.delete(session);
      // An interrupted connection is not trusted with the next test; opening one is cheap.
      if (connection !== null) this.release(connection, stopped === null);
    }
  }

  /**
   * Rows of a tabular file (by extension), or null when it is not a tabular file, cannot be
   * read, or `signal` aborts first: the count is interrupted, never waited for.
   */
  async countRows(root: string, path: string, signal?: AbortSignal): Promise<number | null> {
    if (this.closed || formatOf(path) === null || signal?.aborted) return null;
    let connection: DuckDBConnection | null = null;
    let session: QuerySession | null = null;
    const onAbort = () => session?.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      connection = await this.acquire();
      session = new QuerySession(connection, resolve(root));
      this.running.add(session);
      if (signal?.aborted || this.closed) session.stop();
      const file = await openDataFile(resolve(root), path);
      return await countRows(session, file);
    } catch {
      return null;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (session !== null) this.running.delete(session);
      if (connection !== null) this.release(connection, signal?.aborted !== true);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const session of this.running) session.stop();
    for (const connection of this.idle.splice(0)) connection.closeSync();
    // Connections still running hold the database open until they finish and are released.
    this.instance.closeSync();
  }

  private async acquire(): Promise<DuckDBConnection> {
    return this.idle.pop() ?? (await this.instance.connect());
  }

  private release(connection: DuckDBConnection, reusable: boolean): void {
    if (reusable && !this.closed) this.idle.push(connection);
    else connection.closeSync();
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
  const args = test[kind] as { path?: string } | undefined;
  return args?.path ?? kind;
}

function failure(expected: string, message: string): DataTestOutcome {
  return { outcome: 'error', observed: null, expected, message, rowCount: null };
}
