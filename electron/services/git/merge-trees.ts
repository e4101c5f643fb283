// The three-way merge of two commits' trees, in memory: file by file from their merge base
// (content-merge.ts: pipelines by step and field, text by line), and a new tree written from
// one side's tree plus the merged changes. Nothing here reads or writes the working tree, the
// index or a ref, so a merge can be planned (and committed) beside whatever the user has
// checked out: merge-flow.ts applies a plan to the working tree, promotion commits it directly.
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { mergeContent } from './content-merge.js';
import type { MergeLabels } from './content-merge.js';
import type { FileConflictRecord } from './merge-state.js';
import type { TreeChange, TreeFile, TreeReader } from './tree-files.js';
import { readBlob, writeBlob } from './git-objects.js';
import { mergeBases } from './repository-parts.js';
import { present } from '../../../shared/invariant/present.js';

export interface TreeParts {
  context: GitContext;
  trees: TreeReader;
}

export interface MergePlan {
  /** Changes to our tree that merge on their own (theirs alone changed the file, or both merged cleanly). */
  resolved: TreeChange[];
  conflicts: FileConflictRecord[];
  /** Working-tree content of each conflicted file until it is resolved. */
  provisional: Map<string, { content: Buffer; mode: string } | null>;
}

const same = (a: TreeFile | null, b: TreeFile | null) => a?.oid === b?.oid && a?.mode === b?.mode;

/** The best common ancestor of two commits (null: unrelated histories). */
export async function mergeBase(context: GitContext, ours: string, theirs: string): Promise<string | null> {
  const [base = null] = await mergeBases(context, [ours, theirs]);
  return base;
}

export async function planMerge(
  parts: TreeParts,
  base: string | null,
  ours: string,
  theirs: string,
  labels: MergeLabels,
): Promise<MergePlan> {
  const { trees, context } = parts;
  const [baseTree, ourTree, theirTree] = [
    base ? await trees.commitTree(base) : null,
    await trees.commitTree(ours),
    await trees.commitTree(theirs),
  ];
  const ourChanges = new Map((await trees.diff(baseTree, ourTree)).map((change) => [change.path, change]));
  const plan: MergePlan = { resolved: [], conflicts: [], provisional: new Map() };
  for (const theirChange of await trees.diff(baseTree, theirTree)) {
    const { path } = theirChange;
    const ourChange = ourChanges.get(path);
    if (!ourChange) {
      plan.resolved.push({ path, before: theirChange.before, after: theirChange.after });
      continue;
    }
    const [b, o, t] = [theirChange.before, ourChange.after, theirChange.after];
    if (same(o, t)) continue;
    const record = {
      path,
      resolved: false,
      base: b?.oid ?? null,
      ours: o?.oid ?? null,
      theirs: t?.oid ?? null,
      pipelineMerge: null,
      conflicts: [],
      deletedBy: null,
    };
    if (o === null || t === null) {
      // same(o, t) let through only a change that one side made by removing the file.
      const kept = present(o ?? t ?? undefined, `the side of ${path} that kept it`);
      plan.conflicts.push({ ...record, kind: 'deleted', deletedBy: o === null ? 'ours' : 'theirs' });
      plan.provisional.set(path, { content: await readBlob(context, kept.oid), mode: kept.mode });
      continue;
    }
    const merged = mergeContent(
      path,
      b ? await readBlob(context, b.oid) : null,
      await readBlob(context, o.oid),
      await readBlob(context, t.oid),
      labels,
    );
    const mode = b && b.mode === o.mode ? t.mode : o.mode;
    if (merged.clean) {
      plan.resolved.push({ path, before: o, after: { oid: await writeBlob(context, merged.content), mode } });
      continue;
    }
    plan.conflicts.push({
      ...record,
      kind: merged.kind,
      conflicts: merged.conflicts,
      pipelineMerge: merged.pipelineMerge,
    });
    plan.provisional.set(path, { content: merged.content, mode });
  }
  return plan;
}

type Entry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' | 'commit' };

const fileEntry = (name: string, file: TreeFile): Entry => ({
  mode: file.mode,
  path: name,
  oid: file.oid,
  type: file.mode === '160000' ? 'commit' : 'blob',
});

/**
 * The tree `treeOid` with `changes` applied (paths relative to it). Only folders the changes
 * reach are rewritten; a folder left empty disappears, as git keeps no empty folders.
 */
export async function treeWithChanges(
  parts: TreeParts,
  treeOid: string | null,
  changes: readonly TreeChange[],
): Promise<string> {
  return (await buildFolder(parts, treeOid, changes)) ?? git.writeTree({ ...gitArgs(parts.context), tree: [] });
}

async function buildFolder(
  parts: TreeParts,
  treeOid: string | null,
  changes: readonly TreeChange[],
): Promise<string | null> {
  if (changes.length === 0) return treeOid;
  const entries = new Map<string, Entry>();
  for (const entry of treeOid === null ? [] : await parts.trees.entries(treeOid)) entries.set(entry.path, entry);
  const nested = new Map<string, TreeChange[]>();
  const direct: TreeChange[] = [];
  for (const change of changes) {
    const slash = change.path.indexOf('/');
    if (slash < 0) {
      direct.push(change);
      continue;
    }
    const folder = change.path.slice(0, slash);
    nested.set(folder, [...(nested.get(folder) ?? []), { ...change, path: change.path.slice(slash + 1) }]);
  }
  // Removals first, then folders, then additions: a file may become a folder or the reverse.
  for (const change of direct) if (change.after === null) entries.delete(change.path);
  for (const [name, inside] of nested) {
    const existing = entries.get(name);
    const oid = await buildFolder(parts, existing?.type === 'tree' ? existing.oid : null, inside);
    if (oid === null) entries.delete(name);
    else entries.set(name, { mode: '040000', path: name, oid, type: 'tree' });
  }
  for (const change of direct)
    if (change.after !== null) entries.set(change.path, fileEntry(change.path, change.after));
  if (entries.size === 0) return null;
  return git.writeTree({ ...gitArgs(parts.context), tree: [...entries.values()] });
}

export type TreeMerge =
  | { result: 'up-to-date' }
  | { result: 'conflicts'; paths: string[] }
  /** `changes`: what the merge changes in our tree (for a working tree that follows it). */
  | { result: 'merged'; tree: string; changes: TreeChange[] };

/** Merges `theirs` into `ours` as trees, writing only objects: blobs of merged files and trees. */
export async function mergeTrees(
  parts: TreeParts,
  ours: string,
  theirs: string,
  labels: MergeLabels,
): Promise<TreeMerge> {
  const base = await mergeBase(parts.context, ours, theirs);
  if (theirs === ours || base === theirs) return { result: 'up-to-date' };
  if (base === ours) {
    const changes = await parts.trees.diff(await parts.trees.commitTree(ours), await parts.trees.commitTree(theirs));
    return { result: 'merged', tree: await parts.trees.commitTree(theirs), changes };
  }
  const plan = await planMerge(parts, base, ours, theirs, labels);
  if (plan.conflicts.length > 0) return { result: 'conflicts', paths: plan.conflicts.map((conflict) => conflict.path) };
  return {
    result: 'merged',
    tree: await treeWithChanges(parts, await parts.trees.commitTree(ours), plan.resolved),
    changes: plan.resolved,
  };
}
