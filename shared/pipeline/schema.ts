// The one source of truth for the file formats. The JSON Schema shipped in resources/ is
// generated from these definitions, and every reader validates against them.
// Over 300 lines on purpose: the whole file format is read in one place.
import { z } from 'zod';
import { DURATION_HINT, isDuration } from './duration.js';
import { PromotionSchema, ScheduleSchema } from './journey-schema.js';
import { TestSchema } from './test-schema.js';

export { TEST_KINDS, TEST_SEVERITIES, TestSchema } from './test-schema.js';
export type { TestSeverity, TestSpec } from './test-schema.js';

export const PARAM_TYPES = ['string', 'number', 'integer', 'boolean'] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const duration = z
  .union([z.string(), z.number()])
  .refine(isDuration, { message: `expected ${DURATION_HINT}` })
  .describe(`How long, as ${DURATION_HINT}; a bare number is seconds.`);
const workspacePath = z.string().min(1, 'a path must not be empty');
/** `run: true` or `run: 42` is YAML for a boolean or a number; the user meant the command text. */
const commandText = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  z.string(),
);
const envVars = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), scalar)
  .describe('Environment variables set for the step.');

export const ParamSchema = z
  .strictObject({
    type: z.enum(PARAM_TYPES).describe('The value type: string, number, integer or boolean.'),
    default: scalar.optional().describe('The value used when neither the environment nor the run sets one.'),
    enum: z.array(scalar).min(1).optional().describe('The only values allowed.'),
    min: z.number().optional().describe('Smallest allowed value (number and integer params).'),
    max: z.number().optional().describe('Largest allowed value (number and integer params).'),
    description: z.string().optional(),
  })
  .describe('A typed parameter. It reaches steps as PW_PARAM_<NAME> and in the JSON file named by PW_PARAMS_FILE.');

export const StepSchema = z
  .strictObject({
    description: z.string().optional(),
    run: commandText
      .optional()
      .describe(
        'The command, run by sh -c in the workspace (or in the step environment). A step has run or notebook, not both.',
      ),
    notebook: workspacePath
      .optional()
      .describe(
        'A Jupyter notebook (.ipynb) run headless instead of a command, in the step environment\'s python3 (nbclient and ipykernel needed). The pipeline\'s params arrive as Python values in a cell inserted after the cell tagged "parameters" (at the top without one).',
      ),
    notebook_output: workspacePath
      .optional()
      .describe(
        'Where the executed notebook, with its outputs, is written: an output of the step, kept even when a cell fails, and kept per run in .pipewright/runs/<run id>/notebooks/. Default out/notebooks/<step id>.ipynb.',
      ),
    environment: z
      .string()
      .optional()
      .describe('A name from pipewright.yaml environments; omitted = the run environment.'),
    inputs: z.array(workspacePath).optional().describe('Files or folders the step reads, relative to the workspace.'),
    outputs: z
      .array(workspacePath)
      .optional()
      .describe(
        'Files or folders the step writes, relative to the workspace. End a folder with / (results/): a Docker step then gets it as a folder even before it exists.',
      ),
    needs: z
      .array(z.string())
      .optional()
      .describe('Steps that must finish first (edges are also inferred from outputs to inputs).'),
    env: envVars.optional(),
    retries: z.number().int().min(0).max(100).optional().describe('How many times a failed attempt is retried.'),
    retry_delay: duration
      .optional()
      .describe('Wait before the first retry; doubles for each further retry. Default 1s.'),
    timeout: duration.optional(),
    cache: z.boolean().optional().describe('false: always run, even when nothing changed (steps with side effects).'),
    when: z
      .string()
      .min(1, 'a condition must not be empty')
      .optional()
      .describe(
        "A condition over the params, e.g. params.region != 'all' or params.full_refresh: when false the step is skipped (condition), and so are the steps that need it. Comparisons == != < <= > >=, in [..], and/or/not, parentheses; text in quotes.",
      ),
    tests: z.array(TestSchema).optional(),
    metrics: z
      .array(workspacePath)
      .optional()
      .describe('JSON files of numbers the step writes, tracked across runs (SPC).'),
  })
  .describe('A step of the pipeline, keyed by its id.');

export const PipelineFileSchema = z
  .strictObject({
    version: z.literal(1).describe('The pipeline file format version.'),
    name: z.string().min(1).describe('The pipeline name; by convention the file name without .pipeline.yaml.'),
    description: z.string().optional(),
    params: z.record(z.string(), ParamSchema).optional(),
    steps: z.record(z.string(), StepSchema).describe('The steps, keyed by id.'),
  })
  .meta({ title: 'Pipewright pipeline', description: 'A pipeline: pipelines/<name>.pipeline.yaml' });

