// Small helpers for benchmarks: wall time of a child process, medians, a result table, and the
// rows of a benchmark that could not measure (a missing anchor or dependency fails, never passes).
import { spawnSync } from 'node:child_process';

export function timeCommand(command: string, args: string[], cwd: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return elapsed;
}

/** A child process's wall time and output; it must exit 0. `node` runs with a probe that prints its peak RSS. */
export function runTimed(
  command: string,
  args: string[],
  cwd: string,
): { ms: number; stdout: string; peakRssMb: number | null } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  const rss = /^pipewright-bench peak-rss (\d+)$/m.exec(result.stderr)?.[1];
  return { ms: elapsed, stdout: result.stdout, peakRssMb: rss === undefined ? null : Number(rss) / 1024 };
}

/** Node options that make a Node process print its peak resident memory (KiB) on stderr as it exits. */
export const PEAK_RSS_PROBE = [
  '--import',
  `data:text/javascript,process.on('exit',()=>process.stderr.write('\\npipewright-bench peak-rss '+process.resourceUsage().maxRSS+'\\n'))`,
];

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface BenchRow {
  benchmark: string;
  anchor: string;
  measured: string;
  figure: string;
  target: string;
  pass: boolean;
}

export function printTable(rows: BenchRow[]): void {
  const header = ['benchmark', 'anchor', 'pipewright', 'figure', 'target', 'result'];
  const cells = [
    header,
    ...rows.map((row) => [row.benchmark, row.anchor, row.measured, row.figure, row.target, row.pass ? 'PASS' : 'FAIL']),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Why a command cannot be run here (not installed, or failing `args`), or null when it can. */
export function commandMissing(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.error) return `${command} is not installed or not on PATH (${result.error.message})`;
  return result.status === 0
    ? null
    : `${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr.trim().split('\n').at(-1) ?? ''}`;
}

/** The row of a benchmark that could not measure: it fails, saying why. */
export function missingRow(benchmark: string, why: string): BenchRow {
  return { benchmark, anchor: '-', measured: '-', figure: why, target: 'measured', pass: false };
}

/** A benchmark part that throws becomes a failing row, so the table still prints every other part. */
export async function guarded(benchmark: string, part: () => Promise<BenchRow[]> | BenchRow[]): Promise<BenchRow[]> {
  try {
    return await part();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [missingRow(benchmark, `could not run: ${message.split('\n').slice(0, 3).join(' ')}`)];
  }
}
