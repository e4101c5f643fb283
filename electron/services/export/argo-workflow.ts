// A pipeline as an Argo Workflow (or CronWorkflow): one DAG template whose tasks are the
// checkout of the exported commit, one task per step with the edges the engine runs by
// (`needs` and inferred), and a tests task after each step that has tests. A step's
// downstream waits for its tests, so an error test stops downstream as it does locally; a
// step's `when:` is the task's `when` (argo-condition.ts).
import { CronWorkflow, Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import type { IDAGTask, IParameter, ITemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
import { buildPipelineGraph, topologicalOrder } from '../../../shared/dag/pipeline-graph.js';
import type { ResolvedParams } from '../../../shared/pipeline/params.js';
import type { EnvironmentSpec, PipelineSpec } from '../../../shared/pipeline/schema.js';
import {
  ANNOTATION,
  SCRATCH,
  STEP_USER,
  WORKSPACE_VOLUME,
  checkoutTemplate,
  stepTemplate,
  testsTemplate,
} from './argo-templates.js';
import { argoWhen } from './argo-condition.js';
import { kubeName, uniqueKubeNames } from './kube-names.js';

export interface ArgoSchedule {
  cron: string;
  timezone?: string | undefined;
}

export interface ArgoExportInput {
  pipeline: PipelineSpec;
  /** The pipeline file, relative to the workspace. */
  pipelineFile: string;
  /** The environment of the export; a step naming another runs in that one. */
  environmentName: string;
  /** Each environment steps run in, with the image (from a registry the cluster can pull from). */
  environments: Readonly<Record<string, { spec: EnvironmentSpec; image: string }>>;
  /** Each param's value in this environment (defaults with its overrides applied). */
  params: ResolvedParams;
  /** The Pipewright CLI image: the checkout and the tests run in it. */
  cliImage: string;
  repository: string;
  commit: string;
  /** The size of the workflow's volume, as a Kubernetes quantity (10Gi). */
  volumeSize: string;
  schedule: ArgoSchedule | null;
}

const ENTRYPOINT = 'pipeline';
const CHECKOUT = 'checkout';

function workflowParameters(pipeline: PipelineSpec, params: ResolvedParams): IParameter[] {
  return Object.entries(pipeline.params ?? {}).map(([name, spec]) => {
    const resolved = params[name];
    return {
      name,
      ...(resolved !== undefined ? { value: String(resolved.value) } : {}),
      ...(spec.enum ? { enum: spec.enum.map(String) } : {}),
      ...(spec.description !== undefined ? { description: spec.description } : {}),
    };
  });
}

/**
 * A task runs once every task before it succeeded. Argo's plain `dependencies` would also run it
 * after one skipped by its `when`; here, as in a local run, what needs a step skipped by its
 * condition is skipped too (Argo omits it).
 */
const succeeded = (names: readonly string[]): string => names.map((name) => `${name}.Succeeded`).join(' && ');

function dag(input: ArgoExportInput): { tasks: IDAGTask[]; templates: ITemplate[] } {
  const graph = buildPipelineGraph(input.pipeline);
  const order = topologicalOrder(graph);
  const names = uniqueKubeNames(order, [ENTRYPOINT, CHECKOUT]);
  const tested = new Set(order.filter((id) => (input.pipeline.steps[id]?.tests ?? []).length > 0));
  const testNames = uniqueKubeNames(
    [...tested].map((id) => `${names.get(id)}-tests`),
    [...names.values(), ENTRYPOINT, CHECKOUT],
  );
  // Downstream of a tested step waits for its tests; of an untested one, for the step.
  const doneTask = (id: string) => (tested.has(id) ? testNames.get(`${names.get(id)}-tests`) : names.get(id)) as string;

  const tasks: IDAGTask[] = [{ name: CHECKOUT, template: CHECKOUT }];
  const templates: ITemplate[] = [
    checkoutTemplate({ name: CHECKOUT, cliImage: input.cliImage, repository: input.repository, commit: input.commit }),
  ];
  for (const id of order) {
    const step = input.pipeline.steps[id];
    const name = names.get(id);
    if (!step || !name) continue;
    const upstream = [...(graph.upstream.get(id) ?? [])].map(doneTask);
    tasks.push({
      name,
      template: name,
      depends: succeeded(upstream.length > 0 ? upstream : [CHECKOUT]),
      ...(step.when !== undefined ? { when: argoWhen(id, step.when, input.pipeline.params ?? {}) } : {}),
    });
    const environmentName = step.environment ?? input.environmentName;
    const environment = input.environments[environmentName];
    if (!environment)
      throw new Error(`step "${id}" runs in environment "${environmentName}", which the export was not given`);
    templates.push(
      stepTemplate({
        name,
        stepId: id,
        step,
        pipeline: input.pipeline,
        environmentName,
        environment: environment.spec,
        image: environment.image,
      }),
    );
    if (tested.has(id)) {
      const testsName = doneTask(id);
      tasks.push({ name: testsName, template: testsName, depends: succeeded([name]) });
      templates.push(
        testsTemplate({
          name: testsName,
          stepId: id,
          pipelineFile: input.pipelineFile,
          environmentName: input.environmentName,
          cliImage: input.cliImage,
          pipeline: input.pipeline,
        }),
      );
    }
  }
  return { tasks, templates };
}

function workflowSpec(input: ArgoExportInput) {
  const { tasks, templates } = dag(input);
  const parameters = workflowParameters(input.pipeline, input.params);
  return {
    entrypoint: ENTRYPOINT,
    ...(parameters.length > 0 ? { arguments: { parameters } } : {}),
    // Every pod as the Docker runner runs a step: as nobody, the volume writable by its group.
    securityContext: { runAsNonRoot: true, runAsUser: STEP_USER, runAsGroup: STEP_USER, fsGroup: STEP_USER },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1' as const,
        kind: 'PersistentVolumeClaim' as const,
        metadata: { name: WORKSPACE_VOLUME },
        spec: { accessModes: ['ReadWriteOnce' as const], resources: { requests: { storage: input.volumeSize } } },
      },
    ],
    volumes: [SCRATCH],
    templates: [{ name: ENTRYPOINT, dag: { tasks } }, ...templates],
  };
}

/** The exported resource, checked by the library against Argo's types (it throws when invalid). */
export function argoWorkflow(input: ArgoExportInput): Workflow | CronWorkflow {
  const base = kubeName(input.pipeline.name);
  const labels = {
    'app.kubernetes.io/managed-by': 'pipewright',
    [ANNOTATION.pipeline]: base,
    [ANNOTATION.environment]: kubeName(input.environmentName),
  };
  const annotations = {
    [ANNOTATION.commit]: input.commit,
    [ANNOTATION.repository]: input.repository,
    [ANNOTATION.pipeline]: input.pipeline.name,
  };
  const spec = workflowSpec(input);
  const resource = input.schedule
    ? new CronWorkflow({
        metadata: { name: base, labels, annotations },
        spec: {
          schedules: [input.schedule.cron],
          ...(input.schedule.timezone !== undefined ? { timezone: input.schedule.timezone } : {}),
          // Pipewright skips an occurrence while the previous run is still going.
          concurrencyPolicy: 'Forbid',
          workflowSpec: spec,
        },
      })
    : new Workflow({ metadata: { generateName: `${base}-`, labels, annotations }, spec });
  resource.validate();
  return resource;
}
