// `pipewright runs` and `pipewright runs prune` on workspaces with 1,000, 10,000 and 100,000
// recorded runs, whole process. The anchor is `node -e 0`: the start of any Node program.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './measure.js';
import { median, ms, timeCommand } from './measure.js';
import { workspaceWithRuns } from './scale-recorded-runs.js';

export const RUN_COUNTS = [1000, 10_000, 100_000] as const;
const LIST_TARGET_MS = 200;
const ROUNDS = 5;
const KEEP = 100;

interface PruneOutcome {
  pruned: number;
  protected: number;
  remaining: number;
  databaseBytes: { before: number; after: number };
  foldersRemoved: number;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function cliJson<T>(cli: string, args: string[], cwd: string): { value: T; ms: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`pipewright ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return { value: JSON.parse(result.stdout) as T, ms: elapsed };
}

export function benchRunsScale(cli: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const count of RUN_COUNTS) {
    const history = workspaceWithRuns(count);
    const scale = `${count / RUN_COUNTS[0]}×`;
    try {
      // One untimed start first, so every measured round finds the state database migrated and warm.
      const first = cliJson<Array<{ id: string }>>(cli, ['runs', '--json'], history.root).value;
      // The anchor is taken in turn with each listing, so a machine whose load changes weighs on both alike.
      const nodes: number[] = [];
      const listings: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        nodes.push(timeCommand(process.execPath, ['-e', '0'], history.root));
        listings.push(timeCommand(process.execPath, [cli, 'runs'], history.root));
      }
      const node = median(nodes);
      const listing = median(listings);
      const listedRight = first.length === 20 && first.every((run, index) => run.id === history.newest[index]);
      rows.push({
        benchmark: `pipewright runs, ${count.toLocaleString('en')} runs recorded (${scale})`,
        anchor: `node -e 0 ${ms(node)}`,
        measured: ms(listing),
        figure: `${(listing / node).toFixed(2)}× node${listedRight ? ', newest 20 listed' : ', WRONG runs listed'}`,
        target: `< ${LIST_TARGET_MS} ms`,
        pass: listing < LIST_TARGET_MS && listedRight,
      });

      const database = join(history.root, '.pipewright', 'state.db');
      const before = statSync(database).size;
      const prune = cliJson<PruneOutcome>(cli, ['runs', 'prune', '--keep', String(KEEP), '--json'], history.root);
      const report = prune.value;
      const left = cliJson<unknown[]>(cli, ['runs', '--json', '--limit', '500'], history.root).value.length;
      const foldersGone = history.logged.every((id) => !existsSync(join(history.root, '.pipewright', 'runs', id)));
      // Kept: the newest KEEP, plus the latest (and latest good) run of each of the two branches.
      const checked =
        report.remaining === left &&
        report.remaining >= KEEP &&
        report.remaining <= KEEP + 4 &&
        report.pruned === count - report.remaining &&
        foldersGone &&
        report.databaseBytes.after < before;
      rows.push({
        benchmark: `pipewright runs prune --keep ${KEEP}, ${count.toLocaleString('en')} runs (${scale})`,
        anchor: `node -e 0 ${ms(node)}`,
        measured: ms(prune.ms),
        figure: `${report.pruned} pruned, ${report.remaining} left; db ${megabytes(before)} → ${megabytes(report.databaseBytes.after)}${checked ? '' : ', CHECK FAILED'}`,
        target: `db shrinks, ${KEEP}+ kept`,
        pass: checked,
      });
    } finally {
      rmSync(history.root, { recursive: true, force: true });
    }
  }
  return rows;
}
