// The workspace's git repository, as the studio and the CLI use it. Every operation goes
// through one queue per repository, and one instance per repository is shared in a process,
// so its caches (trees, index, working-tree stats) serve every caller.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type {
  CommitInfo,
  FileResolution,
  GitStatus,
  MergeOutcome,
  PipelineFileDiff,
  SwitchOutcome,
  TagInfo,
} from '../../../shared/git/repository-types.js';
import {
  createBranch,
  createTag,
  deleteBranch,
  deleteTag,
  listBranches,
  listTags,
  renameBranch,
  switchBranch,
} from './branches.js';
import { commitChanges, stagePaths, unstagePaths } from './changes.js';
import { gitArgs, openGitContext } from './git-context.js';
import { GitError } from './git-errors.js';
import { commitChangesOf, commitLog, readFileAt, restoreFile } from './history.js';
import { LiveStatus } from './live-status.js';
import { startMerge } from './merge-flow.js';
import { abortMerge, completeMerge, mergeSummary, resolveConflict } from './merge-resolution.js';
import { pipelineDiffs } from './pipeline-changes.js';
import type { Version } from './pipeline-changes.js';
import { findRepository } from './repository-location.js';
import type { RepositoryLocation } from './repository-location.js';
import type { RepositoryParts } from './repository-parts.js';
import { configText, resolveCommit } from './repository-parts.js';
import { GitQueue } from './git-queue.js';
import { TreeReader } from './tree-files.js';
import type { TreeChange } from './tree-files.js';

const shared = new Map<string, { repository: GitRepository; users: number }>();

export class GitRepository {
  private readonly queue = new GitQueue();
  private readonly parts: RepositoryParts;

  private constructor(
    readonly location: RepositoryLocation,
    watch: boolean,
  ) {
    const context = openGitContext(location);
    const trees = new TreeReader(context);
    this.parts = { context, trees, live: new LiveStatus(context, trees, { watch }) };
  }

  /**
   * The repository around `start`, or null when there is none. With `watch`, the instance is
   * the process's shared one for that repository (release it when done).
   */
  static open(start: string, options: { watch: boolean }): GitRepository | null {
    const location = findRepository(start);
    if (!location) return null;
    if (!options.watch) return new GitRepository(location, false);
    const known = shared.get(location.gitdir);
    if (known) {
      known.users += 1;
      return known.repository;
    }
    const repository = new GitRepository(location, true);
    shared.set(location.gitdir, { repository, users: 1 });
    return repository;
  }

