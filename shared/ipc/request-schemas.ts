// What each contract request must look like, checked in the node layer before any handler
// sees it.
import { z } from 'zod';
import { MAX_PREVIEW_ROWS } from '../preview/preview-types.js';
import { LayoutSchema } from '../pipeline/layout.js';
import { EXPORT_TARGETS } from '../export/export-types.js';
import { ENVIRONMENT_NAME, PIPELINE_NAME } from '../pipeline/names.js';

const pipelineName = z.string().regex(PIPELINE_NAME, 'a pipeline name uses letters, digits, "_", "-" and "."').max(100);
const runId = z.string().min(1).max(64);
const stepId = z.string().min(1).max(200);
const empty = z.object({}).strict();
const environmentName = z.string().regex(ENVIRONMENT_NAME).max(200);
/** A repository-relative path: no absolute paths, no way out of the repository. */
const repoPath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..'),
    'a path inside the repository',
  );
/** A branch, tag or commit as typed: git itself checks the rest. */
const ref = z.string().min(1).max(400);
/** What to export: the dialog's target and options (the same as `pipewright export`'s flags). */
const exportRequest = z
  .object({
    target: z.enum(EXPORT_TARGETS),
    pipeline: pipelineName,
    /** CI targets: only the pipeline above instead of all of the workspace's. */
    onlyPipeline: z.boolean().optional(),
    environment: environmentName.optional(),
    cron: z.string().min(1).max(200).optional(),
    /** Argo CronWorkflow: from the workspace's schedule that runs the pipeline. */
    schedule: z.boolean().optional(),
    ref: ref.optional(),
    volumeSize: z.string().min(1).max(40).optional(),
    image: z.string().min(1).max(400).optional(),
    cliImage: z.string().min(1).max(400).optional(),
    repository: z.string().min(1).max(2000).optional(),
  })
  .strict();
const conflictChoice = z.union([
  z.object({ pick: z.enum(['ours', 'theirs']) }).strict(),
  z.object({ pick: z.literal('value'), value: z.unknown() }).strict(),
]);

