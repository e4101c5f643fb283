// Data tests on a 10,000,000-row Parquet file of orders (and 100,000 customers for the
// relationship): the whole catalog, every data kind of shared/pipeline/test-schema.ts once, as
// one batch through DataTestEngine.runAll (as a step's tests run), against two anchors in the
// same rounds: the same checks as plain DuckDB queries from this process (bench/duckdb-checks.ts,
// the cost of the checks themselves), and written with pandas (bench/pandas-checks.py)
// including its Parquet read, which is what a pandas check costs. No side's start (Python and
// `import pandas`, a DuckDB instance) is timed. The data has a known number of faulty rows per
// check, and every side must observe the same numbers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TestSpec } from '../shared/pipeline/test-schema.js';
import { testKind } from '../shared/pipeline/test-schema.js';
import { DataTestEngine } from '../electron/services/data-tests/data-test-engine.js';
import { quoteLiteral } from '../electron/services/data-tests/sql-text.js';
import type { BenchRow } from './measure.js';
import { median, ms } from './measure.js';
import { runDuckDBChecks } from './duckdb-checks.js';
import type { Pandas } from './pandas-anchor.js';
import { findPandas } from './pandas-anchor.js';

const ROWS = 10_000_000;
const CUSTOMERS = 100_000;
const PREVIOUS_ROWS = 9_500_000;
const ROUNDS = 3;
/** Issue 16: at most 1.2x the checks in DuckDB itself, and at most 0.15x pandas. */
const DUCKDB_TARGET = 1.2;
const PANDAS_TARGET = 0.15;
const BENCHMARK = 'data tests: 11 kinds on a 10M-row Parquet file';
/** Freshness is an age at the moment a side measures it: compared at one moment, up to rounding. */
const FRESHNESS_TOLERANCE_S = 2;

const ORDERS = 'orders.parquet';
const CUSTOMERS_FILE = 'customers.parquet';

const CATALOG: TestSpec[] = [
  { row_count: { path: ORDERS, min: 1_000_000 } },
  { not_null: { path: ORDERS, columns: ['id', 'email'] } },
  { unique: { path: ORDERS, columns: ['id'] } },
  { accepted_values: { path: ORDERS, column: 'status', values: ['paid', 'open', 'refunded', 'void'] } },
  { range: { path: ORDERS, column: 'amount', min: 0, max: 1000 } },
  { pattern: { path: ORDERS, column: 'email', regex: '[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+' } },
  {
    schema: {
      path: ORDERS,
      columns: {
        id: 'BIGINT',
        customer_id: 'BIGINT',
        amount: 'DOUBLE',
        status: 'VARCHAR',
        email: 'VARCHAR',
        created_at: 'TIMESTAMP',
      },
      allow_extra: false,
    },
  },
  { freshness: { path: ORDERS, column: 'created_at', max_age: '2d' } },
  { relationship: { path: ORDERS, column: 'customer_id', to: CUSTOMERS_FILE } },
  { sql: { path: ORDERS, query: "select * from data where amount < 0 and status = 'open'" } },
  { row_count_change: { path: ORDERS, max_percent: 10 } },
];
const PANDAS_QUERY = "amount < 0 and status == 'open'";