  /** Makes `dir` a repository (branch main) with `gitignore` (unless one exists) and a first commit of everything. */
  static async initialize(dir: string, gitignore: string, message: string): Promise<string> {
    if (findRepository(dir)?.root === dir) throw new GitError('exists', `${dir} is already a git repository`);
    const location = { root: dir, gitdir: join(dir, '.git') };
    const context = openGitContext(location);
    await git.init({ ...gitArgs(context), defaultBranch: 'main' });
    if (!existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), gitignore);
    const repository = new GitRepository(location, false);
    try {
      return await repository.commit(message, { all: true });
    } finally {
      repository.release();
    }
  }

  release(): void {
    const known = shared.get(this.location.gitdir);
    if (known?.repository === this) {
      known.users -= 1;
      if (known.users > 0) return;
      shared.delete(this.location.gitdir);
    }
    this.parts.live.close();
  }

  /** Calls `listener` after the working tree changed on disk (settled). */
  onChange(listener: () => void): () => void {
    return this.parts.live.onChange(listener);
  }

  /** Files Pipewright wrote outside git operations (a saved pipeline): status sees them at once. */
  touched(paths: string[]): void {
    this.parts.live.touch(paths);
  }

  private run<T>(operation: (parts: RepositoryParts) => Promise<T>): Promise<T> {
    return this.queue.run(() => operation(this.parts));
  }

  status(): Promise<GitStatus> {
    return this.run(async (parts) => {
      const { branch, head, files } = await parts.live.state();
      return { branch, head, files, merge: mergeSummary(parts) };
    });
  }

  stage(paths: string[]): Promise<void> {
    return this.run((parts) => stagePaths(parts, paths));
  }

  unstage(paths: string[]): Promise<void> {
    return this.run((parts) => unstagePaths(parts, paths));
  }

  commit(message: string, options: { all?: boolean } = {}): Promise<string> {
    return this.run((parts) => commitChanges(parts, message, options));
  }

  log(options: { ref?: string; path?: string; limit: number }): Promise<CommitInfo[]> {
    return this.run((parts) => commitLog(parts.context, options));
  }

  /** The commit a branch, tag, HEAD or (short) commit id names. */
  resolveRef(ref: string): Promise<string> {
    return this.run((parts) => resolveCommit(parts.context, ref));
  }

  /** The URL of a remote (origin by default), or null when the repository has none by that name. */
  remoteUrl(name = 'origin'): Promise<string | null> {
    return this.run(async (parts) => (await configText(parts.context, `remote.${name}.url`)) ?? null);
  }

  readFile(ref: string, path: string): Promise<{ commit: string; content: Buffer | null }> {
    return this.run((parts) => readFileAt(parts, ref, path));
  }

  commitFiles(ref: string): Promise<TreeChange[]> {
    return this.run((parts) => commitChangesOf(parts, ref));
  }

  restore(path: string, ref: string, force: boolean): Promise<void> {
    return this.run((parts) => restoreFile(parts, path, ref, force));
  }

  branches(): Promise<Array<{ name: string; commit: CommitInfo | null }>> {
    return this.run((parts) => listBranches(parts.context));
  }

  createBranch(name: string, from: string | null): Promise<void> {
    return this.run((parts) => createBranch(parts.context, name, from));
  }

  switchBranch(name: string, options: { carry: boolean }): Promise<SwitchOutcome> {
    return this.run((parts) => switchBranch(parts, name, options));
  }

  renameBranch(from: string, to: string): Promise<void> {
    return this.run(async (parts) => renameBranch(parts.context, from, to, (await parts.live.state()).branch));
  }

  deleteBranch(name: string, force: boolean): Promise<void> {
    return this.run(async (parts) => {
      const { branch, head } = await parts.live.state();
      await deleteBranch(parts.context, name, branch, head, force);
    });
  }

  tags(): Promise<TagInfo[]> {
    return this.run((parts) => listTags(parts.context));
  }

  createTag(name: string, target: string, message: string | null): Promise<void> {
    return this.run((parts) => createTag(parts.context, name, target, message));
  }

  deleteTag(name: string): Promise<void> {
    return this.run((parts) => deleteTag(parts.context, name));
  }

  merge(theirs: string, options: { carry: boolean }): Promise<MergeOutcome> {
    return this.run((parts) => startMerge(parts, theirs, options));
  }

  resolve(resolution: FileResolution): Promise<void> {
    return this.run((parts) => resolveConflict(parts, resolution));
  }

  completeMerge(message: string | null): Promise<string> {
    return this.run((parts) => completeMerge(parts, message));
  }

  /** Ends the merge, putting its files back; refuses (GitError 'dirty') when they were edited since, unless `force`. */
  abortMerge(options: { force: boolean } = { force: false }): Promise<void> {
    return this.run((parts) => abortMerge(parts, options));
  }

  pipelineDiffs(from: Version, to: Version, only?: string): Promise<PipelineFileDiff[]> {
    return this.run((parts) => pipelineDiffs(parts, from, to, only));
  }

  /** Runs an operation made of several git steps (a promotion) alone in this repository's queue. */
  exclusive<T>(operation: (parts: RepositoryParts) => Promise<T>): Promise<T> {
    return this.run(operation);
  }
}
