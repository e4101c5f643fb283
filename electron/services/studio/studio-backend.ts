// Everything the studio asks of the node layer, as contract handlers over the open workspace.
// The desktop app and the web host both serve exactly these.
import { basename, join } from 'node:path';
import type { WorkspaceInfo } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { layoutFileName, pipelineFileName } from '../../../shared/pipeline/names.js';
import { promotionSettings } from '../../../shared/promotion/promotion-settings.js';
import { compareRuns } from '../../../shared/journeys/compare-runs.js';
import { RunRequestError, findRun } from '../engine/run-plan.js';
import { readFileTail } from '../files/file-tail.js';
import { joinAttemptLogs } from '../../../shared/run/attempt-log.js';
import { ScheduleError } from '../schedule/schedule-service.js';
import type { StepRunner } from '../runner/step-runner.js';
import type { ContractHandlers } from './contract-dispatcher.js';
import { exportHandlers } from './export-handlers.js';
import { gitHandlers } from './git-handlers.js';
import { previewWithRun } from './studio-preview.js';
import { LineageError, traceLineage } from '../lineage/lineage-trace.js';
import { notebookHandlers } from './notebook-handlers.js';
import { workspaceFileHandlers } from './workspace-file-handlers.js';
import { draftHandlers } from './draft-handlers.js';
import { PipelineDrafts } from './pipeline-drafts.js';
import { listStepTemplates } from './step-library.js';
import { StudioEvents } from './studio-events.js';
import { WorkspaceSession } from './workspace-session.js';

/** Where the desktop app remembers recently opened workspaces; the web host has none. */
export interface RecentWorkspaces {
  list(): string[];
  add(path: string): void;
}

export interface StudioBackendOptions {
  /** Whether `workspace:open` may switch to another folder (desktop: yes; web host: no). */
  canOpenWorkspaces: boolean;
  recent?: RecentWorkspaces;
  runner?: StepRunner;
}

const MAX_LOG_BYTES = 32 * 1024 * 1024;

export class StudioBackend {
  readonly events = new StudioEvents();
  private session: WorkspaceSession | null = null;

  constructor(private readonly options: StudioBackendOptions) {}

  async open(path: string): Promise<WorkspaceInfo> {
    const next = await WorkspaceSession.open(path, this.events, this.options.runner);
    const previous = this.session;
    this.session = next;
    await previous?.close();
    this.options.recent?.add(next.workspace.root);
    return this.info();
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = null;
  }

  private current(): WorkspaceSession {
    if (!this.session) throw new ContractError('not-found', 'no workspace is open');
    return this.session;
  }

  info(): WorkspaceInfo {
    const { workspace, documents } = this.current();
    const spec = workspace.settings.spec;
    const promotion = promotionSettings(spec?.promotion, spec?.default_environment);
    return {
      root: workspace.root,
      name: spec?.name ?? basename(workspace.root),
      pipelines: documents.list(),
      environments: Object.entries(spec?.environments ?? {}).map(([name, environment]) => ({
        name,
        description: environment.description ?? null,
        runner: environment.runner ?? 'local',
        params: environment.params ?? {},
      })),
      defaultEnvironment: spec?.default_environment ?? null,
      settingsText: workspace.settingsText,
      settingsProblems: workspace.settings.problems,
      canOpenWorkspaces: this.options.canOpenWorkspaces,
      promotion: { production: promotion.production, gateEnvironment: promotion.gateEnvironment },
    };
  }