/** Orders with faults the catalog must find: 100 null emails, 50 malformed ones, 200 unknown statuses, 10 negative amounts, 40 unknown customers. */
async function writeData(root: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (
      SELECT range AS id,
        CAST(CASE WHEN range % 250000 = 13 THEN ${CUSTOMERS} + range % 7 ELSE hash(range) % ${CUSTOMERS} END AS BIGINT) AS customer_id,
        CAST(CASE WHEN range % 1000000 = 5 THEN -1.5 ELSE round((hash(range * 7) % 100000) / 100.0, 2) END AS DOUBLE) AS amount,
        CASE WHEN range % 50000 = 3 THEN 'unknown' ELSE (['paid', 'open', 'refunded', 'void'])[1 + CAST(range % 4 AS INTEGER)] END AS status,
        CASE WHEN range % 100000 = 7 THEN NULL WHEN range % 200000 = 11 THEN 'broken-email' ELSE 'user' || range || '@example.com' END AS email,
        (now() AT TIME ZONE 'UTC') - to_seconds(CAST(range % 86400 AS BIGINT)) AS created_at
      FROM range(${ROWS})) TO ${quoteLiteral(join(root, ORDERS))} (FORMAT parquet)`);
    await connection.run(`COPY (SELECT CAST(range AS BIGINT) AS customer_id, 'Customer ' || range AS name FROM range(${CUSTOMERS}))
      TO ${quoteLiteral(join(root, CUSTOMERS_FILE))} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface CheckTime {
  kind: string;
  ms: number;
  observed: number | null;
}

interface PandasRun {
  total_ms: number;
  cpu_ms: number;
  read_ms: number;
  checks: CheckTime[];
}

function runPandas(pandas: Pandas, root: string): PandasRun {
  const spec = join(root, 'pandas-spec.json');
  writeFileSync(
    spec,
    JSON.stringify({ root, catalog: CATALOG, previous_row_count: PREVIOUS_ROWS, pandas_query: PANDAS_QUERY }),
  );
  const result = spawnSync(pandas.python, [pandas.script, spec], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pandas checks failed (${String(result.status)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PandasRun;
}

async function runPipewright(
  engine: DataTestEngine,
  root: string,
): Promise<{ ms: number; cpuMs: number; checks: CheckTime[] }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcomes = await engine.runAll({
    root,
    tests: CATALOG.map((test) => ({ test, timeoutMs: null })),
    signal: new AbortController().signal,
    previousRowCount: () => PREVIOUS_ROWS,
  });
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const checks = outcomes.map((outcome, index) => {
    const kind = testKind(CATALOG[index] as TestSpec) ?? 'test';
    if (outcome === 'cancelled' || outcome.outcome === 'error')
      throw new Error(`${kind}: ${outcome === 'cancelled' ? 'cancelled' : (outcome.message ?? '')}`);
    return { kind, ms: 0, observed: outcome.observed };
  });
  return { ms: elapsed, cpuMs: (used.user + used.system) / 1000, checks };
}

interface SideRun {
  ms: number;
  /** CPU time of all the side's threads: against `ms`, what the machine's load took from it. */
  cpuMs: number;
  checks: CheckTime[];
  /** When the run ended (epoch ms): a freshness age is moved to the other side's moment. */
  endedAt: number;
}

/** The kinds whose observed value differs between the two sides. */
function disagreements(ours: SideRun, theirs: SideRun): string[] {
  // Each side measured the age somewhere within its run: the runs' lengths bound when.
  const later = (theirs.endedAt - ours.endedAt) / 1000;
  const within = FRESHNESS_TOLERANCE_S + (ours.ms + theirs.ms) / 1000;
  return ours.checks.flatMap((check, index) => {
    const other = theirs.checks[index]?.observed ?? null;
    const freshness = check.kind === 'freshness';
    const observed = freshness && check.observed !== null ? check.observed + later : check.observed;
    const same =
      observed === null || other === null
        ? observed === other
        : Math.abs(observed - other) <= (freshness ? within : 1e-9);
    return same ? [] : [`${check.kind} ${String(check.observed)} vs ${String(other)}`];
  });
}

const perKind = (runs: CheckTime[][], index: number) => median(runs.map((checks) => checks[index]?.ms ?? 0));

/** The row comparing Pipewright's observed values with an anchor's. */
function agreementRow(anchor: string, ours: SideRun | undefined, theirs: SideRun | undefined): BenchRow {
  if (ours === undefined || theirs === undefined)
    return {
      benchmark: `data tests: observed values equal to ${anchor}`,
      anchor: '-',
      measured: '-',
      figure: 'no run to compare',
      target: 'all equal',
      pass: false,
    };
  const differ = disagreements(ours, theirs);
  return {
    benchmark: `data tests: observed values equal to ${anchor}`,
    anchor: '-',
    measured: `${CATALOG.length - differ.length} of ${CATALOG.length}`,
    figure: differ.length === 0 ? 'all equal' : differ.join('; '),
    target: 'all equal',
    pass: differ.length === 0,
  };
}

/**
 * The pandas row's floor and the load behind it: the checks straight in DuckDB are as fast as
 * Pipewright can be, so their ratio to pandas bounds the pandas row; CPU time next to wall
 * time shows how much the machine's load took from each side (DuckDB's threads wait longest).
 */
function physicalLimit(sides: { ours: SideRun[]; direct: SideRun[]; theirs: SideRun[]; anchor: number }): string {
  const duckdb = median(sides.direct.map((run) => run.ms));
  const cpu = (runs: SideRun[]) => median(runs.map((run) => run.cpuMs));
  const [slowest] = CATALOG.map((test, index) => ({
    kind: testKind(test) ?? 'test',
    ms: perKind(
      sides.direct.map((run) => run.checks),
      index,
    ),
  })).sort((a, b) => b.ms - a.ms);
  return [
    `the pandas row's floor: DuckDB itself takes ${(duckdb / sides.anchor).toFixed(2)} of pandas's time (target ${PANDAS_TARGET})`,
    `its slowest check alone, ${slowest?.kind ?? '-'}, takes ${ms(slowest?.ms ?? 0)} in DuckDB: ${((slowest?.ms ?? 0) / sides.anchor).toFixed(2)} of pandas's time for the whole catalog`,
    `CPU time of all threads (median): Pipewright ${ms(cpu(sides.ours))}, DuckDB ${ms(cpu(sides.direct))}, pandas ${ms(cpu(sides.theirs))}; ratio by CPU ${(cpu(sides.ours) / cpu(sides.theirs)).toFixed(2)}`,
  ].join('\n');
}

export async function benchDataTests(): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-data-'));
  const engine = await DataTestEngine.open();
  try {
    await writeData(root);
    let pandas = findPandas();
    const ours: SideRun[] = [];
    const direct: SideRun[] = [];
    const theirs: SideRun[] = [];
    const pandasRead: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      ours.push({ ...(await runPipewright(engine, root)), endedAt: Date.now() });
      direct.push({ ...(await runDuckDBChecks(root, CATALOG, PREVIOUS_ROWS)), endedAt: Date.now() });
      if (!('python' in pandas)) continue;
      try {
        const run = runPandas(pandas, root);
        theirs.push({ ms: run.total_ms, cpuMs: run.cpu_ms, checks: run.checks, endedAt: Date.now() });
        pandasRead.push(run.read_ms);
      } catch (error) {
        pandas = { missing: error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error) };
      }
    }
    const measured = median(ours.map((run) => run.ms));
    const duckdb = median(direct.map((run) => run.ms));
    const duckdbRatio = measured / duckdb;
    const rows: BenchRow[] = [
      {
        benchmark: `${BENCHMARK}, against DuckDB itself`,
        anchor: `${ms(duckdb)} (DuckDB, a query per check)`,
        measured: ms(measured),
        figure: `ratio ${duckdbRatio.toFixed(2)}`,
        target: `<= ${DUCKDB_TARGET}`,
        pass: duckdbRatio <= DUCKDB_TARGET,
      },
      agreementRow('DuckDB', ours.at(-1), direct.at(-1)),
    ];
    const pandasByKind =
      'python' in pandas
        ? CATALOG.map((_, index) =>
            perKind(
              theirs.map((run) => run.checks),
              index,
            ),
          )
        : null;
    console.log(
      `data tests per kind, DuckDB / pandas (median of ${ROUNDS}; pandas's Parquet read counts in the first check that needs the file; Pipewright runs them as one batch, ${ms(measured)} in all):`,
    );
    console.log(
      CATALOG.map(
        (test, index) =>
          `  ${(testKind(test) ?? 'test').padEnd(17)} ${ms(
            perKind(
              direct.map((run) => run.checks),
              index,
            ),
          ).padStart(10)} / ${pandasByKind === null ? '-' : ms(pandasByKind[index] ?? 0).padStart(10)}`,
      ).join('\n'),
    );
    if (!('python' in pandas)) {
      rows.push({
        benchmark: `${BENCHMARK}, against pandas`,
        anchor: '-',
        measured: ms(measured),
        figure: pandas.missing,
        target: `<= ${PANDAS_TARGET}`,
        pass: false,
      });
      return rows;
    }
    const anchor = median(theirs.map((run) => run.ms));
    const read = median(pandasRead);
    const ratio = measured / anchor;
    console.log(physicalLimit({ ours, direct, theirs, anchor }));
    rows.push(
      {
        benchmark: `${BENCHMARK}, against pandas`,
        anchor: `${ms(anchor)} (${pandas.version}; read ${ms(read)})`,
        measured: ms(measured),
        figure: `ratio ${ratio.toFixed(2)}`,
        target: `<= ${PANDAS_TARGET}`,
        pass: ratio <= PANDAS_TARGET,
      },
      agreementRow('pandas', ours.at(-1), theirs.at(-1)),
    );
    return rows;
  } finally {
    engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}
