// Exports of generated pipelines (params, retries, timeouts, tests, parallel branches) against
// Argo's published schema, and read back: the same DAG, params, retries and timeouts.
import fc from 'fast-check';
import { parse } from 'yaml';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPipelineGraph } from '../../../shared/dag/pipeline-graph.js';
import { parseDurationMs } from '../../../shared/pipeline/duration.js';
import { resolveParams } from '../../../shared/pipeline/params.js';
import type { EnvironmentSpec, PipelineSpec, StepSpec } from '../../../shared/pipeline/schema.js';
import { argoSchemaErrors } from '../../testing/argo-schema.js';
import { argoWorkflow } from './argo-workflow.js';
import type { ArgoExportInput } from './argo-workflow.js';

const ENVIRONMENT: EnvironmentSpec = {
  runner: 'docker',
  image: 'python:3.12',
  resources: { cpus: 2, memory: '512m' },
  params: { region: 'eu' },
};

function input(pipeline: PipelineSpec, cron: string | null = null): ArgoExportInput {
  return {
    pipeline,
    pipelineFile: `pipelines/${pipeline.name}.pipeline.yaml`,
    environmentName: 'prod',
    environments: { prod: { spec: ENVIRONMENT, image: 'python:3.12' } },
    params: resolveParams(pipeline.params ?? {}, ENVIRONMENT.params).params,
    cliImage: 'registry.example.com/pipewright-cli:1',
    repository: 'https://git.example.com/team/workspace.git',
    commit: 'a'.repeat(40),
    volumeSize: '5Gi',
    schedule: cron ? { cron, timezone: 'Europe/Berlin' } : null,
  };
}

interface Template {
  name: string;
  metadata?: { annotations?: Record<string, string> };
  retryStrategy?: { limit: string; backoff: { duration: string; factor: string } };
  activeDeadlineSeconds?: string;
  container?: {
    securityContext: Record<string, unknown>;
    resources?: unknown;
    env?: { name: string; value: string }[];
    args: string[];
  };
  dag?: { tasks: { name: string; template: string; depends?: string; when?: string }[] };
}

/** The tasks a task waits for: its `depends`, every one of which must have succeeded. */
const dependsOn = (depends: string | undefined): string[] =>
  depends === undefined ? [] : depends.split(' && ').map((term) => term.replace(/\.Succeeded$/, ''));

/** The export as a cluster would read it: YAML text parsed back. */
function readBack(pipeline: PipelineSpec, cron: string | null = null) {
  const document = parse(stringify(argoWorkflow(input(pipeline, cron)).toJSON())) as {
    kind: string;
    spec: { workflowSpec?: WorkflowSpec; schedules?: string[] } & WorkflowSpec;
  };
  return {
    document,
    spec: (document.kind === 'CronWorkflow' ? document.spec.workflowSpec : document.spec) as WorkflowSpec,
  };
}
interface WorkflowSpec {
  entrypoint: string;
  arguments?: { parameters: { name: string; value?: string; enum?: string[] }[] };
  templates: Template[];
}

/** The step DAG an export holds: tests tasks stand between a step and its downstream. */
function stepGraph(spec: WorkflowSpec): {
  edges: string[];
  retries: Record<string, number>;
  timeouts: Record<string, number>;
} {
  const byTemplate = new Map(spec.templates.map((template) => [template.name, template]));
  const tasks = spec.templates.find((template) => template.name === spec.entrypoint)?.dag?.tasks ?? [];
  const taskOf = new Map(tasks.map((task) => [task.name, task]));
  const stepOfTask = (name: string): string | null => {
    const template = byTemplate.get(taskOf.get(name)?.template ?? '');
    const annotations = template?.metadata?.annotations ?? {};
    return annotations['pipewright.dev/step'] ?? annotations['pipewright.dev/tests-of'] ?? null;
  };
  const edges: string[] = [];
  const retries: Record<string, number> = {};
  const timeouts: Record<string, number> = {};
  for (const task of tasks) {
    const template = byTemplate.get(task.template);
    const step = template?.metadata?.annotations?.['pipewright.dev/step'];
    if (!step || !template) continue;
    for (const dependency of dependsOn(task.depends)) {
      const from = stepOfTask(dependency);
      if (from !== null) edges.push(`${from}->${step}`);
    }
    if (template.retryStrategy) retries[step] = Number(template.retryStrategy.limit);
    if (template.activeDeadlineSeconds !== undefined) timeouts[step] = Number(template.activeDeadlineSeconds);
  }
  return { edges: edges.sort(), retries, timeouts };
}