export const REQUEST_SCHEMAS = {
  'workspace:info': empty,
  'workspace:open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'workspace:recent': empty,
  'pipeline:load': z.object({ name: pipelineName }).strict(),
  'pipeline:save': z
    .object({
      name: pipelineName,
      /** The pipeline's data as the editor holds it; written through the comment-keeping writer. */
      data: z.record(z.string(), z.unknown()),
      layout: LayoutSchema,
      /** Hash of the file text the editor loaded; a different file on disk is a conflict. */
      baseHash: z.string().nullable(),
      /** Write even if the file changed on disk (the user chose "keep mine"). */
      force: z.boolean().optional(),
    })
    .strict(),
  'pipeline:create': z.object({ name: pipelineName, description: z.string().max(2000).optional() }).strict(),
  'pipeline:rename': z.object({ from: pipelineName, to: pipelineName }).strict(),
  'pipeline:delete': z.object({ name: pipelineName }).strict(),
  'templates:list': empty,
  'run:start': z
    .object({
      pipeline: pipelineName,
      environment: z.string().max(200).optional(),
      params: z.record(z.string(), z.string().max(10_000)).optional(),
      selection: z
        .object({
          only: z.array(stepId).optional(),
          from: z.array(stepId).optional(),
          to: z.array(stepId).optional(),
        })
        .strict()
        .optional(),
      noCache: z.boolean().optional(),
      failFast: z.boolean().optional(),
    })
    .strict(),
  'run:cancel': z.object({ runId }).strict(),
  'run:list': z
    .object({
      pipeline: pipelineName.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      before: z.object({ createdAt: z.number().int(), id: runId }).strict().optional(),
    })
    .strict(),
  'run:get': z.object({ runId }).strict(),
  'run:log': z
    .object({
      runId,
      stepId,
      /** A test's log instead of the step's: its 1-based position. */
      test: z.number().int().min(1).optional(),
      attempt: z.number().int().min(1).optional(),
    })
    .strict(),
  'env:status': empty,
  'env:up': z.object({ name: environmentName }).strict(),
  'env:down': z.object({ name: environmentName }).strict(),
  'env:cancel': z.object({ name: environmentName }).strict(),
  'env:logs': z
    .object({ name: environmentName, service: stepId, tail: z.number().int().min(1).max(10_000).optional() })
    .strict(),
  'git:status': empty,
  'git:init': empty,
  'git:stage': z.object({ paths: z.array(repoPath).min(1).max(100_000) }).strict(),
  'git:unstage': z.object({ paths: z.array(repoPath).min(1).max(100_000) }).strict(),
  'git:commit': z.object({ message: z.string().min(1).max(100_000), all: z.boolean().optional() }).strict(),
  'git:log': z
    .object({ path: repoPath.optional(), ref: ref.optional(), limit: z.number().int().min(1).max(2000).optional() })
    .strict(),
  'git:commit-files': z.object({ ref }).strict(),
  'git:show-pipeline': z.object({ ref, name: pipelineName }).strict(),
  'git:restore': z.object({ path: repoPath, ref, force: z.boolean().optional() }).strict(),
  'git:branches': empty,
  'git:create-branch': z
    .object({ name: ref, from: ref.optional(), switch: z.boolean(), carry: z.boolean().optional() })
    .strict(),
  'git:switch': z.object({ name: ref, carry: z.boolean() }).strict(),
  'git:rename-branch': z.object({ from: ref, to: ref }).strict(),
  'git:delete-branch': z.object({ name: ref, force: z.boolean() }).strict(),
  'git:create-tag': z.object({ name: ref, target: ref, message: z.string().max(100_000).optional() }).strict(),
  'git:delete-tag': z.object({ name: ref }).strict(),
  'git:merge': z.object({ branch: ref, carry: z.boolean() }).strict(),
  'git:resolve': z.union([
    z.object({ path: repoPath, pick: z.enum(['ours', 'theirs', 'working']) }).strict(),
    z.object({ path: repoPath, choices: z.record(z.string(), conflictChoice) }).strict(),
  ]),
  'git:complete-merge': z.object({ message: z.string().min(1).max(100_000).optional() }).strict(),
  'git:abort-merge': z.object({ force: z.boolean().optional() }).strict(),
  'git:diff': z
    .object({ from: ref.nullable(), to: ref.nullable(), pipeline: z.string().max(4096).optional() })
    .strict(),
  'monitor:overview': z
    .object({ pipeline: pipelineName, environment: environmentName.or(z.literal('')).optional() })
    .strict(),
  'monitor:chart': z
    .object({
      pipeline: pipelineName,
      environment: environmentName.or(z.literal('')).optional(),
      step: stepId,
      metric: z.string().min(1).max(4096),
    })
    .strict(),
  'monitor:reset-baseline': z
    .object({
      pipeline: pipelineName,
      environment: environmentName.or(z.literal('')).optional(),
      /** One series (step and metric), or every series of the pipeline when both are left out. */
      step: stepId.optional(),
      metric: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  'alerts:list': z
    .object({
      pipeline: pipelineName.optional(),
      /** Also the acknowledged ones (the open ones always come). */
      acknowledged: z.boolean().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'alerts:acknowledge': z.object({ ids: z.array(z.number().int().min(1)).min(1).max(10_000) }).strict(),
  'schedules:list': empty,
  'schedules:pause': z.object({ name: z.string().min(1).max(200), paused: z.boolean() }).strict(),
  'experiments:list': empty,
  'promotion:promote': z
    .object({
      branch: ref,
      /** Only these pipelines' gate runs (default: all of the branch's pipelines). */
      pipelines: z.array(pipelineName).min(1).max(1000).optional(),
      /** Judge the gate and change nothing in git. */
      dryRun: z.boolean().optional(),
    })
    .strict(),
  'releases:list': empty,
  'run:compare': z.object({ a: runId, b: runId }).strict(),
  'run:replay': z.object({ runId, stepId }).strict(),
  'env:up-for-branch': z.object({ name: environmentName, branch: ref }).strict(),
  'env:down-for-branch': z.object({ name: environmentName, branch: ref }).strict(),
  'export:preview': exportRequest,
  /** The export is made again from the request and written: the renderer never sends file contents. */
  'export:save': z.object({ request: exportRequest, file: repoPath, overwrite: z.boolean().optional() }).strict(),
  'preview:file': z
    .object({
      path: repoPath,
      rows: z.number().int().min(0).max(MAX_PREVIEW_ROWS).optional(),
      /** The run (and its step) whose output or input this is: the answer says whether the file still matches it. */
      run: z.object({ runId, stepId }).strict().optional(),
      /** false: without a data file's profile (the whole-file scan), which the studio asks for next. */
      profile: z.boolean().optional(),
    })
    .strict(),
  'notebook:executed': z.object({ runId, stepId, attempt: z.number().int().min(1).optional() }).strict(),
  'notebook:create': z.object({ path: repoPath.refine((path) => path.endsWith('.ipynb'), 'a .ipynb file') }).strict(),
  'lineage:trace': z.object({ path: repoPath, runId: runId.optional() }).strict(),
  'pipeline:ignore-outputs': z.object({ name: pipelineName, answer: z.boolean().optional() }).strict(),
  'script:create': z.object({ path: repoPath, create: z.boolean() }).strict(),
  /** The open pipeline's unsaved edits, kept in .pipewright/drafts/ until it is saved or they are discarded. */
  'draft:save': z
    .object({ name: pipelineName, data: z.record(z.string(), z.unknown()), layout: LayoutSchema, baseHash: z.string() })
    .strict(),
  'draft:load': z.object({ name: pipelineName }).strict(),
  'draft:discard': z.object({ name: pipelineName }).strict(),
} satisfies Record<string, z.ZodType>;