  readonly handlers: ContractHandlers = {
    'workspace:info': () => this.info(),
    'workspace:open': async ({ path }) => {
      if (!this.options.canOpenWorkspaces)
        throw new ContractError(
          'not-supported',
          'this studio serves one workspace; start another with pipewright serve DIR',
        );
      return this.open(path);
    },
    'workspace:recent': () => this.options.recent?.list() ?? [],
    'pipeline:load': ({ name }) => this.current().documents.load(name),
    'pipeline:save': ({ name, data, layout, baseHash, force }) => {
      const session = this.current();
      const saved = session.documents.save(name, data, layout, baseHash, force ?? false);
      session.git.saved(pipelineFileName(name));
      session.git.saved(layoutFileName(name));
      // Saved, the edits are no longer at risk: their draft goes.
      new PipelineDrafts(session.workspace.root).discard(name);
      return saved;
    },
    'pipeline:create': ({ name, description }) => this.current().documents.create(name, description),
    'pipeline:rename': ({ from, to }) => {
      const renamed = this.current().documents.rename(from, to);
      new PipelineDrafts(this.current().workspace.root).discard(from);
      return renamed;
    },
    'pipeline:delete': ({ name }) => {
      this.current().documents.delete(name);
      new PipelineDrafts(this.current().workspace.root).discard(name);
      return null;
    },
    'templates:list': () => listStepTemplates(this.current().workspace.root),
    'run:start': async ({ pipeline, environment, params, selection, noCache, failFast }) => {
      const session = this.current();
      const plan = await session.engine.plan({
        pipeline,
        params: params ?? {},
        selection: selection ?? {},
        noCache: noCache ?? false,
        failFast: failFast ?? false,
        ...(environment !== undefined ? { environment } : {}),
      });
      const handle = session.engine.start(plan, (event) => this.events.emit('env:progress', event));
      session.track(handle);
      return { runId: handle.runId };
    },
    'run:replay': async ({ runId, stepId }) => {
      const session = this.current();
      const past = findRun(session.store, runId);
      const plan = await session.engine.plan({
        pipeline: past.pipelineFile,
        cwd: session.workspace.root,
        selection: { only: [stepId] },
        inputsFrom: past.id,
      });
      const handle = session.engine.start(plan, (event) => this.events.emit('env:progress', event));
      session.track(handle);
      return { runId: handle.runId, folder: session.workspace.relative(plan.replay?.folder ?? session.workspace.root) };
    },
    'run:cancel': ({ runId }) => {
      if (!this.current().cancel(runId))
        throw new ContractError('not-found', `run ${runId} is not running in this studio`);
      return null;
    },
    'run:list': ({ pipeline, limit, before }) =>
      this.current().store.listRuns({
        limit: limit ?? 50,
        ...(pipeline ? { pipeline } : {}),
        ...(before ? { before } : {}),
      }),
    'run:get': ({ runId }) => findRun(this.current().store, runId),
    'env:status': () => this.current().environments.overview(),
    'env:up': ({ name }) => this.current().environments.up(name),
    'env:down': ({ name }) => this.current().environments.down(name),
    'env:cancel': ({ name }) => this.current().environments.cancel(name),
    'env:logs': ({ name, service, tail }) => this.current().environments.serviceLogs(name, service, tail),
    ...gitHandlers(() => this.current().git),
    ...exportHandlers(() => this.current().workspace),
    ...notebookHandlers(() => this.current()),
    ...workspaceFileHandlers(() => this.current().workspace),
    ...draftHandlers(() => this.current().workspace),
    'monitor:overview': ({ pipeline, environment }) => this.current().monitoring.overview(pipeline, environment),
    'monitor:chart': ({ pipeline, environment, step, metric }) =>
      this.current().monitoring.chart({ pipeline, environment, step, metric }),
    'monitor:reset-baseline': ({ pipeline, environment, step, metric }) =>
      this.current().monitoring.resetBaseline(pipeline, environment, {
        ...(step ? { step } : {}),
        ...(metric ? { metric } : {}),
      }),
    'alerts:list': (query) => this.current().monitoring.list(query),
    'alerts:acknowledge': ({ ids }) => this.current().monitoring.acknowledge(ids),
    'schedules:list': () => this.current().schedules.list(),
    'schedules:pause': ({ name, paused }) => {
      try {
        this.current().schedules.setPaused(name, paused);
      } catch (error) {
        if (error instanceof ScheduleError) throw new ContractError('not-found', error.message);
        throw error;
      }
      return null;
    },
    'experiments:list': () => this.current().promotion.experiments(),
    'promotion:promote': ({ branch, pipelines, dryRun }) =>
      this.current().promotion.promote(branch, {
        ...(pipelines ? { pipelines } : {}),
        ...(dryRun !== undefined ? { dryRun } : {}),
      }),
    'releases:list': () => this.current().promotion.releases(),
    'run:compare': ({ a, b }) => {
      const { store } = this.current();
      const runA = findRun(store, a);
      const runB = findRun(store, b);
      return compareRuns(
        runA,
        runB,
        store.monitoring.valuesStandingFor(runA),
        store.monitoring.valuesStandingFor(runB),
      );
    },
    'env:up-for-branch': ({ name, branch }) => this.current().environments.upForBranch(name, branch),
    'env:down-for-branch': ({ name, branch }) => this.current().environments.downForBranch(name, branch),
    'lineage:trace': ({ path, runId }) => {
      const { store } = this.current();
      try {
        return traceLineage(store.lineage, path, runId === undefined ? null : findRun(store, runId).id);
      } catch (error) {
        if (error instanceof LineageError || error instanceof RunRequestError)
          throw new ContractError('not-found', error.message);
        throw error;
      }
    },
    'preview:file': ({ path, rows, run, profile }) => {
      const session = this.current();
      return previewWithRun(session, path, rows, run, profile);
    },
    'run:log': ({ runId, stepId, test, attempt }) => {
      const session = this.current();
      const run = findRun(session.store, runId);
      const step = run.steps.find((candidate) => candidate.id === stepId);
      if (!step) throw new ContractError('not-found', `run ${run.id} has no step "${stepId}"`);
      const attemptLog = (number: number) => `.pipewright/runs/${run.id}/logs/${stepId}.${number}.log`;
      if (test === undefined && attempt === undefined && step.attempts > 1) {
        // Every attempt, each under its header: the drawer shows them all or one.
        const logs = Array.from({ length: step.attempts }, (_, index) => ({
          attempt: index + 1,
          text: readLog(join(session.workspace.root, attemptLog(index + 1))),
        }));
        return { path: step.logPath, text: joinAttemptLogs(logs), attempts: step.attempts };
      }
      const path =
        test !== undefined
          ? (step.tests.find((result) => result.index === test - 1)?.logPath ?? null)
          : attempt !== undefined
            ? attemptLog(attempt)
            : step.logPath;
      return {
        path,
        text: path === null ? '' : readLog(join(session.workspace.root, path)),
        attempts: test === undefined ? step.attempts : 1,
      };
    },
  };
}

/** A log's text, or its last 32 MiB for a huge one (read from its end); empty when the step wrote nothing. */
function readLog(path: string): string {
  return readFileTail(path, MAX_LOG_BYTES).text;
}
