// Pruning old runs keeps the state database and the run folders compact: the runs a policy
// lets go are deleted with everything recorded under them (steps, attempts, tests, outputs,
// metrics, cache entries) in one transaction, then their folders (logs, params) are removed and
// the database file is compacted. Some runs are never pruned, whatever the policy: a run still
// running, every run a release was promoted on, and per pipeline, environment and branch the
// latest run and the latest good run (what a branch's status and the promotion gate read).
import { lstatSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { removeReplayFolders, replayFoldersOf } from './replay-folders.js';

export interface PrunePolicy {
  /** Keep the newest N runs of each pipeline. */
  keep?: number;
  /** Keep runs started less than this many milliseconds before `now`. */
  olderThanMs?: number;
  /** Only say what would be pruned. */
  dryRun?: boolean;
}

export interface PruneReport {
  /** Runs deleted (or that would be, on a dry run). */
  pruned: number;
  /** Runs the policy would have deleted but that are kept for a release, a branch or because they run. */
  protected: number;
  /** Runs left in the workspace. */
  remaining: number;
  /** Bytes of the state database (with its write-ahead log) before and after. */
  databaseBytes: { before: number; after: number };
  /** Run folders (logs, params) removed. */
  foldersRemoved: number;
  /** Scratch folders of the replay runs removed. */
  replayFoldersRemoved: number;
  dryRun: boolean;
}

export class PrunePolicyError extends Error {}

/** A branch a run belongs to: the ref it ran, else the branch checked out, else a promotion's branch. */
const BRANCH = `COALESCE(ref, git_branch, CASE WHEN trigger = 'promotion' THEN trigger_name END, '')`;

const PROTECTED = `
  SELECT id FROM runs WHERE status = 'running'
  UNION SELECT value FROM promotions, json_each(promotions.report, '$.runs') WHERE promotions.release IS NOT NULL
  UNION SELECT id FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY pipeline, COALESCE(environment, ''), ${BRANCH} ORDER BY created_at DESC, id DESC) AS latest
    FROM runs) WHERE latest = 1
  UNION SELECT id FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY pipeline, COALESCE(environment, ''), ${BRANCH} ORDER BY created_at DESC, id DESC) AS latest
    FROM runs WHERE status IN ('succeeded', 'warned')) WHERE latest = 1`;

/** Runs outside the newest N of their pipeline and older than the cut-off, as the policy says. */
function candidatesSql(policy: PrunePolicy): string {
  const conditions = [
    ...(policy.keep !== undefined ? ['newest > @keep'] : []),
    ...(policy.olderThanMs !== undefined ? ['created_at < @cutoff'] : []),
  ];
  return `SELECT id FROM (
    SELECT id, created_at, ROW_NUMBER() OVER (PARTITION BY pipeline ORDER BY created_at DESC, id DESC) AS newest FROM runs
  ) WHERE ${conditions.join(' AND ')}`;
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Run ids are made by run-id.ts; anything else in the table never names a folder to delete. */
const RUN_ID = /^[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-z]{8}$/;

export function pruneRuns(
  db: Database.Database,
  databasePath: string,
  runsDir: string,
  policy: PrunePolicy,
  now = Date.now(),
): PruneReport {
  if (policy.keep === undefined && policy.olderThanMs === undefined)
    throw new PrunePolicyError('say which runs to prune: --keep N, --older-than DURATION, or both');
  if (policy.keep !== undefined && (!Number.isInteger(policy.keep) || policy.keep < 0))
    throw new PrunePolicyError('--keep must be a whole number of at least 0');
  if (policy.olderThanMs !== undefined && !(policy.olderThanMs > 0))
    throw new PrunePolicyError('--older-than must be a positive duration');
  const bytes = () => fileBytes(databasePath) + fileBytes(`${databasePath}-wal`);
  const before = bytes();
  const parameters = { keep: policy.keep ?? 0, cutoff: now - (policy.olderThanMs ?? 0) };

  const chosen = db
    .transaction(() => {
      db.exec('DROP TABLE IF EXISTS temp.prune_candidates; DROP TABLE IF EXISTS temp.prune_runs');
      db.prepare(`CREATE TEMP TABLE prune_candidates AS ${candidatesSql(policy)}`).run(parameters);
      db.exec(`CREATE TEMP TABLE prune_runs AS SELECT id FROM temp.prune_candidates WHERE id NOT IN (${PROTECTED})`);
      const ids = db.prepare<[], string>('SELECT id FROM temp.prune_runs').pluck().all();
      const replays = replayFoldersOf(db, ids);
      const candidates = db.prepare<[], number>('SELECT COUNT(*) FROM temp.prune_candidates').pluck().get() ?? 0;
      if (!policy.dryRun) db.exec('DELETE FROM runs WHERE id IN (SELECT id FROM temp.prune_runs)');
      db.exec('DROP TABLE temp.prune_candidates; DROP TABLE temp.prune_runs');
      return { ids, candidates, replays };
    })
    .immediate();

  let foldersRemoved = 0;
  let replayFoldersRemoved = 0;
  if (!policy.dryRun && chosen.ids.length > 0) {
    // The state folder holds runs/ and replays/ side by side.
    replayFoldersRemoved = removeReplayFolders(join(dirname(runsDir), 'replays'), chosen.replays);
    // After the commit: a folder left by a crash here is only disk, while a run row without its
    // logs would be a record that lies. rmSync removes a symlink itself, never what it points at.
    for (const id of chosen.ids) {
      if (!RUN_ID.test(id)) continue;
      const folder = join(runsDir, id);
      try {
        lstatSync(folder);
      } catch {
        continue;
      }
      rmSync(folder, { recursive: true, force: true });
      foldersRemoved += 1;
    }
    // Deleted rows leave free pages; VACUUM gives them back to the file system and the
    // checkpoint empties the write-ahead log that VACUUM filled.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return {
    pruned: chosen.ids.length,
    protected: chosen.candidates - chosen.ids.length,
    remaining: db.prepare<[], number>('SELECT COUNT(*) FROM runs').pluck().get() ?? 0,
    databaseBytes: { before, after: bytes() },
    foldersRemoved,
    replayFoldersRemoved,
    dryRun: policy.dryRun === true,
  };
}
