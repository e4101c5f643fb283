// git status, kept live: HEAD's files (read once per commit), the index (from isomorphic-git's
// cache, re-read only when the file changed) and the working tree (rescanned only where the
// file-system watchers saw changes) are compared in memory, so a query costs what changed.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { readHead } from './repository-location.js';
import type { FileChange, FileChangeKind } from '../../../shared/git/repository-types.js';
import type { GitContext } from './git-context.js';
import { readIndex } from './git-index.js';
import type { IndexEntry, IndexSnapshot } from './git-index.js';
import { IgnoreRules } from './ignore-rules.js';
import type { FlatTree, TreeReader } from './tree-files.js';
import { Worktree } from './worktree.js';
import type { WorkFile } from './worktree.js';

export interface WorkingState {
  branch: string | null;
  head: string | null;
  headFiles: FlatTree;
  index: IndexSnapshot;
  files: FileChange[];
}

const CHANGE_SETTLE_MS = 100;

function sameStat(entry: IndexEntry, file: WorkFile, indexWrittenMs: number): boolean {
  const entryMs = entry.mtimeSeconds * 1000 + Math.floor(entry.mtimeNanoseconds / 1e6);
  // Racy git: a file changed in the same instant the index was written may differ unseen.
  if (Math.floor(file.mtimeMs) >= Math.floor(indexWrittenMs)) return false;
  return entry.size === file.size % 2 ** 32 && entryMs === Math.floor(file.mtimeMs) && entry.ino === file.ino % 2 ** 32;
}

/**
 * Lets file-system events already queued reach the watchers: the kernel queues an inotify
 * event when the write happens, and Node delivers it in the next poll phase. Two turns of the
 * event loop make sure a poll phase ran, so a file written before a query is always seen.
 */
async function deliverPendingEvents(): Promise<void> {
  for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

export class LiveStatus {
  private readonly worktree: Worktree;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private readonly commitTrees = new Map<string, string>();

  private readonly gitWatchers: FSWatcher[] = [];

  constructor(
    private readonly context: GitContext,
    private readonly trees: TreeReader,
    options: { watch: boolean },
  ) {
    this.worktree = new Worktree(context.dir, new IgnoreRules(context.dir, context.gitdir), {
      watch: options.watch,
      onChange: () => this.changed(),
    });
    // Commits, branches and merges made by other programs (the git CLI) change .git, not the
    // working tree: HEAD, the index, refs and MERGE_HEAD are watched too, to announce them.
    if (options.watch) {
      for (const dir of [context.gitdir, join(context.gitdir, 'refs', 'heads'), join(context.gitdir, 'refs', 'tags')]) {
        try {
          const watcher = watch(dir, { persistent: false }, () => this.changed());
          watcher.on('error', () => watcher.close());
          this.gitWatchers.push(watcher);
        } catch {
          // A repository without that folder yet: nothing to watch there.
        }
      }
    }
  }

  /** Calls `listener` (once things settle) after the working tree changed on disk. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const listener of this.listeners) listener();
    }, CHANGE_SETTLE_MS);
    this.timer.unref();
  }

  /** Files Pipewright itself just wrote or removed. */
  touch(paths: Iterable<string>): void {
    this.worktree.touch(paths);
  }

  private async treeOfCommit(commit: string): Promise<string> {
    let tree = this.commitTrees.get(commit);
    if (!tree) {
      tree = await this.trees.commitTree(commit);
      this.commitTrees.set(commit, tree);
    }
    return tree;
  }

  async state(): Promise<WorkingState> {
    await deliverPendingEvents();
    const { branch, commit } = readHead(this.context.gitdir);
    const headFiles: FlatTree = commit ? await this.trees.flatten(await this.treeOfCommit(commit)) : new Map();
    const index = await readIndex(this.context);
    this.worktree.refresh((path) => index.entries.has(path));
    const paths = new Set<string>([...headFiles.keys(), ...index.entries.keys(), ...this.worktree.files.keys()]);
    const files: FileChange[] = [];
    for (const path of [...paths].sort()) {
      const change = this.compare(path, headFiles, index);
      if (change) files.push(change);
    }
    return { branch, head: commit, headFiles, index, files };
  }

  private compare(path: string, headFiles: FlatTree, index: IndexSnapshot): FileChange | null {
    const head = headFiles.get(path);
    const entry = index.entries.get(path);
    if (index.unmerged.has(path)) return { path, staged: null, unstaged: 'modified', conflicted: true };
    const work = this.worktree.lookUp(path);
    const indexMode = entry ? entry.mode.toString(8) : null;
    let staged: FileChangeKind | null = null;
    if (entry && !head) staged = 'added';
    else if (!entry && head) staged = 'deleted';
    else if (entry && head && (entry.oid !== head.oid || indexMode !== head.mode)) staged = 'modified';
    let unstaged: FileChangeKind | null = null;
    if (entry && !work) unstaged = 'deleted';
    // An untracked file is never hashed: it may be gigabytes of data nobody means to commit.
    else if (!entry && work) unstaged = 'untracked';
    else if (entry && work && indexMode !== '160000') {
      const oid = sameStat(entry, work, index.writtenMs) ? entry.oid : this.worktree.oid(path, work);
      if (oid !== entry.oid || work.mode !== indexMode) unstaged = 'modified';
    }
    return staged === null && unstaged === null ? null : { path, staged, unstaged, conflicted: false };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.gitWatchers) watcher.close();
    this.worktree.close();
  }
}