export const RUNNERS = ['local', 'docker'] as const;
export const NETWORKS = ['none', 'bridge'] as const;
export const DATA_MODES = ['mount', 'copy', 'sample'] as const;
export const TRANSFERS = ['mount', 'copy'] as const;
/** The engines an environment may name: a plain TCP port (with TLS files) or a host reached over SSH. */
export const DOCKER_HOST_PATTERN = /^(tcp:\/\/[^\s/:@]+:\d{1,5}|ssh:\/\/[^\s/:@]+@[^\s/:@]+(:\d{1,5})?)$/;

const memory = z
  .string()
  .regex(/^\d+(\.\d+)?\s*[kmg]?b?$/i, 'a size such as 512m or 2g')
  .describe('A size such as 512m or 2g.');

export const ImageBuildSchema = z
  .union([
    z.string().min(1).describe('The build context folder, relative to the workspace (its Dockerfile is used).'),
    z.strictObject({
      context: workspacePath.describe('The build context folder, relative to the workspace.'),
      dockerfile: z.string().min(1).optional().describe('The Dockerfile, relative to the context. Default Dockerfile.'),
      args: z.record(z.string(), scalar).optional().describe('Build arguments (ARG).'),
    }),
  ])
  .describe('Build the image from a Dockerfile instead of pulling one.');

export const DataSchema = z
  .strictObject({
    source: workspacePath.describe('A file or folder of the workspace.'),
    mode: z
      .enum(DATA_MODES)
      .optional()
      .describe(
        'mount: the workspace copy, read-only; copy: a copy in a volume of this environment; sample: a deterministic sample in a volume. Default mount.',
      ),
    fraction: z.number().gt(0).max(1).optional().describe('sample: the share of rows to keep (0 < fraction <= 1).'),
    rows: z.number().int().positive().optional().describe('sample: how many rows to keep.'),
    seed: z
      .number()
      .int()
      .optional()
      .describe('sample: the seed that decides which rows; the same seed keeps the same rows. Default 0.'),
  })
  .describe('Workspace data as steps in this environment see it, at the same path.');

/** Key files live in the user's home or elsewhere on the machine, never in the workspace: it is a git repository that gets pushed. */
const keyFile = z
  .string()
  .regex(/^(\/|~\/)/, 'an absolute path or one starting with ~/')
  .describe('An absolute path, or one starting with ~/ (the home folder); outside the workspace.');

export const DockerTlsSchema = z
  .strictObject({
    ca: keyFile.describe("The certificate authority that signed the engine's certificate (ca.pem)."),
    cert: keyFile.describe('The client certificate (cert.pem).'),
    key: keyFile.describe('The client key (key.pem).'),
  })
  .describe('tcp:// only: the TLS files of the engine (as docker --tlsverify uses them).');

export const HealthcheckSchema = z.strictObject({
  command: z.string().min(1).describe('A shell command run in the service container; exit code 0 is healthy.'),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().min(1).optional(),
});

/**
 * The capabilities a plain `docker run` keeps: a service may take back some of these (a
 * database image that starts as root needs a few to set up its data folder), never more.
 */
export const SERVICE_CAPABILITIES = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
] as const;

export const ServiceSchema = z
  .strictObject({
    image: z.string().min(1).describe('The image to run (pulled if missing).'),
    command: z.string().optional().describe('Overrides the image command; run by sh -c.'),
    env: envVars.optional(),
    healthcheck: HealthcheckSchema.optional(),
    cap_add: z
      .array(z.enum(SERVICE_CAPABILITIES))
      .optional()
      .describe(
        'Capabilities the service gets back; it has none by default. postgres, starting as root, needs CHOWN, DAC_OVERRIDE, FOWNER, SETGID and SETUID. Only those a plain docker run keeps.',
      ),
    resources: z
      .strictObject({
        cpus: z.number().positive().optional().describe('CPUs of the service container.'),
        memory: memory.optional().describe('Memory of the service container. Default 2g.'),
        pids: z.number().int().min(16).optional().describe('Processes of the service container. Default 1024.'),
      })
      .optional(),
    read_only: z
      .boolean()
      .optional()
      .describe(
        "A read-only root file system with a writable /tmp and /run (the image's volumes stay writable). Default false: most servers write outside their volumes.",
      ),
  })
  .describe(
    "A container (a database, a queue...) on the environment's private network; steps reach it by its name. It runs with every capability dropped, no new privileges and memory and process limits.",
  );

