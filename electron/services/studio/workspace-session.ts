// One open workspace in the studio: its files, run state, engine and disk watcher, with the
// engine's and the watcher's events forwarded to the studio's listeners.
import { dockerEnvironmentRunners } from '../docker/docker-runner-factory.js';
import { PipelineEngine } from '../engine/pipeline-engine.js';
import type { RunHandle } from '../engine/pipeline-engine.js';
import type { StepRunner } from '../runner/step-runner.js';
import { recoverPromotion } from '../promotion/promotion-recovery.js';
import { ScheduleService } from '../schedule/schedule-service.js';
import { Scheduler } from '../schedule/scheduler.js';
import type { RunStore } from '../store/run-store.js';
import { openWorkspaceState } from '../state/workspace-state.js';
import { Workspace } from '../workspace/workspace.js';
import { DiskWatcher } from './disk-watcher.js';
import { LazyPreviews } from './lazy-previews.js';
import { PipelineDocuments } from './pipeline-documents.js';
import type { StudioEvents } from './studio-events.js';
import { StudioEnvironments } from './studio-environments.js';
import { StudioGit } from './studio-git.js';
import { StudioMonitoring } from './studio-monitoring.js';
import { StudioPromotion } from './studio-promotion.js';
import { refreshEditorSchemas } from '../workspace/editor-settings.js';

export class WorkspaceSession {
  readonly documents: PipelineDocuments;
  readonly engine: PipelineEngine;
  readonly environments: StudioEnvironments;
  readonly git: StudioGit;
  readonly monitoring: StudioMonitoring;
  /** Starts the schedules of pipewright.yaml while the workspace is open. */
  readonly scheduler: Scheduler;
  readonly schedules: ScheduleService;
  /** Experiments, promotions and releases (the gate between the journeys). */
  readonly promotion: StudioPromotion;
  /** Looks at data files, pictures and Markdown of the workspace. */
  readonly previews = new LazyPreviews();
  private readonly runs = new Map<string, RunHandle>();
  private readonly watcher: DiskWatcher;
  private readonly unsubscribe: () => void;

  private constructor(
    readonly workspace: Workspace,
    readonly store: RunStore,
    events: StudioEvents,
    runner?: StepRunner,
  ) {
    this.documents = new PipelineDocuments(workspace);
    this.engine = new PipelineEngine({
      workspace,
      store,
      docker: dockerEnvironmentRunners,
      ...(runner ? { runner } : {}),
    });
    this.environments = new StudioEnvironments(workspace, events);
    this.git = new StudioGit(workspace, store, events);
    this.monitoring = new StudioMonitoring(workspace, store, events);
    this.schedules = new ScheduleService(workspace, store);
    this.scheduler = new Scheduler({ workspace, store, engine: this.engine });
    this.promotion = new StudioPromotion({
      workspace,
      store,
      engine: this.engine,
      events,
      environments: this.environments,
    });
    this.unsubscribe = this.engine.onEvent((event) => {
      events.emit('run:event', event);
      this.monitoring.onRunEvent(event);
    });
    this.watcher = new DiskWatcher(workspace.root, this.documents, {
      onFileChanged: (entry, hash) => events.emit('pipeline:disk-change', { name: entry.name, file: entry.file, hash }),
      onListChanged: (pipelines) => events.emit('workspace:change', { pipelines }),
      onSettingsTouched: () => {
        if (!workspace.reloadSettings()) return;
        events.emit('workspace:settings', {});
        this.scheduler.wake();
      },
    });
    this.watcher.start();
    this.scheduler.start();
  }

  static async open(path: string, events: StudioEvents, runner?: StepRunner): Promise<WorkspaceSession> {
    const workspace = Workspace.open(path);
    for (const refused of refreshEditorSchemas(workspace.root))
      process.emitWarning(`editor schemas: ${refused.file} not written: ${refused.reason ?? ''}`);
    const { store } = await openWorkspaceState(workspace);
    try {
      // A promotion killed half-way is finished or rolled back before anything reads the branches.
      await recoverPromotion(workspace, store);
    } catch (error) {
      store.close();
      throw error;
    }
    return new WorkspaceSession(workspace, store, events, runner);
  }

  track(handle: RunHandle): void {
    this.runs.set(handle.runId, handle);
    const forget = () => this.runs.delete(handle.runId);
    // `done` settles with a record whatever happens; should it ever reject, say so, never leave it unhandled.
    void handle.done.then(forget, (error: unknown) => {
      forget();
      process.emitWarning(
        `run ${handle.runId} ended with an error: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  /** True when the run was in progress here and is now stopping. */
  cancel(runId: string): boolean {
    const handle = this.runs.get(runId);
    handle?.cancel();
    return handle !== undefined || this.scheduler.cancel(runId);
  }

  /** Cancels what is running and waits for it, then releases the workspace. */
  async close(): Promise<void> {
    this.watcher.stop();
    this.environments.stop();
    this.git.close();
    this.monitoring.stop();
    const scheduled = this.scheduler.stop({ cancelRuns: true });
    const running = [...this.runs.values()];
    for (const handle of running) handle.cancel();
    await Promise.allSettled([scheduled, this.promotion.stop(), ...running.map((handle) => handle.done)]);
    this.unsubscribe();
    await this.engine.close();
    this.previews.close();
    this.store.close();
  }
}
