// The one contract between the studio's renderer and the node layer. Every channel is declared
// here once with the type of its answer, and in request-schemas.ts with the schema its request
// must match; the same contract runs over Electron IPC (desktop) and a WebSocket (web host).
// This file has no runtime dependencies, so the preload can carry it.
// Over 300 lines on purpose: the one contract is read in one place.
import type { z } from 'zod';
import type {
  AbortOutcome,
  BranchInfo,
  CommitFileChange,
  CommitInfo,
  GitOverview,
  MergeOutcome,
  PipelineFileDiff,
  SwitchOutcome,
  TagInfo,
} from '../git/repository-types.js';
import type {
  ExperimentOverview,
  PromotionEvent,
  PromotionOutcome,
  ReleaseInfo,
  RunComparison,
  ScheduleOverview,
} from '../journeys/journey-types.js';
import type { ExportPreview } from '../export/export-types.js';
import type { Alert, ControlChart } from '../monitoring/monitoring-types.js';
import type { MonitorOverview } from '../journeys/journey-types.js';
import type { PipelineLayout } from '../pipeline/layout.js';
import type { Problem } from '../pipeline/problem.js';
import type { ParamValue } from '../pipeline/schema.js';
import type { StepTemplate } from '../pipeline/step-templates.js';
import type { PreviewAnswer } from '../preview/preview-types.js';
import type { LineageTrace } from '../run/lineage-types.js';
import type { EnvironmentStatus, ProvisionEvent } from '../run/environment-types.js';
import type { RunEvent, RunListItem, RunSummary } from '../run/run-types.js';
import type { REQUEST_SCHEMAS } from './request-schemas.js';

