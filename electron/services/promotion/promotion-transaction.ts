// The promotion transaction, after the gate passed: the experiment merged into the production
// branch as a new two-parent commit, the branch moved to it, the merge tagged release-N and the
// promotion recorded. The user's working tree, index and current branch are never touched —
// except when production itself is checked out, whose working tree then follows the merge (only
// when the merge's files are clean there; otherwise nothing happens).
//
// Crash safety: objects first (they change nothing), then the journal, then the one ref move
// that decides (compare-and-swap), then the tag, the record, and the journal's removal. After a
// crash, recoverJournal reads where production is: still at the old commit means nothing
// happened (a tag, if any, is removed); at the merge means finish (tag, record).
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { GateReport, ReleaseInfo } from '../../../shared/journeys/journey-types.js';
import { releaseTagMessage } from '../../../shared/promotion/release-message.js';
import { blobId } from '../git/blob-id.js';
import { removeDeadTemporaries } from '../git/dead-temporaries.js';
import { dirtyWork, listPaths } from '../git/dirty-work.js';
import { gitArgs } from '../git/git-context.js';
import { GitError } from '../git/git-errors.js';
import { writeMergeCommit } from '../git/merge-commit.js';
import { mergeHead } from '../git/merge-state.js';
import { readRef, removeStaleRefLock, updateRefIfAt } from '../git/ref-update.js';
import { ensureReleaseTag, nextReleaseNumber, removeReleaseTag } from '../git/release-tags.js';
import type { RepositoryParts } from '../git/repository-parts.js';
import { readHead } from '../git/repository-location.js';
import type { TreeChange } from '../git/tree-files.js';
import { applyTreeChanges } from '../git/tree-sync.js';
import { currentProcessIdentity } from '../process/process-identity.js';
import type { PromotionJournal } from './promotion-journal.js';
import { readJournal, removeJournal, writeJournal } from './promotion-journal.js';
import type { PromotionStore } from './promotion-store.js';

export interface PromotionCommit {
  branch: string;
  /** The commit the gate judged. */
  candidate: string;
  production: string;
  /** The production branch's commit when the gate started: it must still be there. */
  productionAt: string;
  report: GateReport;
}

export type CommitResult =
  | { result: 'promoted'; release: ReleaseInfo; message: string }
  | { result: 'up-to-date'; message: string }
  | { result: 'conflict'; conflicts: string[]; message: string };

export type Recovery = { action: 'finished' | 'rolled-back'; branch: string; tag: string; production: string };

function releaseOf(journal: PromotionJournal, createdAt: number): ReleaseInfo {
  return {
    name: journal.tag,
    number: Number(journal.tag.slice('release-'.length)),
    commit: journal.merge,
    branch: journal.branch,
    production: journal.production,
    createdAt,
    report: journal.report,
  };
}

/** The content id of a working-tree file as git would store it, or null when it is not there. */
function workFileId(root: string, path: string): string | null {
  try {
    const stat = lstatSync(join(root, path));
    return blobId(stat.isSymbolicLink() ? Buffer.from(readlinkSync(join(root, path))) : readFileSync(join(root, path)));
  } catch {
    return null;
  }
}

/**
 * Brings a checked-out production branch's working tree and index to the merge, file by file,
 * leaving alone any file that is neither as before nor as after (edited since: the user's).
 */
async function followWorktree(parts: RepositoryParts, changes: readonly TreeChange[]): Promise<void> {
  const ours = changes.filter((change) => {
    const id = workFileId(parts.context.dir, change.path);
    return id === (change.before?.oid ?? null) || id === (change.after?.oid ?? null);
  });
  await applyTreeChanges(parts.context, parts.live, ours);
}

/** Tags the merge and records the promotion (each only once), then forgets the journal. */
async function finish(
  parts: RepositoryParts,
  stateDir: string,
  journal: PromotionJournal,
  promotions: PromotionStore,
): Promise<ReleaseInfo> {
  const createdAt = Date.now();
  await ensureReleaseTag(parts.context, journal.tag, journal.merge, journal.tagMessage);
  if (!promotions.hasRelease(journal.tag)) {
    promotions.record({
      branch: journal.branch,
      commit: journal.candidate,
      outcome: 'promoted',
      release: journal.tag,
      report: journal.report,
      createdAt,
    });
  }
  removeJournal(stateDir);
  return releaseOf(journal, createdAt);
}

/**
 * Finishes or rolls back the promotion a dead process left in the journal; null when there is
 * none. `cutShort`: the promotion lock was taken over from a dead process.
 */
