// Commits' trees as flat maps of file path to blob, and the differences between two trees.
// A diff descends only into folders whose tree ids differ, so comparing two branches that
// differ in ten files reads a handful of trees, not the whole repository.
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError } from './git-errors.js';

export interface TreeFile {
  oid: string;
  /** 100644, 100755, 120000 (a symbolic link), 160000 (a submodule). */
  mode: string;
}

export type FlatTree = Map<string, TreeFile>;

export interface TreeChange {
  path: string;
  before: TreeFile | null;
  after: TreeFile | null;
}

type Entries = Array<{ path: string; oid: string; mode: string; type: 'blob' | 'tree' | 'commit' }>;

const join = (prefix: string, name: string) => (prefix ? `${prefix}/${name}` : name);

/** Reads trees through one cache per repository: trees are immutable, an id is forever. */
export class TreeReader {
  private readonly trees = new Map<string, Entries>();
  private readonly flats = new Map<string, FlatTree>();

  constructor(private readonly context: GitContext) {}

  /**
   * A tree's entries. A crafted tree is refused here, before any operation can act on it: a name
   * git never writes (.git, .., a backslash: isomorphic-git's check, as git's verify_path), or
   * two entries of one name (a link "a" and a folder "a", to write a file through the link).
   */
  async entries(treeOid: string): Promise<Entries> {
    let entries = this.trees.get(treeOid);
    if (!entries) {
      try {
        entries = (await git.readTree({ ...gitArgs(this.context), oid: treeOid })).tree;
      } catch (error) {
        if (!(error instanceof git.Errors.UnsafeFilepathError)) throw error;
        throw new GitError(
          'unsafe-path',
          `a tree of this commit holds an entry named "${error.data.filepath}", which git never writes: refused, nothing was written`,
        );
      }
      const names = new Set<string>();
      for (const entry of entries) {
        if (names.has(entry.path)) {
          throw new GitError(
            'unsafe-path',
            `a tree of this commit holds two entries named "${entry.path}" (as git fsck says, duplicateEntries): refused, nothing was written`,
          );
        }
        names.add(entry.path);
      }
      this.trees.set(treeOid, entries);
    }
    return entries;
  }

  async commitTree(commitOid: string): Promise<string> {
    return (await git.readCommit({ ...gitArgs(this.context), oid: commitOid })).commit.tree;
  }

  async flatten(treeOid: string | null): Promise<FlatTree> {
    if (treeOid === null) return new Map();
    let flat = this.flats.get(treeOid);
    if (!flat) {
      flat = new Map();
      await this.collect(treeOid, '', flat);
      // Flat maps are large; keep the few in use (HEAD, a branch or two being compared).
      if (this.flats.size >= 8) this.flats.delete(this.flats.keys().next().value as string);
      this.flats.set(treeOid, flat);
    }
    return flat;
  }

  private async collect(treeOid: string, prefix: string, into: FlatTree): Promise<void> {
    for (const entry of await this.entries(treeOid)) {
      if (entry.type === 'tree') await this.collect(entry.oid, join(prefix, entry.path), into);
      else into.set(join(prefix, entry.path), { oid: entry.oid, mode: entry.mode });
    }
  }

  /** Files that differ between two trees (either may be null: no tree). */
  async diff(before: string | null, after: string | null, prefix = ''): Promise<TreeChange[]> {
    if (before === after) return [];
    const beforeEntries = before === null ? [] : await this.entries(before);
    const afterEntries = after === null ? [] : await this.entries(after);
    const beforeByName = new Map(beforeEntries.map((entry) => [entry.path, entry]));
    const afterByName = new Map(afterEntries.map((entry) => [entry.path, entry]));
    const changes: TreeChange[] = [];
    for (const name of [...new Set([...beforeByName.keys(), ...afterByName.keys()])].sort()) {
      const a = beforeByName.get(name);
      const b = afterByName.get(name);
      if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
      const path = join(prefix, name);
      const aTree = a?.type === 'tree' ? a.oid : null;
      const bTree = b?.type === 'tree' ? b.oid : null;
      if (aTree !== null || bTree !== null) changes.push(...(await this.diff(aTree, bTree, path)));
      const aFile = a && a.type !== 'tree' ? { oid: a.oid, mode: a.mode } : null;
      const bFile = b && b.type !== 'tree' ? { oid: b.oid, mode: b.mode } : null;
      if (aFile !== null || bFile !== null) changes.push({ path, before: aFile, after: bFile });
    }
    return changes;
  }
}