const stepIds = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,12}$/), {
  minLength: 1,
  maxLength: 8,
  comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
});
const generatedPipeline = stepIds
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(
        fc.record({
          needs: fc.array(fc.nat(), { maxLength: 3 }),
          retries: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
          timeout: fc.option(fc.constantFrom('30s', '10m', '1h30m', 90), { nil: undefined }),
          tested: fc.boolean(),
        }),
        { minLength: ids.length, maxLength: ids.length },
      ),
    ),
  )
  .map(([ids, shapes]): PipelineSpec => {
    const steps: Record<string, StepSpec> = {};
    ids.forEach((id, index) => {
      const shape = shapes[index];
      // Needs only point at earlier steps: the graph stays acyclic, with parallel branches.
      const needs = index === 0 || !shape ? [] : [...new Set(shape.needs.map((n) => ids[n % index] as string))];
      steps[id] = {
        run: `echo ${index}`,
        ...(needs.length > 0 ? { needs } : {}),
        ...(shape?.retries !== undefined ? { retries: shape.retries } : {}),
        ...(shape?.timeout !== undefined ? { timeout: shape.timeout } : {}),
        ...(shape?.tested ? { tests: [{ row_count: { path: `out/${index}.csv`, min: 1 } }] } : {}),
      };
    });
    return {
      version: 1,
      name: 'generated',
      params: {
        region: { type: 'string', default: 'all', enum: ['all', 'eu', 'us'] },
        fraction: { type: 'number', default: 0.5 },
      },
      steps,
    };
  });