export const EnvironmentSchema = z
  .strictObject({
    runner: z
      .enum(RUNNERS)
      .optional()
      .describe('Where steps run: local (a child process) or docker (a container per step). Default local.'),
    description: z.string().optional(),
    env: envVars.optional(),
    params: z.record(z.string(), scalar).optional().describe('Param overrides for runs in this environment.'),
    image: z.string().min(1).optional().describe('docker: the image steps run in, pulled if missing.'),
    build: ImageBuildSchema.optional(),
    resources: z
      .strictObject({
        cpus: z.number().positive().optional().describe('CPUs per step container.'),
        memory: memory.optional().describe('Memory per step container. Default 2g.'),
        pids: z.number().int().min(16).optional().describe('Processes per step container. Default 1024.'),
      })
      .optional(),
    network: z
      .enum(NETWORKS)
      .optional()
      .describe('docker: none (default; steps still reach the services) or bridge (internet access).'),
    data: z.array(DataSchema).optional(),
    services: z.record(z.string(), ServiceSchema).optional(),
    docker_host: z
      .string()
      .regex(DOCKER_HOST_PATTERN, 'tcp://HOST:PORT or ssh://USER@HOST[:PORT]')
      .optional()
      .describe(
        'docker: the engine steps and services run on, tcp://HOST:PORT (with tls:) or ssh://USER@HOST (keys from the SSH agent). Default the local engine. Its steps use transfer: copy.',
      ),
    tls: DockerTlsSchema.optional(),
    transfer: z
      .enum(TRANSFERS)
      .optional()
      .describe(
        "docker: how a step's files reach its container. mount (default, local engine only): the workspace read-only and the outputs writable, bound from this machine; copy: the declared inputs and the code the command names are copied into a volume of the step, and its declared outputs copied back, through the Docker API (always so with docker_host).",
      ),
  })
  .describe('A named environment (dev, test, prod, ...).');

export const MonitoringSchema = z
  .strictObject({
    baseline: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe('How many runs of a metric set its control limits before any point is judged. Default 20.'),
    rules: z
      .array(z.number().int().min(1).max(4))
      .optional()
      .describe('The Western Electric rules that raise alerts (1 to 4). Default all four.'),
    alert_on: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Which metrics raise out-of-control alerts, as names or patterns with * (rows:*, test:*, duration_ms, metrics/train.json:*). Default all. Every metric is still charted.',
      ),
  })
  .describe('Statistical process control of run metrics.');

export const CacheSettingsSchema = z
  .strictObject({
    size_limit: memory
      .optional()
      .describe(
        'How much disk the output store in .pipewright/objects may take before the least recently used files go (never those the last run of a branch or a release needs). Default 10g.',
      ),
  })
  .describe(
    "The run cache: every step's inputs and outputs, kept by content so a cached step's outputs can be put back.",
  );

export const WorkspaceFileSchema = z
  .strictObject({
    version: z.literal(1).describe('The workspace file format version.'),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    default_environment: z.string().optional().describe('The environment runs use when none is chosen.'),
    max_parallel: z.number().int().min(1).optional().describe('How many steps run at once by default.'),
    environments: z.record(z.string(), EnvironmentSchema).optional(),
    monitoring: MonitoringSchema.optional(),
    promotion: PromotionSchema.optional(),
    schedules: z
      .record(z.string(), ScheduleSchema)
      .optional()
      .describe('Pipelines that run by themselves, keyed by schedule name.'),
    cache: CacheSettingsSchema.optional(),
    gitignore_outputs: z
      .boolean()
      .optional()
      .describe(
        'Whether the studio adds the declared outputs of pipelines to .gitignore when they are saved (the studio asks once and writes the answer here).',
      ),
  })
  .meta({ title: 'Pipewright workspace', description: 'Workspace settings: pipewright.yaml' });

export type ParamType = (typeof PARAM_TYPES)[number];
export type ParamValue = string | number | boolean;
export type ParamSpec = z.infer<typeof ParamSchema>;
export type StepSpec = z.infer<typeof StepSchema>;
export type PipelineSpec = z.infer<typeof PipelineFileSchema>;
export type EnvironmentSpec = z.infer<typeof EnvironmentSchema>;
export type WorkspaceSpec = z.infer<typeof WorkspaceFileSchema>;
export type DataSpec = z.infer<typeof DataSchema>;
export type ServiceSpec = z.infer<typeof ServiceSchema>;
export type MonitoringSpec = z.infer<typeof MonitoringSchema>;
export type CacheSettings = z.infer<typeof CacheSettingsSchema>;
export type ImageBuildSpec = z.infer<typeof ImageBuildSchema>;
export type DockerTlsSpec = z.infer<typeof DockerTlsSchema>;
