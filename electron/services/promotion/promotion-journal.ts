// The promotion journal and lock in the workspace's state folder. The lock makes one promotion
// transaction at a time per workspace, across processes (the CLI, the studio); the journal
// says, before any ref moves, what the transaction is about to do, so that after a crash the
// next start can tell a promotion that never moved production (roll back) from one that did
// (finish it: tag and record).
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateReport } from '../../../shared/journeys/journey-types.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { SYSTEM_PROCESSES, currentProcessIdentity, isProcessRunning } from '../process/process-identity.js';
import type { ProcessIdentity } from '../process/process-identity.js';
import type { TreeChange } from '../git/tree-files.js';
import { errorCode } from '../../../shared/text/error-message.js';
import { mapOf } from '../../../shared/git/plain-data.js';

export interface PromotionJournal {
  version: 1;
  branch: string;
  /** The candidate commit judged and merged. */
  candidate: string;
  production: string;
  /** The production branch's commit before the merge. */
  before: string;
  merge: string;
  tag: string;
  tagMessage: string;
  report: GateReport;
  /** When production is checked out: the files the merge changes, for its working tree to follow. */
  worktree: TreeChange[] | null;
  owner: ProcessIdentity;
  startedAt: number;
}

export class PromotionBusyError extends Error {}

const JOURNAL = 'promotion.journal.json';
const LOCK = 'promotion.lock';

export function journalPath(stateDir: string): string {
  return join(stateDir, JOURNAL);
}

export function readJournal(stateDir: string): PromotionJournal | null {
  const path = journalPath(stateDir);
  if (!existsSync(path)) return null;
  // cast: writeJournal wrote this file from a PromotionJournal; one of another version is refused below
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PromotionJournal;
  if (parsed.version !== 1)
    throw new Error(
      `${path} was written by another version of Pipewright: finish or undo that promotion with it, or delete the file`,
    );
  return parsed;
}

export function writeJournal(stateDir: string, journal: PromotionJournal): void {
  writeFileAtomic(journalPath(stateDir), `${JSON.stringify(journal, null, 2)}\n`);
}

export function removeJournal(stateDir: string): void {
  rmSync(journalPath(stateDir), { force: true });
}

function readOwner(path: string): ProcessIdentity | null {
  try {
    const owner = mapOf(JSON.parse(readFileSync(path, 'utf8')));
    return typeof owner.pid === 'number' && typeof owner.started === 'string'
      ? { pid: owner.pid, started: owner.started }
      : null;
  } catch {
    return null;
  }
}

const DRAFT = /^\.promotion\.lock\.(\d+)\./;

/** Drafts of the lock a process killed while taking it left behind. */
function removeDeadDrafts(stateDir: string): void {
  for (const name of readdirSync(stateDir)) {
    const pid = DRAFT.exec(name)?.[1];
    if (pid !== undefined && !SYSTEM_PROCESSES.isAlive(Number(pid))) rmSync(join(stateDir, name), { force: true });
  }
}

export interface PromotionLock {
  release(): void;
  /** The lock was left by a process that died holding it: its transaction may have left debris. */
  tookOver: boolean;
}

export function lockPath(stateDir: string): string {
  return join(stateDir, LOCK);
}

/**
 * Takes the workspace's promotion lock, or throws PromotionBusyError while a live process holds
 * it. The lock appears whole, owner included (a hard link of a finished file), so a lock file is
 * never seen without its owner; one whose owner died is taken over.
 */
export function takePromotionLock(stateDir: string): PromotionLock {
  const path = lockPath(stateDir);
  const me = currentProcessIdentity();
  const draft = join(stateDir, `.${LOCK}.${me.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(draft, JSON.stringify(me));
  let tookOver = false;
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(draft, path);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        const owner = readOwner(path);
        if (owner && isProcessRunning(owner)) {
          throw new PromotionBusyError(
            `another promotion is in progress in this workspace (process ${owner.pid}); wait for it to finish`,
          );
        }
        rmSync(path, { force: true });
        tookOver = true;
        continue;
      }
      const release = () => {
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.started === me.started) rmSync(path, { force: true });
      };
      if (tookOver) removeDeadDrafts(stateDir);
      return { release, tookOver };
    }
    throw new PromotionBusyError(`could not take ${path}: another process keeps taking it`);
  } finally {
    rmSync(draft, { force: true });
  }
}
