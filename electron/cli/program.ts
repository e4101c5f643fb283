// The `pipewright` command line: one program, --help on every command, exit code 0 for
// success, 1 for a failed pipeline or test, 2 for bad usage or invalid input.
// Over 300 lines on purpose: every command, option and help text of the CLI is declared here, in one
// place a user's `--help` mirrors; each command's code lives in commands/ and loads on demand.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_PREVIEW_ROWS, MAX_PREVIEW_ROWS } from '../../shared/preview/preview-types.js';
import { BuildArgError, parseBuildArg } from '../../shared/pipeline/build-args.js';
import type { CliIO } from './io/cli-io.js';
import type { ArgoCommandOptions, CiCommandOptions } from './commands/export-command.js';
import type { MetricsOptions } from './commands/monitoring-commands.js';
import type { PruneCommandOptions } from './commands/prune-command.js';
import type { RunCommandOptions } from './commands/run-command.js';
import type { TestCommandOptions } from './commands/test-command.js';
import { DEFAULT_TEMPLATE, TEMPLATE_NAMES, WORKSPACE_TEMPLATES } from '../services/workspace/workspace-templates.js';
import type { WorkspaceTemplateName } from '../services/workspace/workspace-templates.js';

// Every command's code loads when the command runs, never at start-up: `--help` and a quick
// `runs` must not pay for the engine, SQLite, DuckDB, git or Docker support they do not use.
const monitoringCommands = () => import('./commands/monitoring-commands.js');
const runsCommands = () => import('./commands/runs-command.js');

const collect = (value: string, previous: string[] | undefined) => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
];

function collectParam(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got "${value}"`);
  return { ...(previous ?? {}), [value.slice(0, at).trim()]: value.slice(at + 1) };
}

function collectBuildArg(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  try {
    const [name, argument] = parseBuildArg(value);
    return { ...(previous ?? {}), [name]: argument };
  } catch (error) {
    if (error instanceof BuildArgError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return number;
}

function rowCount(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number > MAX_PREVIEW_ROWS)
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_PREVIEW_ROWS}`);
  return number;
}