export const CHANNELS = {
  workspaceInfo: 'workspace:info',
  workspaceOpen: 'workspace:open',
  workspaceRecent: 'workspace:recent',
  pipelineLoad: 'pipeline:load',
  pipelineSave: 'pipeline:save',
  pipelineCreate: 'pipeline:create',
  pipelineRename: 'pipeline:rename',
  pipelineDelete: 'pipeline:delete',
  templatesList: 'templates:list',
  runStart: 'run:start',
  runCancel: 'run:cancel',
  runList: 'run:list',
  runGet: 'run:get',
  runLog: 'run:log',
  envStatus: 'env:status',
  envUp: 'env:up',
  envDown: 'env:down',
  envCancel: 'env:cancel',
  envLogs: 'env:logs',
  gitStatus: 'git:status',
  gitInit: 'git:init',
  gitStage: 'git:stage',
  gitUnstage: 'git:unstage',
  gitCommit: 'git:commit',
  gitLog: 'git:log',
  gitCommitFiles: 'git:commit-files',
  gitShowPipeline: 'git:show-pipeline',
  gitRestore: 'git:restore',
  gitBranches: 'git:branches',
  gitCreateBranch: 'git:create-branch',
  gitSwitch: 'git:switch',
  gitRenameBranch: 'git:rename-branch',
  gitDeleteBranch: 'git:delete-branch',
  gitCreateTag: 'git:create-tag',
  gitDeleteTag: 'git:delete-tag',
  gitMerge: 'git:merge',
  gitResolve: 'git:resolve',
  gitCompleteMerge: 'git:complete-merge',
  gitAbortMerge: 'git:abort-merge',
  gitDiff: 'git:diff',
  monitorOverview: 'monitor:overview',
  monitorChart: 'monitor:chart',
  monitorResetBaseline: 'monitor:reset-baseline',
  alertsList: 'alerts:list',
  alertsAcknowledge: 'alerts:acknowledge',
  schedulesList: 'schedules:list',
  schedulesPause: 'schedules:pause',
  experimentsList: 'experiments:list',
  promotionPromote: 'promotion:promote',
  releasesList: 'releases:list',
  runCompare: 'run:compare',
  envUpForBranch: 'env:up-for-branch',
  envDownForBranch: 'env:down-for-branch',
  exportPreview: 'export:preview',
  exportSave: 'export:save',
  previewFile: 'preview:file',
  notebookExecuted: 'notebook:executed',
  notebookCreate: 'notebook:create',
  runReplay: 'run:replay',
  lineageTrace: 'lineage:trace',
  pipelineIgnoreOutputs: 'pipeline:ignore-outputs',
  scriptCreate: 'script:create',
  draftSave: 'draft:save',
  draftLoad: 'draft:load',
  draftDiscard: 'draft:discard',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export interface EnvironmentInfo {
  name: string;
  description: string | null;
  runner: string;
  /** The environment's param overrides, so the run dialog shows where each value comes from. */
  params: Record<string, ParamValue>;
}

/** The promotion settings the studio needs to place experiments and production. */
export interface PromotionInfo {
  /** The branch the value pipeline runs. */
  production: string;
  /** Where a candidate is judged (the one before the last of the path), null without one. */
  gateEnvironment: string | null;
}

export interface ExecutedNotebook {
  runId: string;
  stepId: string;
  attempt: number;
  /** Where the run keeps it, relative to the workspace. */
  path: string;
  /** The notebook file's text (nbformat JSON). */
  text: string;
}

export interface PipelineListEntry {
  name: string;
  file: string;
}

export interface WorkspaceInfo {
  root: string;
  name: string;
  pipelines: PipelineListEntry[];
  environments: EnvironmentInfo[];
  defaultEnvironment: string | null;
  /** The text of pipewright.yaml, so the renderer validates pipelines exactly as the CLI does. */
  settingsText: string;
  settingsProblems: Problem[];
  /** Whether the host can switch workspaces (the desktop app can; a web host serves one). */
  canOpenWorkspaces: boolean;
  promotion: PromotionInfo;
}

export interface PipelineDocument {
  name: string;
  file: string;
  text: string;
  /** Hash of `text`: what a save must match on disk. */
  hash: string;
  /** The parsed data, or null when the file is not valid YAML (then only `problems` help). */
  data: Record<string, unknown> | null;
  layout: PipelineLayout;
  problems: Problem[];
}

/** Unsaved edits of a pipeline, kept by the studio so a crash or a closed window loses nothing. */
export interface UnsavedEdits {
  name: string;
  /** The pipeline's data and positions as the editor held them. */
  data: Record<string, unknown>;
  layout: PipelineLayout;
  /** When the draft was last written (ISO 8601). */
  savedAt: string;
  /** The hash of the file the edits started from, and whether the file on disk is still that one. */
  baseHash: string;
  changedOnDisk: boolean;
}

export interface SavedPipeline {
  hash: string;
  text: string;
  problems: Problem[];
}

export interface DockerState {
  available: boolean;
  /** What to do when the engine is not reachable. */
  message: string | null;
}

export interface EnvironmentsOverview {
  /** Null when no environment uses Docker (nothing needs it). */
  docker: DockerState | null;
  environments: EnvironmentStatus[];
  /** Environments being brought up now. */
  provisioning: string[];
}

/** A pipeline as it was at a commit: shown read-only, or compared with the working copy. */
export interface PipelineAtCommit {
  name: string;
  file: string;
  commit: string;
  text: string;
  data: Record<string, unknown> | null;
  layout: PipelineLayout;
  problems: Problem[];
}

export interface RunLog {
  path: string | null;
  /** A retried step's attempts each under a header line (shared/run/attempt-log.ts) unless one was asked for. */
  text: string;
  attempts: number;
}

export interface ResponseMap {
  'workspace:info': WorkspaceInfo;
  'workspace:open': WorkspaceInfo;
  'workspace:recent': string[];
  'pipeline:load': PipelineDocument;
  'pipeline:save': SavedPipeline;
  'pipeline:create': PipelineListEntry;
  'pipeline:rename': PipelineListEntry;
  'pipeline:delete': null;
  'templates:list': { templates: StepTemplate[]; problems: Problem[] };
  'run:start': { runId: string };
  'run:cancel': null;
  'run:list': RunListItem[];
  'run:get': RunSummary;
  'run:log': RunLog;
  'env:status': EnvironmentsOverview;
  'env:up': null;
  'env:down': { removed: string[] };
  'env:cancel': null;
  'env:logs': { text: string };
  'git:status': GitOverview;
  'git:init': GitOverview;
  'git:stage': null;
  'git:unstage': null;
  'git:commit': { commit: string };
  'git:log': CommitInfo[];
  'git:commit-files': CommitFileChange[];
  'git:show-pipeline': PipelineAtCommit;
  'git:restore': null;
  'git:branches': { branches: BranchInfo[]; tags: TagInfo[] };
  'git:create-branch': SwitchOutcome;
  'git:switch': SwitchOutcome;
  'git:rename-branch': null;
  'git:delete-branch': null;
  'git:create-tag': null;
  'git:delete-tag': null;
  'git:merge': MergeOutcome;
  'git:resolve': null;
  'git:complete-merge': { commit: string };
  'git:abort-merge': AbortOutcome;
  'git:diff': PipelineFileDiff[];
  'monitor:overview': MonitorOverview;
  'monitor:chart': ControlChart;
  'monitor:reset-baseline': { series: number };
  'alerts:list': Alert[];
  'alerts:acknowledge': null;
  'schedules:list': ScheduleOverview[];
  'schedules:pause': null;
  'experiments:list': ExperimentOverview[];
  /** Answers when the promotion is over; its progress comes as promotion:progress events. */
  'promotion:promote': PromotionOutcome;
  'releases:list': ReleaseInfo[];
  'run:compare': RunComparison;
  /** The executed notebook a run kept for a step (its last attempt unless one is asked), as saved: the studio reads it read-only. */
  'notebook:executed': ExecutedNotebook;
  /** A starter notebook (a tagged parameters cell) at a path where no file is yet; created false when one was there. */
  'notebook:create': { path: string; created: boolean };
  /** A past run's step started again on the inputs it had in that run; `folder` (workspace-relative) holds them and its outputs. */
  'run:replay': { runId: string; folder: string };
  /**
   * After a save: the pipeline's outputs git does not ignore yet (`missing`), and what the
   * workspace decided (pipewright.yaml gitignore_outputs): ask the user (undecided, and the
   * pipeline is new to git), added to .gitignore (`added`, the lines written), no, or none
   * (not a git repository, or undecided and the pipeline was committed before).
   * An `answer` is remembered in pipewright.yaml before anything else.
   */
  'pipeline:ignore-outputs': { decision: 'ask' | 'yes' | 'no' | 'none'; missing: string[]; added: string[] };
  /** A starter script for a step's command, in its language; `create: false` only says whether it exists. */
  'script:create': { path: string; exists: boolean; created: boolean };
  'draft:save': null;
  /** The pipeline's unsaved edits from an earlier session, null when there are none. */
  'draft:load': UnsavedEdits | null;
  'draft:discard': null;
  /**
   * Starts provisioning the branch's copy of the environment; progress and the outcome arrive
   * as env:progress events under the copy's name, which the answer gives (`test~feature-x`).
   */
  'env:up-for-branch': { environment: string };
  'env:down-for-branch': { removed: string[] };
  'export:preview': ExportPreview;
  /** Not saved when the file exists and `overwrite` was not given: the studio asks first. */
  'export:save': { saved: boolean; file: string };
  /**
   * A look at a workspace file (data, picture, Markdown, folder); with a run and step, also
   * whether the file is still what that run wrote (no preview when it is gone).
   */
  'preview:file': PreviewAnswer;
  /** Where an output file came from: the step and run that wrote it (the given run, else the latest that did), back to the raw inputs. */
  'lineage:trace': LineageTrace;
}

export type RequestOf<C extends Channel> = z.infer<(typeof REQUEST_SCHEMAS)[C]>;
export type ResponseOf<C extends Channel> = ResponseMap[C];

export const EVENTS = {
  run: 'run:event',
  diskChange: 'pipeline:disk-change',
  workspaceChange: 'workspace:change',
  /** pipewright.yaml changed on disk: ask for the workspace info again. */
  workspaceSettings: 'workspace:settings',
  menuCommand: 'menu:command',
  provision: 'env:progress',
  /** The repository may have changed (files, index, branches): ask for its status again. */
  gitChanged: 'git:changed',
  /** A run raised alerts (out-of-control points, failed tests), or alerts were acknowledged. */
  alertsChanged: 'alerts:changed',
  /** A promotion going on: its phases, the gate runs started, and its outcome. */
  promotionProgress: 'promotion:progress',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Commands the desktop menu sends to the renderer; the web host's keyboard shortcuts do the same. */
export type MenuCommand =
  | 'save'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'delete'
  | 'select-all'
  | 'fit-view'
  | 'auto-layout'
  | 'toggle-theme'
  | 'new-pipeline'
  | 'run'
  | 'cancel-run'
  | 'open-log';

export interface EventMap {
  'run:event': RunEvent;
  'pipeline:disk-change': { name: string; file: string; hash: string | null };
  'workspace:change': { pipelines: PipelineListEntry[] };
  'workspace:settings': Record<string, never>;
  'menu:command': { command: MenuCommand };
  'env:progress': ProvisionEvent;
  'git:changed': Record<string, never>;
  'alerts:changed': { raised: Alert[] };
  'promotion:progress': PromotionEvent;
}

const CHANNEL_NAMES: ReadonlySet<string> = new Set(Object.values(CHANNELS));
const EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(EVENTS));

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_NAMES.has(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && EVENT_NAMES.has(value);
}
