// Finishing a merge that stopped at conflicts: resolving each file (a side, the edited file,
// or per-field choices for a pipeline), committing the merge with both parents, or aborting
// it by putting every file the merge touched back as HEAD has it.
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { resolvePipelineMerge } from '../../../shared/git/pipeline-merge.js';
import type { FileResolution, MergeSummary } from '../../../shared/git/repository-types.js';
import { gitArgs } from './git-context.js';
import { GitError, explainGitError } from './git-errors.js';
import type { IndexChange } from './git-index.js';
import { readIndex, updateIndex } from './git-index.js';
import { writeIndexTree } from './index-tree.js';
import { clearMerge, loadMerge, mergeHead, mergeMessage, saveMerge } from './merge-state.js';
import type { MergeRecord } from './merge-state.js';
import type { RepositoryParts } from './repository-parts.js';
import { commitAuthor } from './repository-parts.js';
import { blobId } from './blob-id.js';
import { listPaths } from './dirty-work.js';
import { lstatOrNone, unsafeTreePath } from './tree-paths.js';
import { removeWorkFile, writeWorkFile } from './worktree-write.js';
import { readBlob, writeBlob } from './git-objects.js';

export function mergeSummary(parts: RepositoryParts): MergeSummary | null {
  const record = loadMerge(parts.context.gitdir);
  if (record) {
    return {
      theirs: record.theirsName,
      ours: record.oursName,
      managed: true,
      conflicts: record.conflicts.map(({ path, kind, resolved, conflicts, deletedBy }) => ({
        path,
        kind,
        resolved,
        conflicts,
        deletedBy,
      })),
    };
  }
  const theirs = mergeHead(parts.context.gitdir);
  return theirs ? { theirs: theirs.slice(0, 12), ours: 'HEAD', managed: false, conflicts: [] } : null;
}

function requireRecord(parts: RepositoryParts): MergeRecord {
  const record = loadMerge(parts.context.gitdir);
  if (record) return record;
  if (mergeHead(parts.context.gitdir))
    throw new GitError(
      'no-merge',
      'this merge was started outside Pipewright: finish it with git (git merge --continue or git merge --abort)',
    );
  throw new GitError('no-merge', 'no merge is in progress');
}

const modeOf = (path: string, root: string) => (lstatSync(join(root, path)).mode & 0o111 ? '100755' : '100644');

export async function resolveConflict(parts: RepositoryParts, resolution: FileResolution): Promise<void> {
  const { context } = parts;
  const record = requireRecord(parts);
  const conflict = record.conflicts.find((candidate) => candidate.path === resolution.path);
  if (!conflict) throw new GitError('not-found', `${resolution.path} has no conflict in this merge`);
  let content: Buffer | null;
  // The file keeps the mode the merge gave it (executable or not).
  const mode = existsSync(join(context.dir, conflict.path)) ? modeOf(conflict.path, context.dir) : '100644';
  if ('choices' in resolution) {
    if (!conflict.pipelineMerge || conflict.ours === null)
      throw new GitError('conflict', `${conflict.path} is not a pipeline conflict: pick a side or edit the file`);
    content = Buffer.from(
      resolvePipelineMerge(
        (await readBlob(context, conflict.ours)).toString('utf8'),
        conflict.pipelineMerge,
        resolution.choices,
      ),
    );
  } else if (resolution.pick === 'working') {
    const absolute = join(context.dir, conflict.path);
    content = existsSync(absolute) ? readFileSync(absolute) : null;
    if (content !== null && conflict.kind === 'text' && /^(<{7}|>{7}) /m.test(content.toString('utf8'))) {
      throw new GitError(
        'unresolved',
        `${conflict.path} still has conflict markers (<<<<<<< and >>>>>>>): edit them away first`,
      );
    }
  } else {
    const oid = resolution.pick === 'ours' ? conflict.ours : conflict.theirs;
    content = oid === null ? null : await readBlob(context, oid);
  }
  const change: IndexChange =
    content === null
      ? { path: conflict.path, remove: true }
      : {
          path: conflict.path,
          oid: await writeBlob(context, content),
          stats: writeWorkFile(context.dir, conflict.path, content, mode),
        };
  if (content === null) removeWorkFile(context.dir, conflict.path);
  parts.live.touch([conflict.path]);
  await updateIndex(context, [change]);
  conflict.resolved = true;
  if (record.written) record.written[conflict.path] = content === null ? null : blobId(content);
  saveMerge(context.gitdir, record, mergeMessage(context.gitdir).trimEnd());
}

