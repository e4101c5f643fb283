// Turning a run request (pipeline, environment, params, selection, options) into a plan the
// engine can execute, or into an error naming exactly what is wrong with the request.
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildPipelineGraph, topologicalOrder } from '../../../shared/dag/pipeline-graph.js';
import type { PipelineGraph } from '../../../shared/dag/pipeline-graph.js';
import { UnknownStepError, isEmptySelection, selectSteps } from '../../../shared/dag/select-steps.js';
import type { StepSelection } from '../../../shared/dag/select-steps.js';
import { BuildArgError, withBuildArgs } from '../../../shared/pipeline/build-args.js';
import { parseParamText, resolveParams } from '../../../shared/pipeline/params.js';
import type { OverrideSource, ResolvedParams } from '../../../shared/pipeline/params.js';
import { plannedStep } from '../../../shared/pipeline/notebook-step.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { hasErrors } from '../../../shared/pipeline/problem.js';
import type { EnvironmentSpec, ParamValue, PipelineSpec } from '../../../shared/pipeline/schema.js';
import type { RunOptions, RunSummary, RunTrigger } from '../../../shared/run/run-types.js';
import { didYouMean } from '../../../shared/text/did-you-mean.js';
import type { RunStore } from '../store/run-store.js';
import { validatePipelineCached } from '../workspace/validation-cache.js';
import type { PipelineEntry, Workspace } from '../workspace/workspace.js';
import { RunRequestError, findRun } from './find-run.js';

export { RunRequestError, findRun } from './find-run.js';

export interface RunRequest {
  /** A pipeline name or file path; optional when resuming. */
  pipeline?: string;
  cwd?: string;
  environment?: string;
  /** Overrides as typed by a user ("0.5"), read according to each param's type. */
  params?: Readonly<Record<string, string>>;
  selection?: StepSelection;
  noCache?: boolean;
  failFast?: boolean;
  maxParallel?: number;
  /** A run id (or a unique prefix of one) to complete. */
  resume?: string;
  /** Run this branch, tag or commit in an isolated checkout instead of the working tree. */
  ref?: string;
  /** Build arguments overriding the `args` of every environment built from a Dockerfile. */
  buildArgs?: Readonly<Record<string, string>>;
  /** Who starts the run; a person by default. */
  trigger?: RunTrigger;
  /** What `params` are, as their provenance records it: a person's overrides by default. */
  paramSource?: OverrideSource;
  /** A run id (or prefix, or "last"): run the one --only step on the inputs it had in that run. */
  inputsFrom?: string;
}

/** The committed revision a run of --ref runs, checked out apart from the working tree. */
export interface RunRevision {
  ref: string;
  commit: string;
  branch: string | null;
}

/**
 * Where a plan's files come from: the workspace itself, a revision checked out inside its
 * state, or a replay's scratch copy (no revision: the working tree's code on a past run's inputs).
 */
export interface PlanSource {
  workspace: Workspace;
  revision: RunRevision | null;
  /** Frees the checkout folder for other runs of the ref. */
  release(): void;
}

export interface RunPlan {
  /** The workspace whose state keeps the run: its record, logs and params file. */
  workspace: Workspace;
  /** Where steps run and files are read: the workspace, or the checkout of `revision`. */
  root: string;
  revision: RunRevision | null;
  /** Frees what the plan holds (a revision's checkout folder): the engine calls it when the run ends. */
  release(): void;
  trigger: RunTrigger;
  entry: PipelineEntry;
  pipeline: PipelineSpec;
  graph: PipelineGraph;
  /** Selected steps in run order. */
  steps: string[];
  environment: string | null;
  environments: Readonly<Record<string, EnvironmentSpec>>;
  params: ResolvedParams;
  selection: StepSelection;
  options: RunOptions;
  /** Validation warnings, reported but not blocking. */
  warnings: Problem[];
  resumeOf: RunSummary | null;
  /** A replay: whose inputs the step runs on, and the scratch workspace that holds them and its outputs. */
  replay?: { inputsFrom: string; step: string; folder: string };
}

