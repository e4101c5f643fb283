// A merge commit written beside the user's checkout: the two branches' trees merged in memory
// (merge-trees.ts) and committed as an object with both parents, without reading or writing
// the working tree, the index or any ref. Always two parents, even where a fast-forward would
// do, so the merge of an experiment stays visible in the history.
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { mergeTrees } from './merge-trees.js';
import type { TreeParts } from './merge-trees.js';
import { commitAuthor } from './repository-parts.js';
import type { TreeChange } from './tree-files.js';

export type PreparedMerge =
  | { result: 'up-to-date' }
  | { result: 'conflicts'; paths: string[] }
  /** `changes`: what the merge changes in `ours` tree, file by file. */
  | { result: 'merged'; commit: string; changes: TreeChange[] };

async function signature(context: GitContext) {
  const who = await commitAuthor(context);
  return { ...who, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: new Date().getTimezoneOffset() };
}

/** Merges `theirs` into `ours` (commits) as a new two-parent commit object; nothing else changes. */
export async function writeMergeCommit(
  parts: TreeParts,
  ours: string,
  theirs: string,
  labels: { ours: string; theirs: string },
  message: string,
): Promise<PreparedMerge> {
  const merged = await mergeTrees(parts, ours, theirs, labels);
  if (merged.result !== 'merged') return merged;
  const who = await signature(parts.context);
  const commit = await git.writeCommit({
    ...gitArgs(parts.context),
    commit: {
      tree: merged.tree,
      parent: [ours, theirs],
      author: who,
      committer: who,
      message: message.endsWith('\n') ? message : `${message}\n`,
    },
  });
  return { result: 'merged', commit, changes: merged.changes };
}
