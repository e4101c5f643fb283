// What the studio does, as opposed to what it shows: opening and saving pipelines, reacting to
// changes on disk, starting and following runs, opening past runs and their logs.
// Over 300 lines because opening, saving and running the open pipeline share its guards (unsaved
// work, disk changes); the other controllers follow it through its document events.
import { LayoutSchema, serializeLayout } from '../../../shared/pipeline/layout.js';
import { HISTORY_PAGE, historyCursor, withNewestPage, withOlderPage } from '../stores/history-pages.js';
import { LANGUAGE_NAMES, scriptOfCommand } from '../../../shared/pipeline/starter-script.js';
import type { EditorStore } from '../stores/editor-store.js';
import type { RunViewStore } from '../stores/run-store.js';
import type { WorkspaceStore } from '../stores/workspace-store.js';
import { StudioError } from '../transport/studio-api.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';
import { DocumentEvents } from './document-events.js';
import type { StudioCommand } from './studio-actions.js';
import type { DocumentChange } from './document-events.js';

const LAST_PIPELINE_KEY = 'pipewright.lastPipeline';

export interface RunOptions {
  environment?: string;
  params: Record<string, string>;
  selection: { only?: string[]; from?: string[]; to?: string[] };
  noCache: boolean;
}

export class StudioController {
  /** Handlers for menu commands that belong to a view (canvas shortcuts, dialogs). */
  readonly commandHandlers = new Map<StudioCommand, () => void>();
  /** What happens to the open pipeline, for the controllers that follow it. */
  readonly documents = new DocumentEvents();
  private loadingOlderRuns = false;

  constructor(
    private readonly transport: Transport,
    private readonly api: StudioApi,
    private readonly workspace: WorkspaceStore,
    private readonly editor: EditorStore,
    private readonly runs: RunViewStore,
  ) {}

  async start(): Promise<void> {
    this.transport.on('run:event', (event) => {
      this.runs.getState().handle(event, this.editor.getState().doc?.name ?? null);
      if (event.type === 'run-finished') void this.refreshHistory();
    });
    this.transport.on('pipeline:disk-change', ({ name, hash }) => {
      const { doc } = this.editor.getState();
      if (doc?.name === name && hash !== doc.hash) this.editor.getState().setDiskChange({ hash });
    });
    this.transport.on('workspace:change', ({ pipelines }) => this.workspace.getState().setPipelines(pipelines));
    this.transport.on('workspace:settings', () => void this.refreshPipelines());
    this.transport.on('menu:command', ({ command }) => this.command(command));
    this.transport.onDisconnect(() => this.workspace.getState().setDisconnected());

    const info = await this.api('workspace:info', {});
    this.workspace.getState().setInfo(info);
    const { templates, problems } = await this.api('templates:list', {});
    this.workspace.getState().setTemplates(templates, problems);
    const remembered = globalThis.localStorage?.getItem(LAST_PIPELINE_KEY);
    const first = info.pipelines.find((entry) => entry.name === remembered) ?? info.pipelines[0];
    if (first) await this.openPipeline(first.name);
  }

  command(command: StudioCommand): void {
    const handler = this.commandHandlers.get(command);
    if (handler) handler();
    else if (command === 'save') void this.save();
    else if (command === 'undo') this.editor.getState().undo();
    else if (command === 'redo') this.editor.getState().redo();
    else if (command === 'toggle-theme') this.workspace.getState().toggleTheme();
    else if (command === 'cancel-run') void this.cancelRun();
    else if (command === 'open-log') {
      const [selected] = this.editor.getState().selection;
      if (selected !== undefined) this.openStepLog(selected);
    }
  }

