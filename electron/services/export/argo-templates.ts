// The containers of an exported workflow: the checkout that puts the workspace's code at the
// exported commit on the workflow's volume, one per step, and one per step's tests. Every
// container gets the secure defaults the Docker runner gives a step container.
import type { ITemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import { paramEnvName } from '../../../shared/pipeline/names.js';
import type { EnvironmentSpec, PipelineSpec, StepSpec } from '../../../shared/pipeline/schema.js';
import { ExportError } from './export-error.js';
import { kubeMemory } from './kube-names.js';

/** Where the workflow's volume is mounted in every container: the workspace's root. */
export const WORKSPACE_MOUNT = '/workspace';
export const WORKSPACE_VOLUME = 'workspace';
const SCRATCH_VOLUME = 'tmp';
/** The user steps run as, as the Docker runner runs them: nobody. */
export const STEP_USER = 65534;
/** Docker's runner gives a step 2g unless the environment says otherwise. */
const DEFAULT_MEMORY = '2g';
const FIRST_RETRY_DELAY = '1s';
export const ANNOTATION = {
  step: 'pipewright.dev/step',
  tests: 'pipewright.dev/tests-of',
  commit: 'pipewright.dev/commit',
  repository: 'pipewright.dev/repository',
  pipeline: 'pipewright.dev/pipeline',
  environment: 'pipewright.dev/environment',
} as const;

type Container = NonNullable<ITemplate['container']>;

export const SECURE_CONTAINER: Container['securityContext'] = {
  runAsNonRoot: true,
  runAsUser: STEP_USER,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** A writable /tmp beside the read-only root file system, and the workspace volume. */
const MOUNTS: Container['volumeMounts'] = [
  { name: WORKSPACE_VOLUME, mountPath: WORKSPACE_MOUNT },
  { name: SCRATCH_VOLUME, mountPath: '/tmp' },
];
export const SCRATCH: { name: string; emptyDir: Record<string, never> } = { name: SCRATCH_VOLUME, emptyDir: {} };

function container(
  image: string,
  script: string,
  env: { name: string; value: string }[],
  resources: Container['resources'] | undefined,
): Container {
  return {
    name: 'main',
    image,
    command: ['sh', '-c'],
    args: [script],
    workingDir: WORKSPACE_MOUNT,
    ...(env.length > 0 ? { env } : {}),
    ...(resources ? { resources } : {}),
    volumeMounts: MOUNTS,
    securityContext: SECURE_CONTAINER,
  };
}

/**
 * Params reach a step as PW_PARAM_* variables whose values Argo fills in from the workflow's
 * arguments: a value is never pasted into the command text.
 */
function paramVariables(pipeline: PipelineSpec): { name: string; value: string }[] {
  return Object.keys(pipeline.params ?? {}).map((name) => ({
    name: paramEnvName(name),
    value: `{{workflow.parameters.${name}}}`,
  }));
}

function variables(pairs: Readonly<Record<string, string | number | boolean>>): { name: string; value: string }[] {
  return Object.entries(pairs).map(([name, value]) => ({ name, value: String(value) }));
}

export function resourcesOf(environment: EnvironmentSpec): Container['resources'] {
  const memory = kubeMemory(environment.resources?.memory ?? DEFAULT_MEMORY);
  const cpu = environment.resources?.cpus;
  const amounts = { memory, ...(cpu !== undefined ? { cpu: String(cpu) } : {}) };
  return { requests: amounts, limits: amounts };
}

export interface StepTemplateInput {
  name: string;
  stepId: string;
  step: StepSpec;
  pipeline: PipelineSpec;
  environmentName: string;
  environment: EnvironmentSpec;
  image: string;
}

export function stepTemplate(input: StepTemplateInput): ITemplate {
  const { step } = input;
  if (step.run === undefined) {
    // The notebook executor ships with Pipewright, not in the step's image.
    throw new ExportError(
      `step "${input.stepId}" is a notebook step, which the Argo export cannot carry yet: give it a run command (e.g. jupyter nbconvert --execute) to export it`,
    );
  }
  const env = [
    ...variables(input.environment.env ?? {}),
    ...variables(step.env ?? {}),
    ...paramVariables(input.pipeline),
    ...variables({
      PW_WORKSPACE: WORKSPACE_MOUNT,
      PW_PIPELINE: input.pipeline.name,
      PW_STEP_ID: input.stepId,
      PW_ENVIRONMENT: input.environmentName,
    }),
    { name: 'PW_RUN_ID', value: '{{workflow.name}}' },
  ];
  const template: ITemplate = {
    name: input.name,
    metadata: { annotations: { [ANNOTATION.step]: input.stepId } },
    container: container(input.image, step.run, env, resourcesOf(input.environment)),
  };
  if (step.retries !== undefined && step.retries > 0) {
    // Pipewright waits retry_delay before the first retry and doubles it for each further one.
    const delay =
      step.retry_delay === undefined ? FIRST_RETRY_DELAY : `${Math.ceil(parseDurationMs(step.retry_delay) / 1000)}s`;
    // Argo's schema writes its int-or-string fields as strings.
    template.retryStrategy = {
      limit: String(step.retries),
      retryPolicy: 'Always',
      backoff: { duration: delay, factor: '2' },
    };
  }
  if (step.timeout !== undefined)
    template.activeDeadlineSeconds = String(Math.ceil(parseDurationMs(step.timeout) / 1000));
  return template;
}

/** The step's data and logic tests, by `pipewright test` in the CLI image, on the files the step left. */
export function testsTemplate(input: {
  name: string;
  stepId: string;
  pipelineFile: string;
  environmentName: string;
  cliImage: string;
  pipeline: PipelineSpec;
}): ITemplate {
  const env = [
    ...paramVariables(input.pipeline),
    { name: 'PW_TEST_PIPELINE', value: input.pipelineFile },
    { name: 'PW_TEST_STEP', value: input.stepId },
    { name: 'PW_TEST_ENVIRONMENT', value: input.environmentName },
  ];
  // The workflow's params, as submitted, reach the tests as --param from their variables.
  const params = Object.keys(input.pipeline.params ?? {})
    .map((name) => ` --param "${name}=$${paramEnvName(name)}"`)
    .join('');
  const script = `exec pipewright test "$PW_TEST_PIPELINE" --step "$PW_TEST_STEP" --env "$PW_TEST_ENVIRONMENT" --local${params}`;
  return {
    name: input.name,
    metadata: { annotations: { [ANNOTATION.tests]: input.stepId } },
    container: container(input.cliImage, script, env, undefined),
  };
}

/**
 * Clones the repository into the (empty) workflow volume and checks out the exported commit:
 * the code every step sees is the code that was exported, whatever the branch does later.
 */
export function checkoutTemplate(input: {
  name: string;
  cliImage: string;
  repository: string;
  commit: string;
}): ITemplate {
  const script =
    'git clone --quiet --no-checkout "$PW_REPOSITORY" . && git -c advice.detachedHead=false checkout --quiet "$PW_COMMIT"';
  return {
    name: input.name,
    container: container(
      input.cliImage,
      script,
      [
        { name: 'PW_REPOSITORY', value: input.repository },
        { name: 'PW_COMMIT', value: input.commit },
        { name: 'HOME', value: '/tmp' },
      ],
      undefined,
    ),
  };
}
