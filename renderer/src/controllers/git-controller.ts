// What the Git view does: keeping status, experiments and history fresh, staging and
// committing, switching and merging without ever losing uncommitted work (the user decides
// when there is some), resolving conflicts, and showing pipelines at other versions.
// Over 300 lines because every git action shares the same guard (save first, never lose work, ask
// the user); its views read the git store, never this controller's internals.
import type { ConflictChoice } from '../../../shared/git/pipeline-merge.js';
import type { MergeOutcome, SwitchOutcome } from '../../../shared/git/repository-types.js';
import type { StudioController } from './studio-controller.js';
import type { EditorStore } from '../stores/editor-store.js';
import type { GitStore } from '../stores/git-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';

const REFRESH_SETTLE_MS = 150;

/** Called after a branch was merged into the current one or deleted from the Git view. */
export type BranchDoneListener = (branch: string, how: 'merged' | 'deleted') => void;

export class GitController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly branchDone = new Set<BranchDoneListener>();

  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly store: GitStore,
    private readonly editor: EditorStore,
    private readonly workspace: WorkspaceStore,
    private readonly studio: StudioController,
  ) {}

  start(): void {
    this.transport.on('git:changed', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), REFRESH_SETTLE_MS);
    });
    this.studio.documents.on(() => this.lockConflictedPipeline());
    void this.refresh();
  }

  onBranchDone(listener: BranchDoneListener): () => void {
    this.branchDone.add(listener);
    return () => this.branchDone.delete(listener);
  }

  private notify(error: unknown): void {
    this.workspace.getState().notify('error', error instanceof Error ? error.message : String(error));
  }

  /** Runs a git action with the view marked busy; a failure becomes a notice. */
  private async act<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.store.getState().set({ busy: true });
    try {
      return await action();
    } catch (error) {
      this.notify(error);
      return undefined;
    } finally {
      this.store.getState().set({ busy: false });
    }
  }

  /** The workspace path of a repository path, or null when it lies outside the workspace. */
  workspacePath(path: string): string | null {
    const prefix = this.store.getState().overview?.repository?.workspacePrefix ?? '';
    return path.startsWith(prefix) ? path.slice(prefix.length) : null;
  }

  repositoryPath(workspacePath: string): string {
    return `${this.store.getState().overview?.repository?.workspacePrefix ?? ''}${workspacePath}`;
  }

  async refreshStatus(): Promise<void> {
    try {
      this.store.getState().set({ overview: await this.api('git:status', {}) });
      this.lockConflictedPipeline();
    } catch (error) {
      this.notify(error);
    }
  }

  /** The open pipeline stays read-only while it has unresolved merge conflicts. */
  lockConflictedPipeline(): void {
    const doc = this.editor.getState().doc;
    const merge = this.store.getState().overview?.status?.merge;
    const conflicted =
      doc !== null &&
      (merge?.conflicts.some((file) => !file.resolved && file.path === this.repositoryPath(doc.file)) ?? false);
    this.editor.getState().lockForMerge(conflicted);
  }

  async refresh(): Promise<void> {
    await this.refreshStatus();
    if (!this.store.getState().overview?.repository) return;
    try {
      const { branches, tags } = await this.api('git:branches', {});
      this.store.getState().set({ branches, tags });
      await this.loadHistory();
    } catch (error) {
      this.notify(error);
    }
  }

  async loadHistory(scope = this.store.getState().historyScope): Promise<void> {
    const doc = this.editor.getState().doc;
    const path = scope === 'pipeline' && doc ? this.repositoryPath(doc.file) : undefined;
    const history = await this.api('git:log', { limit: 100, ...(path ? { path } : {}) });
    this.store.getState().set({ history, historyScope: scope });
  }

  async loadCommitFiles(ref: string): Promise<void> {
    const files = await this.act(() => this.api('git:commit-files', { ref }));
    if (files) this.store.getState().set({ commitFiles: { ...this.store.getState().commitFiles, [ref]: files } });
  }

  async init(): Promise<void> {
    const overview = await this.act(() => this.api('git:init', {}));
    if (overview) {
      this.store.getState().set({ overview });
      await this.refresh();
    }
  }

  async stage(paths: string[], staged: boolean): Promise<void> {
    await this.act(() => this.api(staged ? 'git:stage' : 'git:unstage', { paths }));
    await this.refreshStatus();
  }

  async commit(message: string, all: boolean): Promise<boolean> {
    if (!(await this.studio.save())) return false;
    const done = await this.act(() => this.api('git:commit', { message, all }));
    await this.refresh();
    return done !== undefined;
  }

  /** The open pipeline and lists again, after git rewrote files. */
  private async afterFilesChanged(): Promise<void> {
    await this.studio.refreshPipelines();
    const doc = this.editor.getState().doc;
    const exists = doc && this.workspace.getState().info?.pipelines.some((entry) => entry.name === doc.name);
    if (doc && exists) await this.studio.reloadFromDisk();
    else if (doc) this.studio.closePipeline();
    await this.refresh();
  }

  private settle(action: 'switch' | 'merge', target: string, outcome: SwitchOutcome | MergeOutcome): boolean {
    const dirty = 'dirty' in outcome ? outcome.dirty : null;
    const waiting =
      ('switched' in outcome && !outcome.switched) || ('result' in outcome && outcome.result === 'needs-decision');
    if (waiting && dirty) {
      this.store.getState().set({ decision: { action, target, dirty } });
      return false;
    }
    this.store.getState().set({ decision: null });
    return true;
  }

  async switchTo(name: string, carry = false): Promise<void> {
    if (!(await this.studio.save())) return;
    const outcome = await this.act(() => this.api('git:switch', { name, carry }));
    if (outcome && this.settle('switch', name, outcome)) await this.afterFilesChanged();
  }

  async createExperiment(name: string, from: string | null): Promise<boolean> {
    if (!(await this.studio.save())) return false;
    // From the current commit nothing is rewritten: uncommitted work simply comes along, as
    // with `git switch -c`. From another commit the usual decision applies.
    const outcome = await this.act(() =>
      this.api('git:create-branch', { name, switch: true, carry: from === null, ...(from ? { from } : {}) }),
    );
    if (!outcome) return false;
    if (this.settle('switch', name, outcome)) await this.afterFilesChanged();
    else await this.refresh();
    return true;
  }

  async merge(branch: string, carry = false): Promise<MergeOutcome | undefined> {
    if (!(await this.studio.save())) return undefined;
    const outcome = await this.act(() => this.api('git:merge', { branch, carry }));
    if (!outcome || !this.settle('merge', branch, outcome)) return outcome;
    const messages: Record<string, string> = {
      'up-to-date': `${branch} has nothing new to merge`,
      'fast-forward': `fast-forwarded to ${branch}`,
      merged: `merged ${branch}`,
      conflicts: `merging ${branch} stopped at conflicts: resolve them in the Git view`,
    };
    this.workspace.getState().notify('info', messages[outcome.result] ?? '');
    await this.afterFilesChanged();
    if (outcome.result === 'merged' || outcome.result === 'fast-forward')
      for (const listener of this.branchDone) listener(branch, 'merged');
    return outcome;
  }

  /** Carries out the pending switch or merge the user decided to carry uncommitted work over. */
  async carryOver(): Promise<void> {
    const decision = this.store.getState().decision;
    if (!decision) return;
    if (decision.action === 'switch') await this.switchTo(decision.target, true);
    else await this.merge(decision.target, true);
  }

  /** Commits every change, then carries out the pending switch or merge. */
  async commitAndContinue(message: string): Promise<void> {
    const decision = this.store.getState().decision;
    if (!decision || !(await this.commit(message, true))) return;
    if (decision.action === 'switch') await this.switchTo(decision.target);
    else await this.merge(decision.target);
  }

  cancelDecision(): void {
    this.store.getState().set({ decision: null });
  }

  async renameBranch(from: string, to: string): Promise<void> {
    await this.act(() => this.api('git:rename-branch', { from, to }));
    await this.refresh();
  }

  async deleteBranch(name: string): Promise<void> {
    const done = await this.act(() => this.api('git:delete-branch', { name, force: false }));
    if (
      done === undefined &&
      (await this.workspace.getState().ask({
        title: 'Delete an unmerged experiment',
        message: `"${name}" has commits that are not merged. Delete it anyway? Its commits will be lost.`,
        confirm: 'Delete it anyway',
        danger: true,
      }))
    ) {
      await this.act(() => this.api('git:delete-branch', { name, force: true }));
    }
    await this.refresh();
    if (!this.store.getState().branches.some((branch) => branch.name === name))
      for (const listener of this.branchDone) listener(name, 'deleted');
  }

  async createTag(name: string, target: string, message: string | null): Promise<void> {
    await this.act(() => this.api('git:create-tag', { name, target, ...(message ? { message } : {}) }));
    await this.refresh();
  }

  async deleteTag(name: string): Promise<void> {
    await this.act(() => this.api('git:delete-tag', { name }));
    await this.refresh();
  }

  choose(path: string, id: string, choice: ConflictChoice): void {
    this.store.getState().choose(path, id, choice);
  }

  async resolvePipeline(path: string): Promise<void> {
    const choices = this.store.getState().choices[path] ?? {};
    if ((await this.act(() => this.api('git:resolve', { path, choices }))) !== undefined)
      this.store.getState().clearChoices(path);
    await this.afterFilesChanged();
  }

  async resolveFile(path: string, pick: 'ours' | 'theirs' | 'working'): Promise<void> {
    await this.act(() => this.api('git:resolve', { path, pick }));
    await this.afterFilesChanged();
  }

  async completeMerge(message: string | null): Promise<void> {
    await this.act(() => this.api('git:complete-merge', message ? { message } : {}));
    await this.afterFilesChanged();
  }

  /** Aborts the merge; when files were edited during it, asks first (the abort dialog) unless `force`. */
  async abortMerge(force = false): Promise<void> {
    const outcome = await this.act(() => this.api('git:abort-merge', force ? { force } : {}));
    if (outcome && !outcome.aborted) {
      this.store.getState().set({ abortDecision: { edited: outcome.edited } });
      return;
    }
    this.store.getState().set({ abortDecision: null, ...(outcome ? { choices: {} } : {}) });
    await this.afterFilesChanged();
  }

  cancelAbort(): void {
    this.store.getState().set({ abortDecision: null });
  }

  /** Shows a pipeline as it was at `ref`, read-only. */
  async view(ref: string, name: string): Promise<void> {
    if (!(await this.studio.save())) return;
    const document = await this.act(() => this.api('git:show-pipeline', { ref, name }));
    if (document) this.editor.getState().view(document, ref);
  }

  /** Diff mode: the open pipeline against its version at `ref` (a missing pipeline there counts as new). */
  async compareWith(ref: string): Promise<void> {
    const doc = this.editor.getState().doc;
    if (!doc) return;
    const document = await this.act(() =>
      this.api('git:show-pipeline', { ref, name: doc.name }).catch(async (error: unknown) => {
        const commit = (await this.api('git:log', { ref, limit: 1 }))[0]?.oid;
        if (!commit) throw error;
        return { commit, data: null, layout: { version: 1 as const, positions: {} } };
      }),
    );
    if (document)
      this.editor.getState().setCompare({
        ref,
        commit: document.commit,
        // cast: as in the editor store's load: data only of a valid pipeline, as written in the file
        base: document.data as PipelineDraft | null,
        positions: document.layout.positions,
      });
  }

  async restore(path: string, ref: string): Promise<void> {
    if (!(await this.studio.save())) return;
    const done = await this.act(() => this.api('git:restore', { path, ref }));
    if (
      done === undefined &&
      (await this.workspace.getState().ask({
        title: 'Replace uncommitted changes',
        message: `${path} has uncommitted changes. Replace them with the version at ${ref}?`,
        confirm: 'Replace them',
        danger: true,
      }))
    ) {
      await this.act(() => this.api('git:restore', { path, ref, force: true }));
    }
    await this.afterFilesChanged();
  }
}
