// The DuckDB database data tests of one workspace run in, locked into that workspace: no file
// outside its real path can be opened (DuckDB resolves links before checking), no extension
// installed or loaded, and the configuration locked so no query can loosen any of it. The
// settings hold for the whole database, so each workspace root (a revision checkout is a root
// of its own) gets its own database, opened on first use and kept while it is used.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from './sql-text.js';

export class WorkspaceDatabase {
  private readonly idle: DuckDBConnection[] = [];
  /** Connections handed out and not yet released. */
  private busy = 0;
  private closed = false;

  private constructor(
    /** The workspace's real path: relative paths in queries are read from here. */
    readonly root: string,
    private readonly instance: DuckDBInstance,
    private readonly temporary: string,
  ) {}

  static async open(realRoot: string): Promise<WorkspaceDatabase> {
    // An in-memory database spills big joins and aggregations to a temporary folder (by default
    // ".tmp" in the working directory, which may be anything); DuckDB lets queries read it, so
    // it is a private one per database.
    const temporary = mkdtempSync(join(tmpdir(), `pipewright-duckdb-${process.pid}-`));
    let instance: DuckDBInstance | null = null;
    try {
      instance = await DuckDBInstance.create(':memory:', {
        threads: String(availableParallelism()),
        // A test must not wait on the network: the readers it needs (Parquet, JSON) are built in.
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        allow_community_extensions: 'false',
        temp_directory: temporary,
        file_search_path: realRoot,
      });
      const connection = await instance.connect();
      try {
        // These three go last and in this order: once external access is off, the allowed
        // directories cannot change, and once locked, nothing can.
        await connection.run(
          `SET allowed_directories = [${quoteLiteral(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`)}]`,
        );
        await connection.run('SET enable_external_access = false');
        await connection.run('SET lock_configuration = true');
      } finally {
        connection.closeSync();
      }
      return new WorkspaceDatabase(realRoot, instance, temporary);
    } catch (error) {
      instance?.closeSync();
      rmSync(temporary, { recursive: true, force: true });
      throw error;
    }
  }

  get inUse(): boolean {
    return this.busy > 0;
  }

  async acquire(): Promise<DuckDBConnection> {
    this.busy += 1;
    try {
      return this.idle.pop() ?? (await this.instance.connect());
    } catch (error) {
      this.busy -= 1;
      throw error;
    }
  }

  /** An interrupted connection is not trusted with the next test; opening one is cheap. */
  release(connection: DuckDBConnection, reusable: boolean): void {
    this.busy -= 1;
    if (reusable && !this.closed) this.idle.push(connection);
    else connection.closeSync();
    if (this.closed && this.busy === 0) this.finish();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.closeSync();
    // Connections still running hold the database open until they finish and are released.
    if (this.busy === 0) this.finish();
  }

  private finish(): void {
    this.instance.closeSync();
    rmSync(this.temporary, { recursive: true, force: true });
  }
}