export function buildProgram(
  io: Omit<CliIO, 'workspace'>,
  version: string,
  setExitCode: (code: number) => void,
): Command {
  const program = new Command('pipewright')
    .description('Pipelines as code: validate, run and inspect Pipewright pipelines.')
    .version(version, '-V, --version')
    .option('-w, --workspace <dir>', 'the workspace folder (default: the one around the current folder)')
    .showHelpAfterError('(run with --help for usage)')
    // Errors come back to runPipewright as exceptions (exit code 2) instead of exiting here;
    // set before the subcommands are added, which copy it.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  const context = (): CliIO => ({
    ...io,
    ...(program.opts<{ workspace?: string }>().workspace !== undefined
      ? { workspace: program.opts<{ workspace: string }>().workspace }
      : {}),
  });
  const done = (code: number) => setExitCode(code);

  program
    .command('init')
    .description('create a workspace with a sample pipeline, as a new git repository')
    .argument('[dir]', 'where to create it', '.')
    .option('--git', 'make it a git repository of its own, even inside another repository')
    .addOption(
      new Option(
        '-t, --template <name>',
        `what to start from: ${TEMPLATE_NAMES.map((name) => `${name}, ${WORKSPACE_TEMPLATES[name].description}`).join('; ')}`,
      )
        .choices(TEMPLATE_NAMES)
        .default(DEFAULT_TEMPLATE),
    )
    // Loaded on demand: git support is heavy and only `init` needs it at start-up.
    .action(async (dir: string, options: { git?: boolean; template?: WorkspaceTemplateName }) =>
      done(await (await import('./commands/init-command.js')).initCommand(dir, options, context())),
    );

  program
    .command('diff')
    .description(
      'what changed in the pipelines (steps, fields, edges, params, tests) between commits, branches or tags, or the working tree',
    )
    .argument(
      '[refs...]',
      '[REF_A] [REF_B] [PIPELINE]: from REF_A (default HEAD) to REF_B (default the working tree), one pipeline or all',
    )
    .option('--json', 'print the changes as JSON')
    // Loaded on demand, like init: git support is heavy.
    .action(async (refs: string[], options: { json?: boolean }) =>
      done(await (await import('./commands/diff-command.js')).diffCommand(refs, options, context())),
    );

  program
    .command('validate')
    .description('check pipeline files (or the whole workspace) and print every problem with its location')
    .argument('[path]', 'a pipeline file or a workspace folder (default: the current workspace)')
    .option('--json', 'print the problems as JSON')
    .action(async (path: string | undefined, options: { json?: boolean }) =>
      done((await import('./commands/validate-command.js')).validateCommand(path, options, context())),
    );

  program
    .command('run')
    .description('run a pipeline: by name (sales) or file (pipelines/sales.pipeline.yaml)')
    .argument('[pipeline]', 'pipeline name or file (optional with --resume)')
    .option('-p, --param <name=value>', 'set a param for this run (repeatable)', collectParam)
    .option('-e, --env <name>', 'the environment to run in (default: the workspace default)')
    .option('--only <step>', 'run only these steps (repeatable, or comma-separated)', collect)
    .option('--from <step>', 'run this step and everything downstream of it', collect)
    .option('--to <step>', 'run this step and everything it needs', collect)
    .option('--no-cache', 'run every step even if nothing changed')
    .option(
      '--ref <ref>',
      'run this branch, tag or commit as committed, in a checkout of its own (never the working tree)',
    )
    .option(
      '--resume <run-id>',
      're-run only what failed, was skipped or never ran in that run ("last" for the latest)',
    )
    .option('--fail-fast', 'stop the whole run at the first failed step')
    .option(
      '--build-arg <name=value>',
      'a build argument for every environment built from a Dockerfile, overriding its args (repeatable)',
      collectBuildArg,
    )
    .addOption(
      new Option('-j, --max-parallel <n>', 'how many steps run at once (default: CPU count)').argParser(
        positiveInteger,
      ),
    )
    .option('--json', 'print the run record as one JSON document at the end (and nothing else)')
    .option('--junit <file>', 'write a JUnit XML report (one testcase per step and per test)')
    .option('-q, --quiet', 'without a terminal: do not stream step output')
    .option(
      '--fail-on-alert',
      'exit 1 when the run raises an alert (an out-of-control metric or a failed test), even if it succeeded',
    )
    .option(
      '--inputs-from <run-id>',
      'replay the one --only step on the exact input files it had in that run (from the output store), in a scratch folder',
    )
    .option(
      '--write-outputs',
      "with --inputs-from: copy the replayed step's outputs into the workspace when it succeeds",
    )
    .action(async (pipeline: string | undefined, options: RunCommandOptions) =>
      done(await (await import('./commands/run-command.js')).runCommand(pipeline, options, context())),
    );

  program
    .command('metrics')
    .description("a pipeline's metric series: latest values, control limits and Western Electric rule violations")
    .argument('<pipeline>', 'pipeline name or file')
    .option('-e, --env <name>', 'the environment (default: the workspace default)')
    .option('--json', 'print as JSON')
    .option('--reset-baseline', 'start new baselines (after an intended change): the next runs set new limits')
    .option('--step <id>', "with --reset-baseline: only this step's series")
    .option('--metric <name>', 'with --reset-baseline: only this metric')
    .action(async (pipeline: string, options: MetricsOptions) =>
      done(await (await monitoringCommands()).metricsCommand(pipeline, options, context())),
    );

  const alerts = program
    .command('alerts')
    .description('alerts raised by runs: out-of-control metrics and failed tests');
  alerts
    .command('list', { isDefault: true })
    .description('list open alerts, newest first')
    .option('--pipeline <name>', 'only alerts of this pipeline')
    .option('--all', 'also acknowledged alerts')
    .option('--json', 'print as JSON')
    .action(async (options: { pipeline?: string; all?: boolean; json?: boolean }) =>
      done(await (await monitoringCommands()).alertsCommand(options, context())),
    );
  alerts
    .command('ack')
    .description('acknowledge alerts')
    .argument('<ids...>', 'alert ids, or "all"')
    .action(async (ids: string[]) => done(await (await monitoringCommands()).acknowledgeAlertsCommand(ids, context())));

  const cache = program
    .command('cache')
    .description(
      "the output store: every step's inputs and outputs kept by content, so cached steps get their outputs back",
    );
  const cacheCommands = () => import('./commands/cache-command.js');
  cache
    .command('status', { isDefault: true })
    .description('what the store holds, on disk and saved by deduplication, against its size limit')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      done(await (await cacheCommands()).cacheStatusCommand(options, context())),
    );
  cache
    .command('prune')
    .description(
      'remove the least recently used stored files until the store fits its size limit (never what the last run of a branch or a release needs)',
    )
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      done(await (await cacheCommands()).cachePruneCommand(options, context())),
    );

  program
    .command('restore')
    .description("put a past run's outputs back in the workspace, from the output store")
    .argument('<run-id>', 'the run (an id, a unique prefix, or "last")')
    .option('--step <id>', "only this step's outputs")
    .option('--json', 'print what was restored as JSON')
    .action(async (runId: string, options: { step?: string; json?: boolean }) =>
      done(await (await cacheCommands()).restoreCommand(runId, options, context())),
    );

  const runs = program.command('runs').description('list and inspect past runs');
  runs
    .command('list', { isDefault: true })
    .description('list recent runs, newest first')
    .option('--pipeline <name>', 'only runs of this pipeline')
    .addOption(new Option('-n, --limit <n>', 'how many runs').default(20).argParser(positiveInteger))
    .option('--json', 'print as JSON')
    .action(async (options: { pipeline?: string; limit: number; json?: boolean }) =>
      done(await (await runsCommands()).listRunsCommand(options, context())),
    );
  runs
    .command('show')
    .description('show one run: steps, attempts, tests, and the log tail of failures')
    .argument('<run-id>', 'a run id, a unique prefix of one, or "last"')
    .option('--json', 'print as JSON')
    .action(async (runId: string, options: { json?: boolean }) =>
      done(await (await runsCommands()).showRunCommand(runId, options, context())),
    );
  runs
    .command('logs')
    .description("print a step's log from a run")
    .argument('<run-id>', 'a run id, a unique prefix of one, or "last"')
    .argument('<step>', 'the step id')
    .addOption(
      new Option('--attempt <n>', 'which attempt (default: the last)').argParser(positiveInteger).conflicts('all'),
    )
    .option('--all', 'every attempt of a retried step, each under a header line')
    .action(async (runId: string, step: string, options: { attempt?: number; all?: boolean }) =>
      done(await (await runsCommands()).runLogsCommand(runId, step, options, context())),
    );
  runs
    .command('prune')
    .description(
      "delete old runs (steps, tests, metrics, logs) and compact the state database; a release's runs and each branch's latest runs are kept",
    )
    .addOption(new Option('--keep <n>', 'keep the newest N runs of each pipeline').argParser(positiveInteger))
    .option('--older-than <duration>', 'prune runs started longer ago than this (30d, 12h)')
    .option('--dry-run', 'only say how many runs would be pruned')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: PruneCommandOptions) =>
      done(await (await import('./commands/prune-command.js')).pruneRunsCommand(options, context())),
    );

  program
    .command('promote')
    .description(
      'run an experiment branch through the gate in the test environment and, if it passes, merge it into production as release-N',
    )
    .argument('<branch>', 'the experiment branch')
    .option(
      '--pipeline <name>',
      'judge only these pipelines (repeatable, or comma-separated; default: all of the branch)',
      collect,
    )
    .option('--dry-run', 'run and judge the gate, change nothing in git')
    .option('--json', 'print the outcome (gate report, release) as JSON')
    // Loaded on demand, like diff: git support is heavy.
    .action(async (branch: string, options: { pipeline?: string[]; dryRun?: boolean; json?: boolean }) =>
      done(await (await import('./commands/promote-command.js')).promoteCommand(branch, options, context())),
    );

  program
    .command('releases')
    .description('the releases of the production branch, newest first, with the gate report each passed')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      done(await (await import('./commands/releases-command.js')).releasesCommand(options, context())),
    );

  program
    .command('compare')
    .description(
      'two runs side by side: revision, environment, params and their sources, images, steps, tests, metrics with deltas',
    )
    .argument('<run-a>', 'a run id, a unique prefix of one, or "last"')
    .argument('<run-b>', 'a run id, a unique prefix of one, or "last"')
    .option('--json', 'print the comparison as JSON')
    .action(async (runA: string, runB: string, options: { json?: boolean }) =>
      done(await (await import('./commands/compare-command.js')).compareCommand(runA, runB, options, context())),
    );

  program
    .command('preview')
    .description(
      'a look at a workspace file: first rows, schema, row count and column profile of a CSV, TSV, Parquet or JSON-lines file; what a picture, Markdown file or folder holds',
    )
    .argument('<path>', 'the file or folder, relative to the workspace')
    .addOption(
      new Option('-n, --rows <n>', 'how many first rows to show').default(DEFAULT_PREVIEW_ROWS).argParser(rowCount),
    )
    .option('--json', 'print the preview as JSON')
    // Loaded on demand, like compare: only this command needs DuckDB.
    .action(async (path: string, options: { rows: number; json?: boolean }) =>
      done(await (await import('./commands/preview-command.js')).previewCommand(path, options, context())),
    );

  program
    .command('lineage')
    .description(
      'where an output file came from: the step and run that wrote it, its input files with their hashes and the params, back to the raw inputs',
    )
    .argument('<path>', 'an output file, relative to the current folder')
    .option(
      '--run <run-id>',
      'the run that wrote it (an id, a unique prefix, or "last"); default the latest run that wrote it',
    )
    .option('--json', 'print the lineage as JSON')
    .action(async (path: string, options: { run?: string; json?: boolean }) =>
      done(await (await import('./commands/lineage-command.js')).lineageCommand(path, options, context())),
    );

  const schedule = program
    .command('schedule')
    .description('the schedules of pipewright.yaml: the production pipelines that run by themselves');
  // Loaded on demand: only these commands need the scheduler.
  const scheduleCommands = () => import('./commands/schedule-command.js');
  schedule
    .command('list', { isDefault: true })
    .description("each schedule's next and last run, and whether it is paused")
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      done(await (await scheduleCommands()).listSchedulesCommand(options, context())),
    );
  schedule
    .command('run')
    .description(
      'run the scheduler in the foreground (for a server or a container); Ctrl-C or SIGTERM cancels its runs, waits for them and exits 0',
    )
    .action(async () => done(await (await scheduleCommands()).runSchedulerCommand(context())));
  schedule
    .command('pause')
    .description('pause a schedule: its occurrences are recorded skipped until it is resumed')
    .argument('<name>', 'the schedule')
    .action(async (name: string) => done(await (await scheduleCommands()).pauseScheduleCommand(name, true, context())));
  schedule
    .command('resume')
    .description('resume a paused schedule')
    .argument('<name>', 'the schedule')
    .action(async (name: string) =>
      done(await (await scheduleCommands()).pauseScheduleCommand(name, false, context())),
    );

  const env = program.command('env').description("the workspace's environments and their Docker resources");
  const envCommands = () => import('./commands/env-command.js');
  env
    .command('logs')
    .description('the last lines a service of an environment printed')
    .argument('<name>', 'the environment')
    .argument('<service>', 'the service')
    .option('-n, --tail <lines>', 'how many lines', '200')
    .action(async (name: string, service: string, options: { tail?: string }) =>
      done(await (await envCommands()).environmentLogsCommand(name, service, options, context())),
    );
  env
    .command('list', { isDefault: true })
    .description('list the environments of pipewright.yaml')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      done((await envCommands()).listEnvironmentsCommand(options, context())),
    );
  env
    .command('status')
    .description("what exists of an environment (or of all), its branches' copies, and whether each is ready")
    .argument('[name]', 'the environment')
    .option('--json', 'print as JSON')
    .action(async (name: string | undefined, options: { json?: boolean }) =>
      done(await (await envCommands()).environmentStatusCommand(name, options, context())),
    );
  env
    .command('up')
    .description('provision an environment: image, network, data, services (idempotent)')
    .argument('<name>', 'the environment')
    .option(
      '--for-branch <branch>',
      "a copy of the environment for this branch: its own data, services and network; the branch's runs use it",
    )
    .option(
      '--build-arg <name=value>',
      'a build argument for its Dockerfile, overriding its args (repeatable)',
      collectBuildArg,
    )
    .option('--json', 'print the final status as JSON instead of progress')
    .action(async (name: string, options: { json?: boolean; forBranch?: string; buildArg?: Record<string, string> }) =>
      done(await (await envCommands()).environmentUpCommand(name, options, context())),
    );
  env
    .command('down')
    .description("remove an environment's containers, network and volumes (what Pipewright created, nothing else)")
    .argument('<name>', 'the environment')
    .option('--for-branch <branch>', "remove only the branch's copy of the environment")
    .option('--images', 'also remove the image built for it from its Dockerfile')
    .option('--json', 'print what was removed as JSON')
    .action(async (name: string, options: { json?: boolean; images?: boolean; forBranch?: string }) =>
      done(await (await envCommands()).environmentDownCommand(name, options, context())),
    );

  const importing = program
    .command('import')
    .description('bring pipelines of other tools into the workspace as pipeline files');
  importing
    .command('dvc')
    .description(
      'a DVC pipeline (dvc.yaml, with its params files) as pipelines/NAME.pipeline.yaml; prints what it could not carry over',
    )
    .argument('[dir]', 'the folder with dvc.yaml, inside the workspace (default: the current folder)')
    .option('--name <name>', "the pipeline name (default: dvc at the workspace root, else the folder's path)")
    .option('--force', 'replace the pipeline file if it exists')
    .option('--json', 'print the outcome (file, steps, params, warnings) as JSON')
    // Loaded on demand: only this command needs the importer.
    .action(async (dir: string | undefined, options: { name?: string; force?: boolean; json?: boolean }) =>
      done((await import('./commands/import-command.js')).importDvcCommand(dir, options, context())),
    );

  program
    .command('test')
    .description("run a step's data and logic tests on the files present, without running the step (exit codes as run)")
    .argument('<pipeline>', 'pipeline name or file')
    .requiredOption('--step <id>', 'the step whose tests run')
    .option(
      '-e, --env <name>',
      'the environment whose params and variables the tests get (default: the workspace default)',
    )
    .option('-p, --param <name=value>', 'set a param (repeatable)', collectParam)
    .option(
      '--local',
      "run logic tests as local processes, whatever the environment's runner (inside its container already)",
    )
    .option('--junit <file>', 'write a JUnit XML report (the step and each test)')
    .option('--json', 'print the result as JSON')
    .action(async (pipeline: string, options: TestCommandOptions) =>
      done(await (await import('./commands/test-command.js')).testCommand(pipeline, options, context())),
    );

  const exportCommand = program
    .command('export')
    .description('the pipelines for other engines: Argo Workflows on Kubernetes, GitHub Actions, GitLab CI');
  // Loaded on demand: only export needs Argo's models and git.
  const exportCommands = () => import('./commands/export-command.js');
  exportCommand
    .command('argo')
    .description(
      'an Argo Workflow (or CronWorkflow) of a pipeline at a commit: a task per step, its tests as a follow-up task',
    )
    .argument('<pipeline>', 'pipeline name or file')
    .option(
      '-e, --env <name>',
      "the environment: its image, resources and param overrides (default: the schedule's, else the workspace default)",
    )
    .option('--cron <expr>', 'a CronWorkflow on this five-field cron expression')
    .option(
      '--schedule [name]',
      'a CronWorkflow on the schedule of pipewright.yaml that runs the pipeline (or the one named)',
    )
    .option('--ref <ref>', 'the branch, tag or commit the cluster checks out (default HEAD)')
    .option('--volume-size <size>', "the size of the workflow's volume, as a Kubernetes quantity (default 10Gi)")
    .option(
      '--image <image>',
      'the image the steps run in, pushed to a registry (needed when the environment builds its image or runs locally)',
    )
    .option(
      '--cli-image <image>',
      'the Pipewright CLI image for the checkout and tests tasks (see resources/cli-image)',
    )
    .option('--repository <url>', 'the repository the cluster clones (default: the remote origin)')
    .option('-o, --output <file>', 'write the file instead of printing it')
    .action(async (pipeline: string, options: ArgoCommandOptions) =>
      done(await (await exportCommands()).argoExportCommand(pipeline, options, version, context())),
    );
  for (const [target, what] of [
    ['github-actions', 'a GitHub Actions workflow'],
    ['gitlab-ci', 'a .gitlab-ci.yml'],
  ] as const) {
    exportCommand
      .command(target)
      .description(
        `${what} that runs the pipelines with --junit on every push and pull request and publishes the reports`,
      )
      .argument('[pipelines...]', 'the pipelines to run (default: all)')
      .option('-e, --env <name>', 'the environment they run in (default: the workspace default)')
      .option('-o, --output <file>', 'write the file instead of printing it')
      .action(async (pipelines: string[], options: CiCommandOptions) =>
        done(await (await exportCommands()).ciExportCommand(target, pipelines, options, version, context())),
      );
  }

  program
    .command('serve')
    .description('open the studio in a browser: serves it on 127.0.0.1 with a one-time token')
    .argument('[workspace]', 'the workspace folder (default: the current one)')
    .addOption(new Option('--port <n>', 'the port (default: any free one)').argParser(positiveInteger))
    .action(async (workspace: string | undefined, options: { port?: number }) =>
      done(await (await import('./commands/serve-command.js')).serveCommand(workspace, options, context())),
    );

  program
    .command('schema')
    .description('print the JSON Schema of pipeline or workspace files, for editors')
    .argument('[kind]', 'pipeline or workspace', 'pipeline')
    .action(async (kind: string) =>
      done((await import('./commands/schema-command.js')).schemaCommand(kind, context())),
    );

  return program;
}
