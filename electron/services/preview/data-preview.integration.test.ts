// The preview service and `pipewright preview` on real files in a real workspace: data files
// through DuckDB (numbers checked against what was written), pictures and Markdown as data, a
// folder as its files, hostile paths refused with a message naming them, and the check of a
// file against the run that wrote it.
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ColumnProfile, TablePreview } from '../../../shared/preview/preview-types.js';
import { runCli } from '../../testing/cli-process.js';
import { engineFor } from '../../testing/engine-run.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { quoteLiteral } from '../data-tests/sql-text.js';
import { DataPreviewService } from './data-preview-service.js';
import { checkAgainstRun } from './run-file-check.js';

let workspace: TempWorkspace;
const service = new DataPreviewService();
afterEach(() => workspace?.remove());
// Closing the service removes the temporary folders of the databases it opened.
afterAll(() => service.close());

const CSV = 'id,city,amount\n1,Oslo,10.5\n2,Lima,\n3,Oslo,30\n4,,40\n5,Pune,50\n';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('not really pixels'),
]);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script><rect width="4" height="4"/></svg>';

async function writeParquet(path: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT range AS id, range % 7 AS bucket, CASE WHEN range % 10 = 0 THEN NULL ELSE 'v' || (range % 3) END AS label FROM range(${rows})) TO ${quoteLiteral(path)} (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A data file's whole preview, profile included. */
function table(preview: unknown): TablePreview & { profile: ColumnProfile[] } {
  expect((preview as TablePreview).kind).toBe('table');
  expect((preview as TablePreview).profile).not.toBeNull();
  return preview as TablePreview & { profile: ColumnProfile[] };
}

describe('data preview service', () => {
  it('previews a CSV file: first rows, schema, count and a profile that match the file', async () => {
    workspace = tempWorkspace({ 'data/sales.csv': CSV });
    const preview = table(await service.preview(workspace.root, 'data/sales.csv', 3));
    expect(preview.rowCount).toBe(5);
    expect(preview.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'city', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
    ]);
    expect(preview.rows).toEqual([
      [1, 'Oslo', 10.5],
      [2, 'Lima', null],
      [3, 'Oslo', 30],
    ]);
    const [id, city, amount] = preview.profile;
    expect(id).toMatchObject({ nulls: 0, distinct: 5, min: '1', max: '5', mean: 3 });
    expect(id?.histogram.reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(city).toMatchObject({ nulls: 1, distinct: 3, min: 'Lima', max: 'Pune', mean: null, histogram: [] });
    expect(amount).toMatchObject({ nulls: 1, min: '10.5', max: '50.0', mean: 32.625 });
    expect(amount?.histogram[0]).toBe(1);
    expect(amount?.histogram.at(-1)).toBe(1);
  });

  it('previews Parquet (count from its metadata) and JSON lines', async () => {
    workspace = tempWorkspace({
      'data/events.jsonl': '{"user":"a","n":1}\n{"user":"b","n":null}\n{"user":"a","n":3}\n',
    });
    await writeParquet(workspace.path('data/big.parquet'), 100_000);
    const parquet = table(await service.preview(workspace.root, 'data/big.parquet'));
    expect(parquet.rowCount).toBe(100_000);
    expect(parquet.rows).toHaveLength(20);
    expect(parquet.profile[1]).toMatchObject({
      name: 'bucket',
      nulls: 0,
      distinct: 7,
      min: '0',
      max: '6',
      mean: 2.99995,
    });
    expect(parquet.profile[2]).toMatchObject({ name: 'label', nulls: 10_000, distinct: 3 });
    const json = table(await service.preview(workspace.root, 'data/events.jsonl'));
    expect(json.format).toBe('json');
    expect(json.rowCount).toBe(3);
    expect(json.profile[1]).toMatchObject({ name: 'n', nulls: 1, mean: 2 });
  });

  it('gives the first view without the profile: rows, schema, and the count where footers hold it', async () => {
    workspace = tempWorkspace({ 'data/sales.csv': CSV });
    await writeParquet(workspace.path('data/big.parquet'), 100_000);
    const parquet = await service.preview(workspace.root, 'data/big.parquet', 5, { profile: false });
    expect(parquet).toMatchObject({ kind: 'table', rowCount: 100_000, profile: null });
    expect(parquet.kind === 'table' ? parquet.rows : []).toEqual(
      table(await service.preview(workspace.root, 'data/big.parquet', 5)).rows,
    );
    const csv = await service.preview(workspace.root, 'data/sales.csv', 2, { profile: false });
    expect(csv).toMatchObject({
      kind: 'table',
      rowCount: null,
      profile: null,
      rows: [
        [1, 'Oslo', 10.5],
        [2, 'Lima', null],
      ],
    });
  });

  it('gives pictures as bytes and Markdown as text, and a folder as its files', async () => {
    workspace = tempWorkspace({
      'report/card.md': '# Model card\n\nAUC **0.91**\n',
      'report/roc.svg': SVG,
      'report/.hidden.csv': 'a\n1\n',
    });
    writeFileSync(workspace.path('report/cm.png'), PNG);
    const png = await service.preview(workspace.root, 'report/cm.png');
    expect(png).toEqual({
      kind: 'image',
      path: 'report/cm.png',
      mediaType: 'image/png',
      base64: PNG.toString('base64'),
      bytes: PNG.length,
    });
    expect(await service.preview(workspace.root, 'report/roc.svg')).toMatchObject({
      kind: 'image',
      mediaType: 'image/svg+xml',
    });
    expect(await service.preview(workspace.root, 'report/card.md')).toEqual({
      kind: 'markdown',
      path: 'report/card.md',
      text: '# Model card\n\nAUC **0.91**\n',
    });
    const folder = await service.preview(workspace.root, 'report');
    expect(folder).toEqual({
      kind: 'folder',
      path: 'report',
      truncated: false,
      files: [
        { path: 'report/card.md', bytes: 27 },
        { path: 'report/cm.png', bytes: PNG.length },
        { path: 'report/roc.svg', bytes: SVG.length },
      ],
    });
  });

  it('refuses hostile and unknown paths with a message naming them', async () => {
    workspace = tempWorkspace({ 'data/ok.csv': 'a\n1\n', 'notes.txt': 'x', 'fake.png': 'GIF89a' });
    symlinkSync('/etc/passwd', workspace.path('data/out.csv'));
    execFileSync('mkfifo', [workspace.path('data/pipe.csv')]);
    const refused = async (path: string) =>
      service.preview(workspace.root, path).then(
        () => 'previewed',
        (error: Error) => error.message,
      );
    expect(await refused('data/out.csv')).toMatch(
      /^data\/out\.csv: "data\/out\.csv" is a symbolic link leading out of the workspace/,
    );
    expect(await refused('data/pipe.csv')).toMatch(/^data\/pipe\.csv: is a FIFO/);
    expect(await refused('../../etc/passwd.csv')).toMatch(/the path leaves the workspace/);
    expect(await refused('/etc/passwd')).toMatch(/absolute path/);
    expect(await refused('data/none.csv')).toBe('data/none.csv: no such file');
    expect(await refused('notes.txt')).toMatch(
      /^notes\.txt: not a CSV, TSV, Parquet, JSON lines, PNG, SVG or Markdown file/,
    );
    expect(await refused('fake.png')).toMatch(/^fake\.png: not a PNG image/);
  });

  it('says whether a file is still what a run wrote: current, changed, gone', async () => {
    workspace = tempWorkspace({
      'pipelines/p.pipeline.yaml':
        'version: 1\nname: p\nsteps:\n  make:\n    run: printf "a\\n1\\n2\\n" > out.csv\n    outputs: [out.csv]\n  again:\n    run: "true"\n    inputs: [out.csv]\n',
    });
    const engine = await engineFor(workspace.root);
    try {
      const { run } = await engine.run();
      expect(run.status).toBe('succeeded');
      const check = () =>
        checkAgainstRun(workspace.root, engine.store, run.id, 'make', 'out.csv').then((result) => result.state);
      expect(await check()).toBe('current');
      expect((await checkAgainstRun(workspace.root, engine.store, run.id, 'again', 'out.csv')).state).toBe(
        'unrecorded',
      );
      const { run: cached } = await engine.run();
      expect(cached.steps.find((step) => step.id === 'make')?.cached).toBe(true);
      expect((await checkAgainstRun(workspace.root, engine.store, cached.id, 'make', 'out.csv')).state).toBe('current');
      workspace.write('out.csv', 'a\n9\n');
      expect(await check()).toBe('changed');
      rmSync(workspace.path('out.csv'));
      expect(await check()).toBe('gone');
    } finally {
      await engine.close();
    }
  });
});

describe('pipewright preview', () => {
  it('prints the table, schema, count and profile, or JSON, and exit code 2 for bad paths', async () => {
    workspace = tempWorkspace({ 'data/sales.csv': CSV });
    const text = await runCli(['preview', 'data/sales.csv', '--rows', '2'], workspace.root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('data/sales.csv: CSV, 5 rows, 3 columns');
    expect(text.stdout).toMatch(/^amount +DOUBLE +1 +4 +10\.5 +50\.0 +32\.63 /m);
    expect(text.stdout).toContain('First 2 row(s)');
    expect(text.stdout).toMatch(/^2 +Lima +null$/m);
    const json = await runCli(['preview', 'data/sales.csv', '--json'], workspace.root);
    expect(table(JSON.parse(json.stdout)).rowCount).toBe(5);
    const missing = await runCli(['preview', 'data/none.parquet'], workspace.root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('data/none.parquet: no such file');
    const rows = await runCli(['preview', 'data/sales.csv', '--rows', 'many'], workspace.root);
    expect(rows.code).toBe(2);
  });
});

describe('Parquet footers', () => {
  it('give the same profile as a scan, timestamps included', async () => {
    workspace = tempWorkspace({});
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const select = `SELECT range AS n, TIMESTAMP '2026-01-01' + to_seconds(range) AS at, CASE WHEN range % 3 = 0 THEN NULL ELSE range * 1.5 END AS x FROM range(5000)`;
      await connection.run(
        `COPY (${select}) TO ${quoteLiteral(workspace.path('a.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
      );
      await connection.run(`COPY (${select}) TO ${quoteLiteral(workspace.path('a.csv'))} (FORMAT csv, HEADER)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const parquet = table(await service.preview(workspace.root, 'a.parquet'));
    const csvFile = table(await service.preview(workspace.root, 'a.csv'));
    expect(parquet.profile[1]).toMatchObject({
      name: 'at',
      min: '2026-01-01 00:00:00',
      max: '2026-01-01 01:23:19',
      nulls: 0,
      distinct: 5000,
    });
    expect(parquet.profile[2]).toMatchObject({ nulls: 1667, min: '1.5', max: '7498.5' });
    expect(parquet.profile.map((column) => column.histogram)).toEqual(
      csvFile.profile.map((column) => column.histogram),
    );
    expect(parquet.profile.map(({ nulls, min, max }) => ({ nulls, min, max }))).toEqual(
      csvFile.profile.map(({ nulls, min, max }) => ({ nulls, min, max })),
    );
  });
});
