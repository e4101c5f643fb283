// The studio's version control: the workspace's repository (if any) through the git service,
// with its errors turned into contract errors, branches joined with their last run, and
// pipelines read at any commit. Mutations announce themselves so every window refreshes.
import { relative } from 'node:path';
import type { PipelineAtCommit } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import type { ErrorCode } from '../../../shared/ipc/envelope.js';
import type {
  AbortOutcome,
  BranchInfo,
  CommitFileChange,
  GitOverview,
  TagInfo,
} from '../../../shared/git/repository-types.js';
import { EMPTY_LAYOUT, LayoutSchema } from '../../../shared/pipeline/layout.js';
import type { PipelineLayout } from '../../../shared/pipeline/layout.js';
import { layoutFileName, pipelineFileName } from '../../../shared/pipeline/names.js';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { defaultGitignore } from '../workspace/default-gitignore.js';
import { GitError } from '../git/git-errors.js';
import { GitRepository } from '../git/git-repository.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import type { StudioEvents } from './studio-events.js';
import { isPlainMap } from '../../../shared/git/plain-data.js';

/** A layout sidecar's content, or no positions when it is missing or unreadable. */
function readLayout(content: Buffer | null): PipelineLayout {
  if (content === null) return EMPTY_LAYOUT;
  const checked = LayoutSchema.safeParse(
    ((): unknown => {
      try {
        return JSON.parse(content.toString('utf8'));
      } catch {
        return null;
      }
    })(),
  );
  return checked.success ? checked.data : EMPTY_LAYOUT;
}

const CONTRACT_CODES: Partial<Record<GitError['code'], ErrorCode>> = {
  'not-found': 'not-found',
  'invalid-name': 'invalid-request',
  'not-a-repository': 'not-supported',
};

export class StudioGit {
  private repository: GitRepository | null = null;
  private stopWatching: (() => void) | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly store: RunStore,
    private readonly events: StudioEvents,
  ) {
    this.attach(GitRepository.open(workspace.root, { watch: true }));
  }

  private attach(repository: GitRepository | null): void {
    this.repository = repository;
    this.stopWatching = repository?.onChange(() => this.events.emit('git:changed', {})) ?? null;
  }

  /** The repository-relative form of a workspace-relative path. */
  path(workspacePath: string): string {
    return `${this.prefix()}${workspacePath}`;
  }

  private prefix(): string {
    const inside = this.repository
      ? relative(this.repository.location.root, this.workspace.root).split('\\').join('/')
      : '';
    return inside ? `${inside}/` : '';
  }

  private repo(): GitRepository {
    if (!this.repository)
      throw new ContractError(
        'not-supported',
        'this workspace is not in a git repository: start versioning it from the Git view',
      );
    return this.repository;
  }

  /** Runs a git operation, as a contract error when git says no; a change is announced. */
  async call<T>(operation: (repository: GitRepository) => Promise<T>, changes = true): Promise<T> {
    try {
      return await operation(this.repo());
    } catch (error) {
      if (error instanceof GitError) throw new ContractError(CONTRACT_CODES[error.code] ?? 'conflict', error.message);
      throw error;
    } finally {
      if (changes) this.events.emit('git:changed', {});
    }
  }

  async overview(): Promise<GitOverview> {
    // A repository made outside the studio (git init in a terminal) is picked up here.
    if (!this.repository) this.attach(GitRepository.open(this.workspace.root, { watch: true }));
    if (!this.repository) return { repository: null, status: null };
    return {
      repository: { root: this.repository.location.root, workspacePrefix: this.prefix() },
      status: await this.call((repository) => repository.status(), false),
    };
  }

  /** Makes the workspace folder a repository with a sensible .gitignore and a first commit. */
  async init(): Promise<GitOverview> {
    if (this.repository)
      throw new ContractError(
        'conflict',
        `this workspace is already in the git repository at ${this.repository.location.root}`,
      );
    try {
      await GitRepository.initialize(
        this.workspace.root,
        defaultGitignore(this.workspace),
        'Start versioning the workspace',
      );
    } catch (error) {
      if (error instanceof GitError) throw new ContractError('conflict', error.message);
      throw error;
    }
    this.attach(GitRepository.open(this.workspace.root, { watch: true }));
    this.events.emit('git:changed', {});
    return this.overview();
  }

  async branches(): Promise<{ branches: BranchInfo[]; tags: TagInfo[] }> {
    return this.call(async (repository) => {
      const { branch: current } = await repository.status();
      const branches = (await repository.branches()).map(({ name, commit }) => {
        const run = this.store.lastRunOnBranch(name);
        return {
          name,
          current: name === current,
          commit,
          lastRun: run
            ? { status: run.status, pipeline: run.pipeline, createdAt: new Date(run.createdAt).toISOString() }
            : null,
        };
      });
      return { branches, tags: await repository.tags() };
    }, false);
  }

  async commitFiles(ref: string): Promise<CommitFileChange[]> {
    return this.call(
      async (repository) =>
        (await repository.commitFiles(ref)).map((change) => ({
          path: change.path,
          change: change.before === null ? 'added' : change.after === null ? 'removed' : 'changed',
        })),
      false,
    );
  }

  /** A pipeline (and its layout) as it was at `ref`, for a read-only view or a comparison. */
  async pipelineAt(ref: string, name: string): Promise<PipelineAtCommit> {
    return this.call(async (repository) => {
      const file = pipelineFileName(name);
      const { commit, content } = await repository.readFile(ref, this.path(file));
      if (content === null) throw new GitError('not-found', `${file} does not exist at ${ref}`);
      const text = content.toString('utf8');
      const validated = validatePipelineText(file, text, this.workspace.settings);
      const layoutContent = (await repository.readFile(commit, this.path(layoutFileName(name)))).content;
      const layout = readLayout(layoutContent);
      return {
        name,
        file,
        commit,
        text,
        data: validated.spec && isPlainMap(validated.source.data) ? validated.source.data : null,
        layout,
        problems: validated.problems,
      };
    }, false);
  }

  /** Ends the merge in progress; with files edited since it started, asks first (aborted: false) unless `force`. */
  async abortMerge(force: boolean): Promise<AbortOutcome> {
    return this.call(async (repository) => {
      try {
        await repository.abortMerge({ force });
        return { aborted: true };
      } catch (error) {
        if (error instanceof GitError && error.code === 'dirty') return { aborted: false, edited: error.paths };
        throw error;
      }
    });
  }

  /** A file Pipewright saved: status sees it without waiting for the watcher. */
  saved(workspacePath: string): void {
    this.repository?.touched([this.path(workspacePath)]);
  }

  close(): void {
    this.stopWatching?.();
    this.repository?.release();
  }
}