export async function recoverJournal(
  parts: RepositoryParts,
  stateDir: string,
  promotions: PromotionStore,
  cutShort = false,
): Promise<Recovery | null> {
  const journal = readJournal(stateDir);
  const { context } = parts;
  // A temporary file left in refs/tags would read as a tag of its own.
  if (cutShort || journal !== null) removeDeadTemporaries(context.gitdir);
  if (journal === null) return null;
  const ref = `refs/heads/${journal.production}`;
  removeStaleRefLock(context, ref, journal.merge);
  const now = await readRef(context, ref);
  // Production moved on from the merge (a commit on top) still has it: the promotion happened.
  const landed =
    now === journal.merge ||
    (now !== null &&
      now !== journal.before &&
      (await git
        .isDescendent({ ...gitArgs(context), oid: now, ancestor: journal.merge, depth: -1 })
        .catch(() => false)));
  const about = { branch: journal.branch, tag: journal.tag, production: journal.production };
  if (!landed) {
    await removeReleaseTag(context, journal.tag, journal.merge);
    removeJournal(stateDir);
    return { action: 'rolled-back', ...about };
  }
  if (journal.worktree !== null && now === journal.merge && readHead(context.gitdir).branch === journal.production)
    await followWorktree(parts, journal.worktree);
  await finish(parts, stateDir, journal, promotions);
  return { action: 'finished', ...about };
}

const conflict = (message: string, conflicts: string[] = []): CommitResult => ({
  result: 'conflict',
  conflicts,
  message,
});

/** Merges, moves production, tags and records; the caller holds the promotion lock. */
export async function commitPromotion(
  parts: RepositoryParts,
  stateDir: string,
  promotions: PromotionStore,
  input: PromotionCommit,
): Promise<CommitResult> {
  const { context } = parts;
  const { branch, production, productionAt, candidate } = input;
  const ref = `refs/heads/${production}`;
  const now = await readRef(context, ref);
  if (now !== productionAt) {
    return conflict(
      `${production} moved while the gate ran (from ${productionAt.slice(0, 7)} to ${now?.slice(0, 7) ?? 'nothing'}): nothing was changed; promote again to judge the gate against it`,
    );
  }
  const checkedOut = readHead(context.gitdir).branch === production;
  if (checkedOut && mergeHead(context.gitdir) !== null) {
    return conflict(
      `${production} is checked out with a merge in progress: complete or abort it, then promote again. Nothing was changed.`,
    );
  }
  const tag = `release-${await nextReleaseNumber(context)}`;
  const prepared = await writeMergeCommit(
    parts,
    productionAt,
    candidate,
    { ours: production, theirs: branch },
    `Merge branch '${branch}' into ${production} (${tag})`,
  );
  if (prepared.result === 'up-to-date')
    return {
      result: 'up-to-date',
      message: `${production} already has every commit of ${branch}: there is nothing to promote`,
    };
  if (prepared.result === 'conflicts') {
    return conflict(
      `${branch} and ${production} both changed ${listPaths(prepared.paths)}: merge ${production} into ${branch}, resolve the conflicts there, and promote again. Nothing was changed.`,
      prepared.paths,
    );
  }
  if (checkedOut) {
    const dirty = dirtyWork((await parts.live.state()).files, new Set(prepared.changes.map((change) => change.path)));
    if (dirty.blocking.length > 0) {
      return conflict(
        `${production} is checked out and the promotion would change files you have edited there (${listPaths(dirty.blocking)}): commit or undo those edits, or switch to another branch, then promote again. Nothing was changed.`,
        dirty.blocking,
      );
    }
  }
  const journal: PromotionJournal = {
    version: 1,
    branch,
    candidate,
    production,
    before: productionAt,
    merge: prepared.commit,
    tag,
    tagMessage: releaseTagMessage(tag, { branch, production, report: input.report }),
    report: input.report,
    worktree: checkedOut ? prepared.changes : null,
    owner: currentProcessIdentity(),
    startedAt: Date.now(),
  };
  writeJournal(stateDir, journal);
  try {
    await updateRefIfAt(context, ref, productionAt, prepared.commit);
  } catch (error) {
    await recoverJournal(parts, stateDir, promotions);
    if (error instanceof GitError) return conflict(`${error.message}: nothing was changed; promote again`);
    throw error;
  }
  try {
    if (journal.worktree !== null) await applyTreeChanges(context, parts.live, journal.worktree);
    const release = await finish(parts, stateDir, journal, promotions);
    return {
      result: 'promoted',
      release,
      message: `${branch} promoted into ${production} as ${tag} (${prepared.commit.slice(0, 7)})`,
    };
  } catch (error) {
    // Production has moved: the promotion stands; what is left is finished now or at the next start.
    await recoverJournal(parts, stateDir, promotions).catch(() => null);
    throw error;
  }
}
