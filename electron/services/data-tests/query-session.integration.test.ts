// A stop interrupts a session's query against real DuckDB wherever the query is: handed to the
// client but not begun on DuckDB's thread yet (DuckDB forgets an interrupt when a query
// begins), being prepared for its parameters, or running. A query of minutes must end at once.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySession, StoppedError } from './query-session.js';

// Minutes of hashing on any machine; every stop below must end it within seconds.
const ENDLESS = 'SELECT count(*) AS n FROM range(1000000000000) WHERE hash(range) % $1 = 1';
const STOPPED_WITHIN_MS = 5_000;

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

async function stoppedAfter(wait: (() => Promise<void>) | null): Promise<{ error: unknown; ms: number }> {
  const connection: DuckDBConnection = await instance.connect();
  try {
    const session = new QuerySession(connection, '/');
    const started = performance.now();
    const query = session.row(ENDLESS, [7], { failure: (message) => message }).then(
      () => null,
      (error: unknown) => error,
    );
    if (wait !== null) await wait();
    session.stop();
    return { error: await query, ms: performance.now() - started };
  } finally {
    connection.closeSync();
  }
}

describe('stopping a query session', () => {
  it.each([
    ['in the same tick as the query is asked for', null],
    ['after a microtask', () => Promise.resolve()],
    ['after the event loop turned once', () => new Promise<void>((done) => setImmediate(done))],
    ['while the query runs', () => new Promise<void>((done) => setTimeout(done, 300))],
  ])('interrupts a query %s', async (_when, wait) => {
    // Repeated: the moment the query begins on DuckDB's thread varies from one try to the next.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { error, ms } = await stoppedAfter(wait);
      expect(error).toBeInstanceOf(StoppedError);
      expect(ms).toBeLessThan(STOPPED_WITHIN_MS);
    }
  });

  it('refuses queries after a stop', async () => {
    const connection = await instance.connect();
    try {
      const session = new QuerySession(connection, '/');
      session.stop();
      await expect(session.row('SELECT 1 AS one', [], { failure: (message) => message })).rejects.toBeInstanceOf(
        StoppedError,
      );
    } finally {
      connection.closeSync();
    }
  });
});
