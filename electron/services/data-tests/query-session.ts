// One test's queries on one DuckDB connection. A timeout or a cancel interrupts the query
// running on that connection and keeps any later one from starting, so a check written as a
// few awaited queries stops wherever it is.
//
// DuckDB forgets an interrupt when a query begins, and a query handed to the client is begun
// later on a worker thread (after a prepare, for one with parameters): an interrupt that lands
// in between would be lost and the query would read the whole file. So the interrupt is
// repeated until the query in flight has settled.
import type { DuckDBConnection, DuckDBType, JS } from '@duckdb/node-api';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { DataTestError } from './data-test-error.js';
import { isInterrupt, shortenDuckDBMessage } from './duckdb-messages.js';

export type Row = Record<string, JS>;
/** The values tests pass to queries: the scalars of a test item. */
export type Parameter = string | number | boolean;

/** The run was interrupted (timeout or cancel); the engine decides which outcome that is. */
export class StoppedError extends Error {}

export interface QueryOptions {
  /** Turns DuckDB's shortened message into the sentence the result shows (naming the file or field). */
  failure: (message: string) => string;
  /** Keep DuckDB's "Parser Error:"-style prefix (for the user's own SQL). */
  keepCategory?: boolean;
}

/** How often a stop repeats the interrupt while the query it stops has not begun yet. */
const INTERRUPT_REPEAT_MS = 10;

export class QuerySession {
  private stopped = false;
  private inFlight = 0;
  private repeating: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: DuckDBConnection,
    readonly root: string,
  ) {}

  stop(): void {
    this.stopped = true;
    this.connection.interrupt();
    if (this.inFlight > 0 && this.repeating === null) {
      this.repeating = setInterval(() => this.connection.interrupt(), INTERRUPT_REPEAT_MS);
      this.repeating.unref();
    }
  }

  async rows(sql: string, params: readonly Parameter[], options: QueryOptions): Promise<Row[]> {
    if (this.stopped) throw new StoppedError('stopped');
    this.inFlight += 1;
    try {
      const reader = await (params.length > 0
        ? this.connection.runAndReadAll(sql, [...params], params.map(parameterType))
        : this.connection.runAndReadAll(sql));
      return reader.getRowObjectsJS();
    } catch (error) {
      if (this.stopped || isInterrupt(error)) throw new StoppedError('stopped');
      const message = error instanceof Error ? error.message : String(error);
      throw new DataTestError(
        options.failure(
          shortenDuckDBMessage(message, { root: this.root, keepCategory: options.keepCategory ?? false }),
        ),
      );
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0 && this.repeating !== null) {
        clearInterval(this.repeating);
        this.repeating = null;
      }
    }
  }

  /** How many statements DuckDB's parser finds in `sql`, or null when it cannot parse it. */
  async statementCount(sql: string): Promise<number | null> {
    if (this.stopped) throw new StoppedError('stopped');
    try {
      return (await this.connection.extractStatements(sql)).count;
    } catch {
      return null;
    }
  }

  /** The single row of an aggregate query. */
  async row(sql: string, params: readonly Parameter[], options: QueryOptions): Promise<Row> {
    const [first] = await this.rows(sql, params, options);
    if (first === undefined) throw new DataTestError(options.failure('the query returned no row'));
    return first;
  }
}

function parameterType(value: Parameter): DuckDBType {
  if (typeof value === 'string') return VARCHAR;
  if (typeof value === 'boolean') return BOOLEAN;
  // The client would bind any whole JS number as an integer, and 1e30 does not fit one.
  if (!Number.isSafeInteger(value)) return DOUBLE;
  return Math.abs(value) <= 2_147_483_647 ? INTEGER : BIGINT;
}

/** A count or other number from a result cell (DuckDB gives BIGINT as bigint). */
export function numberCell(value: JS | undefined): number | null {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return null;
}

export function countCell(value: JS | undefined): number {
  return numberCell(value) ?? 0;
}

export function textCell(value: JS | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