export function planRun(
  workspace: Workspace,
  store: RunStore,
  request: RunRequest,
  from: PlanSource | null = null,
): RunPlan {
  const files = from?.workspace ?? workspace;
  const settingsProblems = files.settings.problems;
  if (hasErrors(settingsProblems) || !files.settings.spec) {
    throw new RunRequestError(
      `pipewright.yaml${from?.revision ? ` at ${from.revision.ref}` : ''} is not valid`,
      settingsProblems,
    );
  }
  const settings = files.settings.spec;
  const resumeOf = request.resume !== undefined ? findRun(store, request.resume) : null;
  if (resumeOf && request.params && Object.keys(request.params).length > 0) {
    throw new RunRequestError(
      '--param cannot be combined with --resume: a resumed run keeps the params it started with',
    );
  }

  // A path typed in the working tree names the same file in the checkout of a revision.
  const cwd = from ? join(files.root, relative(workspace.root, resolve(request.cwd ?? process.cwd()))) : request.cwd;
  const entry = resumeOf
    ? { name: resumeOf.pipeline, file: resumeOf.pipelineFile }
    : files.resolvePipeline(requirePipeline(request), cwd);
  if (resumeOf && request.pipeline !== undefined) {
    const asked = files.resolvePipeline(request.pipeline, cwd);
    if (asked.file !== entry.file)
      throw new RunRequestError(`run ${resumeOf.id} is a run of ${entry.name}, not of ${asked.name}`);
  }
  const validated = validatePipelineCached(files, store, entry);
  if (!validated.spec || hasErrors(validated.problems)) {
    throw new RunRequestError(
      `${entry.file}${from?.revision ? ` at ${from.revision.ref}` : ''} is not valid`,
      validated.problems,
    );
  }
  // Notebook steps as the engine runs them: the notebook an input, the executed notebook an output.
  const pipeline = {
    ...validated.spec,
    steps: Object.fromEntries(Object.entries(validated.spec.steps).map(([id, step]) => [id, plannedStep(id, step)])),
  };

  let environments: Record<string, EnvironmentSpec>;
  try {
    environments = withBuildArgs(settings.environments ?? {}, request.buildArgs ?? {});
  } catch (error) {
    if (error instanceof BuildArgError) throw new RunRequestError(error.message);
    throw error;
  }
  const environment = resumeOf ? resumeOf.environment : (request.environment ?? settings.default_environment ?? null);
  if (environment !== null && !environments[environment]) {
    const names = Object.keys(environments);
    const hint = didYouMean(environment, names);
    throw new RunRequestError(
      `environment "${environment}" is not defined in pipewright.yaml${hint ? ` (${hint})` : ''}${names.length ? `; defined: ${names.join(', ')}` : ''}`,
    );
  }

  const params = resumeOf
    ? resumeOf.params
    : resolveRequestParams(
        pipeline,
        environment ? environments[environment]?.params : undefined,
        request.params ?? {},
        request.paramSource ?? 'run',
      );
  const graph = buildPipelineGraph(pipeline);
  const selection = resumeOf ? resumeOf.selection : (request.selection ?? {});
  let selected: Set<string>;
  try {
    selected = selectSteps(graph, selection);
  } catch (error) {
    if (error instanceof UnknownStepError) {
      throw new RunRequestError(`${error.message}${formatHint(didYouMean(error.stepId, graph.steps))}`);
    }
    throw error;
  }
  const maxParallel =
    request.maxParallel ?? resumeOf?.options.maxParallel ?? settings.max_parallel ?? availableParallelism();
  if (!Number.isInteger(maxParallel) || maxParallel < 1)
    throw new RunRequestError('--max-parallel must be a whole number of at least 1');

  return {
    workspace,
    root: files.root,
    revision: from?.revision ?? null,
    release: from?.release ?? (() => undefined),
    trigger: resumeOf?.trigger ?? request.trigger ?? { kind: 'manual', name: null },
    entry,
    pipeline,
    graph,
    steps: topologicalOrder(graph).filter((id) => selected.has(id)),
    environment,
    environments,
    params,
    selection: isEmptySelection(selection) ? {} : selection,
    options: {
      maxParallel,
      failFast: request.failFast ?? resumeOf?.options.failFast ?? false,
      noCache: request.noCache ?? false,
    },
    warnings: validated.problems,
    resumeOf,
  };
}

function requirePipeline(request: RunRequest): string {
  if (request.pipeline === undefined || request.pipeline === '')
    throw new RunRequestError('name the pipeline to run (a name or a file path)');
  return request.pipeline;
}

function formatHint(hint: string | undefined): string {
  return hint ? ` (${hint})` : '';
}

function resolveRequestParams(
  pipeline: PipelineSpec,
  environmentParams: Readonly<Record<string, ParamValue>> | undefined,
  overrides: Readonly<Record<string, string>>,
  source: OverrideSource,
): ResolvedParams {
  const specs = pipeline.params ?? {};
  const typed: Record<string, ParamValue> = {};
  const errors: string[] = [];
  const flag = source === 'run' ? '--param' : `${source} param`;
  for (const [name, text] of Object.entries(overrides)) {
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs);
      errors.push(
        `${flag} ${name}: ${pipeline.name} has no param "${name}"${formatHint(didYouMean(name, known))}${known.length ? `; params: ${known.join(', ')}` : ''}`,
      );
      continue;
    }
    const parsed = parseParamText(spec, text);
    if ('error' in parsed) errors.push(`${flag} ${name}=${text}: ${parsed.error}`);
    else typed[name] = parsed.value;
  }
  const resolution = resolveParams(specs, environmentParams ?? {}, typed, source);
  errors.push(...resolution.missing);
  if (errors.length > 0) throw new RunRequestError(errors.join('\n'));
  return resolution.params;
}