describe('the Argo export', () => {
  it('validates against the Argo schema and reads back as the same DAG, params, retries and timeouts (generated pipelines)', () => {
    fc.assert(
      fc.property(generatedPipeline, fc.boolean(), (pipeline, scheduled) => {
        const { document, spec } = readBack(pipeline, scheduled ? '0 6 * * *' : null);
        expect(argoSchemaErrors(scheduled ? 'CronWorkflow' : 'Workflow', document)).toEqual([]);
        const graph = buildPipelineGraph(pipeline);
        const back = stepGraph(spec);
        expect(back.edges).toEqual(graph.edges.map((edge) => `${edge.from}->${edge.to}`).sort());
        expect(back.retries).toEqual(
          Object.fromEntries(
            Object.entries(pipeline.steps).flatMap(([id, step]) => (step.retries ? [[id, step.retries]] : [])),
          ),
        );
        expect(back.timeouts).toEqual(
          Object.fromEntries(
            Object.entries(pipeline.steps).flatMap(([id, step]) =>
              step.timeout !== undefined ? [[id, parseDurationMs(step.timeout) / 1000]] : [],
            ),
          ),
        );
        // The environment's override is the argument's value; the enum is kept.
        expect(spec.arguments?.parameters).toEqual([
          { name: 'region', value: 'eu', enum: ['all', 'eu', 'us'] },
          { name: 'fraction', value: '0.5' },
        ]);
        if (scheduled) expect(document.spec.schedules).toEqual(['0 6 * * *']);
      }),
      { numRuns: 60 },
    );
  });

  it('gives every container the secure defaults, the resources and the retry backoff', () => {
    const { spec } = readBack({
      version: 1,
      name: 'p',
      params: { n: { type: 'integer', default: 3 } },
      steps: {
        a: {
          run: 'python a.py',
          retries: 2,
          retry_delay: '5s',
          tests: [{ command: 'test -s out.csv', severity: 'warn' }],
        },
      },
    });
    const containers = spec.templates.flatMap((template) => (template.container ? [template] : []));
    expect(containers.map((template) => template.name)).toEqual(['checkout', 'a', 'a-tests']);
    for (const template of containers) {
      expect(template.container?.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 65534,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
    const step = containers[1];
    expect(step?.container?.resources).toEqual({
      requests: { cpu: '2', memory: '512Mi' },
      limits: { cpu: '2', memory: '512Mi' },
    });
    expect(step?.retryStrategy).toEqual({
      limit: '2',
      retryPolicy: 'Always',
      backoff: { duration: '5s', factor: '2' },
    });
    // A param reaches the step as a variable Argo fills in, never inside the command text.
    expect(step?.container?.env).toContainEqual({ name: 'PW_PARAM_N', value: '{{workflow.parameters.n}}' });
    expect(step?.container?.args).toEqual(['python a.py']);
    expect(containers[2]?.container?.args[0]).toBe(
      'exec pipewright test "$PW_TEST_PIPELINE" --step "$PW_TEST_STEP" --env "$PW_TEST_ENVIRONMENT" --local --param "n=$PW_PARAM_N"',
    );
  });

  it("a step's when: is its task's when, over the workflow's parameters, and what needs it waits for its success", () => {
    const pipeline: PipelineSpec = {
      version: 1,
      name: 'p',
      params: {
        region: { type: 'string', default: 'all' },
        fraction: { type: 'number', default: 0.5 },
        full: { type: 'boolean', default: false },
      },
      steps: {
        extract: { run: 'x', when: "params.region != 'all'" },
        sample: { run: 'x', needs: ['extract'], when: 'params.fraction > 0.25 and not params.full' },
        report: { run: 'x', needs: ['sample'], when: "params.region not in ['eu', 'us'] or params.fraction == 1" },
        always: { run: 'x' },
      },
    };
    const { document, spec } = readBack(pipeline);
    expect(argoSchemaErrors('Workflow', document)).toEqual([]);
    const tasks = new Map(
      (spec.templates.find((template) => template.name === spec.entrypoint)?.dag?.tasks ?? []).map((task) => [
        task.name,
        task,
      ]),
    );
    expect(tasks.get('extract')?.when).toBe('{{=(workflow.parameters["region"] != "all")}}');
    expect(tasks.get('sample')?.when).toBe(
      `{{=((asFloat(workflow.parameters["fraction"]) > 0.25) && !((workflow.parameters["full"] == 'true')))}}`,
    );
    expect(tasks.get('report')?.when).toBe(
      '{{=(!(workflow.parameters["region"] in ["eu", "us"]) || (asFloat(workflow.parameters["fraction"]) == 1.0))}}',
    );
    expect(tasks.get('always')?.when).toBeUndefined();
    // Argo omits a task whose depends did not succeed: a step skipped by its condition skips what needs it.
    expect(tasks.get('sample')?.depends).toBe('extract.Succeeded');
    expect(tasks.get('extract')?.depends).toBe('checkout.Succeeded');
  });

  it("a condition's strings reach Argo escaped, and braces in them, which Argo would read as a tag, are refused", () => {
    const pipeline = (when: string): PipelineSpec => ({
      version: 1,
      name: 'p',
      params: { region: { type: 'string', default: 'all' } },
      steps: { a: { run: 'x', when } },
    });
    const tasks = (when: string) =>
      readBack(pipeline(when)).spec.templates.find((template) => template.name === 'pipeline')?.dag?.tasks ?? [];
    expect(tasks(String.raw`params.region == "it's \"b\" \\"`).find((task) => task.name === 'a')?.when).toBe(
      String.raw`{{=(workflow.parameters["region"] == "it's \"b\" \\")}}`,
    );
    expect(() => argoWorkflow(input(pipeline("params.region == '{{workflow.name}}'")))).toThrow(
      `step "a": when: params.region == '{{workflow.name}}' holds "{{" or "}}" in a string, which Argo would read as a template tag`,
    );
  });

  it('the library refuses a resource Argo would refuse', () => {
    const pipeline: PipelineSpec = { version: 1, name: 'p', steps: { a: { run: 'x', timeout: '10m' } } };
    expect(() =>
      argoWorkflow({
        ...input(pipeline),
        environments: { prod: { spec: ENVIRONMENT, image: 42 as unknown as string } },
      }),
    ).toThrow(/image/);
  });
});
