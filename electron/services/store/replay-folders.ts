// Replay scratch folders (.pipewright/replays/NAME): a replay's copy of the workspace, its
// past inputs and the outputs it made. One lives as long as its replay run's record: `runs
// prune` removes the folders of the runs it deletes, and `cache prune` (with the prune after
// each run) removes folders no recorded run names, such as those of replays whose run never
// started, once they are older than a replay being set up can be.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** How long a replay folder may wait for the run that will name it: it is made while the run is planned. */
export const REPLAY_SETUP_GRACE_MS = 10 * 60_000;

/** A replay folder's name as replay-workspace.ts makes it (run id, step, random tail): anything else is never removed. */
const FOLDER_NAME = /^[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-z]{8}-[A-Za-z0-9_.-]+$/;

/** The replay folders of these runs, read before their records go. */
export function replayFoldersOf(db: Database.Database, runIds: readonly string[]): string[] {
  const folderOf = db.prepare('SELECT replay_folder FROM runs WHERE id = ? AND replay_folder IS NOT NULL').pluck();
  return runIds.flatMap((id) => {
    const name = folderOf.get(id);
    return typeof name === 'string' ? [name] : [];
  });
}

/** Removes the named folders of `replaysDir` (a link is removed itself, never followed); returns how many went. */
export function removeReplayFolders(replaysDir: string, names: readonly string[]): number {
  let removed = 0;
  for (const name of names) {
    if (!FOLDER_NAME.test(name)) continue;
    const folder = join(replaysDir, name);
    if (lstatSync(folder, { throwIfNoEntry: false }) === undefined) continue;
    rmSync(folder, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** Removes the replay folders no run names, made before `now - REPLAY_SETUP_GRACE_MS`; returns how many went. */
export function removeUnrecordedReplayFolders(db: Database.Database, replaysDir: string, now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(replaysDir);
  } catch {
    return 0;
  }
  const named = db.prepare('SELECT 1 FROM runs WHERE replay_folder = ?').pluck();
  const unrecorded = names.filter((name) => {
    const info = lstatSync(join(replaysDir, name), { throwIfNoEntry: false });
    return info !== undefined && info.mtimeMs < now - REPLAY_SETUP_GRACE_MS && named.get(name) === undefined;
  });
  return removeReplayFolders(replaysDir, unrecorded);
}
