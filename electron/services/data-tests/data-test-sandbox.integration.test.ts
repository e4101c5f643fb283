// A data test is untrusted input: the engine must not let one write, attach, load extensions,
// change settings, or read anything but files inside the workspace — attempted for real
// against DuckDB, with an outside folder listed before and after.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSpec } from '../../../shared/pipeline/test-schema.js';
import {
  dataTestEngine,
  request,
  run,
  useDataTestWorkspace,
  workspaceRoot,
} from '../../testing/data-test-workspace.js';

useDataTestWorkspace();

let outside = '';
let before: string[] = [];

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
  writeFileSync(join(outside, 'secret.csv'), 'id,secret\n1,hunter2\n');
  mkdirSync(join(outside, 'folder'));
  writeFileSync(join(outside, 'folder', 'part-0.csv'), 'id\n1\n');
  const root = workspaceRoot();
  symlinkSync(join(outside, 'secret.csv'), join(root, 'data/link-out.csv'));
  symlinkSync(outside, join(root, 'linked-out'));
  symlinkSync('good.csv', join(root, 'data/link-in.csv'));
  execFileSync('mkfifo', [join(root, 'data/pipe.csv')]);
  before = listing(outside);
});

afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
});

async function refused(test: TestSpec): Promise<string> {
  const outcome = await run(test);
  expect(outcome).toMatchObject({ outcome: 'error', observed: null });
  expect(listing(outside)).toEqual(before);
  return outcome.message ?? '';
}

describe('a sql test cannot write', () => {
  it('COPY to a file outside the workspace is refused and writes nothing', async () => {
    const message = await refused({ sql: { query: `copy (select 42 as x) to '${join(outside, 'x.csv')}'` } });
    expect(message).toMatch(/^sql: a sql test runs one SELECT query and only reads: COPY .* not allowed$/);
  });

  it.each([
    ['ATTACH', `attach '${join(outside, 'db.duckdb')}' as other`],
    ['INSTALL', 'install httpfs'],
    ['LOAD', 'load httpfs'],
    ['SET', 'set enable_external_access = true'],
    ['PRAGMA', 'pragma enable_profiling'],
    ['RESET', 'reset threads'],
    ['CREATE', 'create table t as select 1'],
    ['EXPORT', `export database '${outside}'`],
  ])('%s is refused, saying a sql test only reads', async (_name, query) => {
    const message = await refused({ sql: { path: 'data/good.csv', query } });
    expect(message).toMatch(/^data\/good\.csv: a sql test runs one SELECT query and only reads: .* not allowed$/);
  });

  it('several statements are refused, even if each is a query', async () => {
    const message = await refused({ sql: { path: 'data/good.csv', query: 'select * from data; select * from data' } });
    expect(message).toBe('data/good.csv: the query holds 2 statements; a sql test runs one SELECT query');
  });

  it('a query calling a function with side effects is refused by name', async () => {
    const logs = join(workspaceRoot(), 'logs');
    const message = await refused({
      sql: { query: `select * from enable_logging(storage = 'file', storage_path = '${logs}')` },
    });
    expect(message).toMatch(/^sql: the query calls enable_logging\(\), which a data test may not use/);
    expect(readdirSync(workspaceRoot())).not.toContain('logs');
    expect(await refused({ sql: { query: "select * from query('select 1')" } })).toMatch(/calls query\(\)/);
  });
});

describe('a data test reads only inside the workspace', () => {
  it.each([
    ['an absolute file', "select * from read_text('/etc/passwd')", '/etc/passwd'],
    [
      'a file outside by its absolute path',
      () => `select * from read_csv('${join(outside, 'secret.csv')}')`,
      'secret.csv',
    ],
    ['a relative path climbing out', "select * from read_csv('../outside.csv')", 'outside.csv'],
    ['a link leading out', "select * from read_csv('data/link-out.csv')", 'link-out.csv'],
    ['a folder reached through a link', "select * from read_csv('linked-out/folder/*.csv')", 'linked-out'],
    ['a glob over everything', "select * from glob('/**')", '/**'],
  ])('%s is refused', async (_name, query, named) => {
    const message = await refused({ sql: { query: typeof query === 'function' ? query() : query } });
    expect(message).toMatch(/^sql: the query failed: a data test reads only files inside the workspace; /);
    expect(message).toContain(named);
    expect(message).not.toContain('hunter2');
  });

  it('a test whose path is a link leading out is refused before DuckDB opens it', async () => {
    const message = await refused({ row_count: { path: 'data/link-out.csv', min: 1 } });
    expect(message).toMatch(
      /^data\/link-out\.csv: "data\/link-out\.csv" is a symbolic link leading out of the workspace \(to .*secret\.csv\): refused/,
    );
    expect(await refused({ not_null: { path: 'linked-out/folder', columns: ['id'] } })).toMatch(
      /^linked-out\/folder: "linked-out" is a symbolic link leading out of the workspace/,
    );
  });

  it('a FIFO is refused at once instead of blocking the test', async () => {
    const message = await refused({ row_count: { path: 'data/pipe.csv', min: 1 } });
    expect(message).toBe(
      'data/pipe.csv: is a FIFO (named pipe), not a file or folder: refused (reading it could block forever)',
    );
    expect(await dataTestEngine().countRows(workspaceRoot(), 'data/pipe.csv')).toBeNull();
  });

  it('a link that stays inside the workspace still reads', async () => {
    expect(await run({ row_count: { path: 'data/link-in.csv', min: 4 } })).toMatchObject({
      outcome: 'passed',
      observed: 4,
    });
    expect(await run({ sql: { query: "select * from 'data/link-in.csv' where amount < 0" } })).toMatchObject({
      outcome: 'passed',
      observed: 0,
    });
  });

  it('one workspace cannot read another one the same engine served', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pipewright-other-ws-'));
    try {
      writeFileSync(join(other, 'mine.csv'), 'id\n1\n2\n');
      const engine = dataTestEngine();
      const own = await engine.run(request({ row_count: { path: 'mine.csv', min: 2 } }, { root: other }));
      expect(own).toMatchObject({ outcome: 'passed', observed: 2 });
      const message = await refused({ sql: { query: `select * from read_csv('${join(other, 'mine.csv')}')` } });
      expect(message).toMatch(/^sql: the query failed: a data test reads only files inside the workspace; /);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