/** Commits the merge (two parents) once every conflict is resolved; the commit's id. */
export async function completeMerge(parts: RepositoryParts, message: string | null): Promise<string> {
  const { context } = parts;
  const theirs = mergeHead(context.gitdir);
  if (theirs === null) throw new GitError('no-merge', 'no merge is in progress');
  const record = loadMerge(context.gitdir);
  const open = record?.conflicts.filter((conflict) => !conflict.resolved).map((conflict) => conflict.path) ?? [];
  const unmerged = [...(await readIndex(context)).unmerged];
  if (open.length > 0 || unmerged.length > 0) {
    const paths = [...new Set([...open, ...unmerged])];
    throw new GitError('unresolved', `resolve every conflict first: ${paths.join(', ')}`, paths);
  }
  const head = await git.resolveRef({ ...gitArgs(context), ref: 'HEAD' });
  const author = await commitAuthor(context);
  const text = (message ?? mergeMessage(context.gitdir)).trimEnd();
  try {
    const tree = await writeIndexTree(
      context,
      parts.trees,
      await readIndex(context),
      await parts.trees.commitTree(head),
    );
    const commit = await git.commit({
      ...gitArgs(context),
      message: `${text}\n`,
      author,
      committer: author,
      parent: [head, theirs],
      tree,
    });
    clearMerge(context.gitdir);
    return commit;
  } catch (error) {
    throw explainGitError(error, 'committing the merge');
  }
}

/** The touched files whose content is not what the merge (or a resolution) left there: edited since. */
function editedDuringMerge(root: string, record: MergeRecord): string[] {
  const written = record.written;
  if (!written) return [];
  return record.touched.filter(
    (path) => path in written && unsafeTreePath(path) === null && workBlobId(root, path) !== written[path],
  );
}

/** The blob id of what the working tree holds at `path` (a link's target text for a link), null when nothing. */
function workBlobId(root: string, path: string): string | null {
  const absolute = join(root, path);
  const info = lstatOrNone(absolute);
  if (info === null) return null;
  if (info.isSymbolicLink()) return blobId(Buffer.from(readlinkSync(absolute)));
  return info.isFile() ? blobId(readFileSync(absolute)) : 'not a file';
}

/**
 * Puts back every file the merge wrote or removed, as HEAD has it, and ends the merge. A file
 * edited since the merge wrote it would be lost: like `git merge --abort`, abort refuses then
 * (a 'dirty' GitError naming the files) unless `force`. Only the merge's own files are touched:
 * never one in .git/, never one git ignores that the merge did not write.
 */
export async function abortMerge(
  parts: RepositoryParts,
  options: { force: boolean } = { force: false },
): Promise<void> {
  const { context, trees } = parts;
  const record = requireRecord(parts);
  const edited = editedDuringMerge(context.dir, record);
  if (edited.length > 0 && !options.force) {
    throw new GitError(
      'dirty',
      `aborting the merge would discard the changes made to ${listPaths(edited)} since it started: complete the merge to keep them, or abort anyway to discard them`,
      edited,
    );
  }
  const headFiles = await trees.flatten(await trees.commitTree(record.ours));
  const index: IndexChange[] = [];
  const touched = record.touched.filter((path) => unsafeTreePath(path) === null);
  for (const path of touched) {
    const file = headFiles.get(path);
    if (file)
      index.push({
        path,
        oid: file.oid,
        stats: writeWorkFile(context.dir, path, await readBlob(context, file.oid), file.mode),
      });
    else {
      removeWorkFile(context.dir, path);
      index.push({ path, remove: true });
    }
  }
  parts.live.touch(touched);
  await updateIndex(context, index);
  clearMerge(context.gitdir);
}