  /** Runs an action, showing its failure as a notice instead of losing it. */
  async attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      this.workspace.getState().notify('error', error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  async openPipeline(name: string): Promise<void> {
    const { dirty, doc } = this.editor.getState();
    if (
      dirty &&
      doc &&
      doc.name !== name &&
      !(await this.workspace.getState().ask({
        title: 'Unsaved changes',
        message: `${doc.name} has changes that are not saved. Open ${name} and discard them?`,
        confirm: 'Discard changes',
        danger: true,
      }))
    )
      return;
    await this.attempt(async () => {
      const document = await this.api('pipeline:load', { name });
      this.changeDocument('opened', () => this.editor.getState().load(document));
      this.runs.getState().clear();
      globalThis.localStorage?.setItem(LAST_PIPELINE_KEY, name);
      await this.refreshHistory();
    });
  }

  async reloadFromDisk(): Promise<void> {
    const name = this.editor.getState().doc?.name;
    if (!name) return;
    const document = await this.attempt(() => this.api('pipeline:load', { name }));
    if (document) this.changeDocument('reloaded', () => this.editor.getState().load(document));
  }

  /** Closes the open pipeline (it was deleted, or a git operation removed its file). */
  closePipeline(): void {
    if (this.editor.getState().doc) this.changeDocument('closed', () => this.editor.getState().close());
  }

  private changeDocument(kind: DocumentChange['kind'], change: () => void): void {
    const previous = this.editor.getState().doc?.name ?? null;
    change();
    this.documents.tell({ kind, name: this.editor.getState().doc?.name ?? null, previous });
  }

  async save(force = false): Promise<boolean> {
    const { doc, draft, dirty, layout, positions } = this.editor.getState();
    if (!doc || !draft || (!dirty && !force)) return true;
    try {
      const saved = await this.api('pipeline:save', {
        name: doc.name,
        data: draft,
        // Saved as the file will hold it: positions rounded, keys sorted.
        layout: LayoutSchema.parse(JSON.parse(serializeLayout(layout()))),
        baseHash: doc.hash,
        force,
      });
      this.changeDocument('saved', () => this.editor.getState().saved(saved.text, saved.hash, { draft, positions }));
      void this.keepOutputsOutOfGit(doc.name);
      return true;
    } catch (error) {
      if (error instanceof StudioError && error.info.code === 'conflict') {
        this.editor.getState().setDiskChange({ hash: null });
      } else {
        this.workspace.getState().notify('error', error instanceof Error ? error.message : String(error));
      }
      return false;
    }
  }

  async createPipeline(name: string): Promise<void> {
    const created = await this.attempt(() => this.api('pipeline:create', { name }));
    if (!created) return;
    await this.refreshPipelines();
    await this.openPipeline(created.name);
  }

  async renamePipeline(from: string, to: string): Promise<void> {
    const { doc, dirty } = this.editor.getState();
    if (doc?.name === from && dirty && !(await this.save())) return;
    const renamed = await this.attempt(() => this.api('pipeline:rename', { from, to }));
    if (!renamed) return;
    await this.refreshPipelines();
    if (doc?.name === from) await this.openPipeline(renamed.name);
  }

  async deletePipeline(name: string): Promise<void> {
    const done = await this.attempt(() => this.api('pipeline:delete', { name }));
    if (done === undefined) return;
    if (this.editor.getState().doc?.name === name) this.closePipeline();
    await this.refreshPipelines();
  }

  async refreshPipelines(): Promise<void> {
    const info = await this.attempt(() => this.api('workspace:info', {}));
    if (info) this.workspace.getState().setInfo(info);
  }

  async startRun(options: RunOptions): Promise<void> {
    const { doc } = this.editor.getState();
    if (!doc) return;
    if (!(await this.save())) return;
    const started = await this.attempt(() =>
      this.api('run:start', {
        pipeline: doc.name,
        params: options.params,
        selection: options.selection,
        noCache: options.noCache,
        ...(options.environment ? { environment: options.environment } : {}),
      }),
    );
    if (started) this.runs.getState().expect(started.runId);
  }

  /** "Re-run with these inputs": the step of a past run again, on the inputs it had then, in a scratch folder. */
  async replayStep(runId: string, step: string): Promise<void> {
    const started = await this.attempt(() => this.api('run:replay', { runId, stepId: step }));
    if (!started) return;
    this.runs.getState().setReplay({ runId: started.runId, step, inputsFrom: runId, folder: started.folder });
    this.runs.getState().expect(started.runId);
  }

  async cancelRun(): Promise<void> {
    const { run, live } = this.runs.getState();
    if (run && live) await this.attempt(() => this.api('run:cancel', { runId: run.id }));
  }

  async refreshHistory(): Promise<void> {
    const name = this.editor.getState().doc?.name;
    if (!name) return;
    const page = await this.attempt(() => this.api('run:list', { pipeline: name, limit: HISTORY_PAGE }));
    if (!page || this.editor.getState().doc?.name !== name) return;
    const { history, historyComplete } = this.runs.getState();
    this.runs.getState().setHistory(withNewestPage({ runs: history, complete: historyComplete }, page, HISTORY_PAGE));
  }

  /** The next older page of the run history, as the list scrolls towards its end. */
  async loadOlderRuns(): Promise<void> {
    const name = this.editor.getState().doc?.name;
    const { history, historyComplete } = this.runs.getState();
    const before = historyCursor({ runs: history, complete: historyComplete });
    if (!name || historyComplete || !before || this.loadingOlderRuns) return;
    this.loadingOlderRuns = true;
    try {
      const page = await this.attempt(() => this.api('run:list', { pipeline: name, limit: HISTORY_PAGE, before }));
      const now = this.runs.getState();
      // Only onto the list it was asked for: a refresh or another pipeline may have replaced it.
      if (page && this.editor.getState().doc?.name === name && now.history.at(-1)?.id === before.id) {
        now.setHistory(withOlderPage({ runs: now.history, complete: now.historyComplete }, page, HISTORY_PAGE));
      }
    } finally {
      this.loadingOlderRuns = false;
    }
  }

  async openRun(runId: string): Promise<void> {
    const run = await this.attempt(() => this.api('run:get', { runId }));
    if (run) this.runs.getState().show(run);
  }

  /** Opens the log drawer on a step of the run shown (one click on its node, or Shift+L). */
  openStepLog(stepId: string): void {
    const step = this.runs.getState().run?.steps.find((candidate) => candidate.id === stepId);
    if (!step || (step.attempts === 0 && step.status !== 'running')) return;
    this.runs.getState().openLog(stepId);
    void this.loadLog(stepId);
  }

  /** Loads a step's (or one of its tests') log of the run shown, unless it is streaming live. */
  async loadLog(stepId: string, test?: number): Promise<void> {
    const { run, live } = this.runs.getState();
    if (!run || (live && test === undefined)) return;
    const log = await this.attempt(() =>
      this.api('run:log', { runId: run.id, stepId, ...(test !== undefined ? { test } : {}) }),
    );
    if (log) this.runs.getState().setLog(test === undefined ? stepId : `${stepId}#test-${test}`, log.text);
  }

  /** After a save: the pipeline's outputs go to .gitignore, as the workspace decided (asked the first time). */
  private async keepOutputsOutOfGit(name: string): Promise<void> {
    const first = await this.attempt(() => this.api('pipeline:ignore-outputs', { name }));
    if (first?.decision !== 'ask') return this.tellIgnored(first?.added);
    const shown =
      first.missing.slice(0, 6).join(', ') + (first.missing.length > 6 ? `, and ${first.missing.length - 6} more` : '');
    const answer = await this.workspace.getState().ask({
      title: 'Keep step outputs out of git?',
      message: `The steps write ${shown}. Running the pipeline makes them again, so they usually stay out of git. Add them to .gitignore, now and whenever a pipeline is saved? The answer is kept in pipewright.yaml (gitignore_outputs).`,
      confirm: 'Add to .gitignore',
      cancel: 'Keep them in git',
    });
    const answered = await this.attempt(() => this.api('pipeline:ignore-outputs', { name, answer }));
    this.tellIgnored(answered?.added);
  }

  private tellIgnored(added: string[] | undefined): void {
    if (added && added.length > 0) this.workspace.getState().notify('info', `Added to .gitignore: ${added.join(', ')}`);
  }

  /** A dropped step whose command names a script that is not there: offers a starter in its language. */
  async offerStarterScript(command: string | undefined): Promise<void> {
    const script = command === undefined ? null : scriptOfCommand(command);
    if (!script) return;
    const status = await this.attempt(() => this.api('script:create', { path: script.path, create: false }));
    if (!status || status.exists) return;
    const yes = await this.workspace.getState().ask({
      title: "Create the step's script?",
      message: `The step runs ${script.path}, which does not exist yet. Create a starter ${LANGUAGE_NAMES[script.language]} script there?`,
      confirm: 'Create script',
      cancel: 'Not now',
    });
    if (!yes) return;
    const created = await this.attempt(() => this.api('script:create', { path: script.path, create: true }));
    if (created?.created) this.workspace.getState().notify('info', `Created ${created.path}`);
  }

  /** The starter notebook of a notebook step just dropped, unless a file is there already. */
  async createStarterNotebook(path: string): Promise<void> {
    await this.attempt(() => this.api('notebook:create', { path }));
  }
}
