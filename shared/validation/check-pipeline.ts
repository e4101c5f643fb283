// The checks a schema cannot express: references between steps, the shape of the DAG, paths
// that must stay in the workspace, and params that must agree with their declared types.
import { buildPipelineGraph, findCycle } from '../dag/pipeline-graph.js';
import { PathOverlaps } from '../dag/path-overlaps.js';
import { normalizeWorkspacePath, reservedPlace } from '../pipeline/workspace-paths.js';
import { didYouMean } from '../text/did-you-mean.js';
import { PARAM_NAME, STEP_ID, paramEnvName, pipelineNameOfFile } from '../pipeline/names.js';
import { paramValueError } from '../pipeline/params.js';
import type { FieldPath, Problem } from '../pipeline/problem.js';
import type { PipelineSpec, WorkspaceSpec } from '../pipeline/schema.js';
import { TEST_KINDS } from '../pipeline/schema.js';
import { testArgs } from '../pipeline/test-schema.js';
import { dataTestProblems } from './check-data-test.js';
import type { YamlSource } from '../pipeline/yaml-source.js';
import type { Report } from './report.js';
import { checkCommandOrNotebook } from './check-notebook-step.js';
import { whenProblems } from './check-when.js';

export interface WorkspaceContext {
  source: YamlSource;
  spec: WorkspaceSpec;
}

export function checkPipeline(source: YamlSource, pipeline: PipelineSpec, workspace?: WorkspaceContext): Problem[] {
  const problems: Problem[] = [];
  const report = (
    path: FieldPath,
    code: string,
    message: string,
    extra: { hint?: string; target?: 'key' | 'value'; severity?: 'warning'; at?: YamlSource } = {},
  ) => {
    const at = extra.at ?? source;
    problems.push({
      severity: extra.severity ?? 'error',
      code,
      message,
      file: at.file,
      path,
      ...at.locate(path, extra.target),
      ...(extra.hint ? { hint: extra.hint } : {}),
    });
  };

  const fileName = pipelineNameOfFile(source.file);
  if (fileName !== null && fileName !== pipeline.name) {
    report(
      ['name'],
      'name-mismatch',
      `the pipeline is named "${pipeline.name}" but its file is ${fileName}.pipeline.yaml`,
      { severity: 'warning' },
    );
  }

  checkParams(pipeline, report, workspace);

  const stepIds = Object.keys(pipeline.steps);
  const environments = workspace ? Object.keys(workspace.spec.environments ?? {}) : undefined;
  const outputs: Array<{ step: string; at: FieldPath; path: string }> = [];

  for (const [id, step] of Object.entries(pipeline.steps)) {
    if (!STEP_ID.test(id)) {
      report(['steps', id], 'invalid-step-id', `step id "${id}" may use only letters, digits, "_" and "-"`, {
        target: 'key',
      });
    }
    checkCommandOrNotebook(id, step, report, (path) => outputs.push(path));

    const needs = step.needs ?? [];
    needs.forEach((need, index) => {
      if (need === id) report(['steps', id, 'needs', index], 'cycle', `step "${id}" needs itself`);
      else if (!pipeline.steps[need]) {
        report(['steps', id, 'needs', index], 'unknown-step', `needs step "${need}", which does not exist`, {
          hint: didYouMean(need, stepIds),
        });
      } else if (needs.indexOf(need) !== index) {
        report(['steps', id, 'needs', index], 'duplicate-need', `"${need}" is listed twice`, { severity: 'warning' });
      }
    });

    for (const field of ['inputs', 'outputs', 'metrics'] as const) {
      (step[field] ?? []).forEach((path, index) => {
        const normalized = normalizeWorkspacePath(path);
        if (normalized === null) {
          report(
            ['steps', id, field, index],
            'path-outside-workspace',
            `"${path}" leaves the workspace: use a path relative to the workspace, without ../`,
          );
          return;
        }
        // Steps write their outputs and metrics files: never into git, Pipewright's state or the workspace's definitions.
        const reserved = field === 'inputs' ? null : reservedPlace(normalized);
        if (reserved !== null) {
          report(['steps', id, field, index], 'reserved-path', `"${path}" ${reserved}, which a step may never write`, {
            hint: 'write it elsewhere, e.g. under out/',
          });
        }
        if (field === 'outputs') outputs.push({ step: id, at: ['steps', id, field, index], path: normalized });
      });
    }

    if (step.environment !== undefined && environments && !environments.includes(step.environment)) {
      report(
        ['steps', id, 'environment'],
        'unknown-environment',
        `environment "${step.environment}" is not defined in pipewright.yaml`,
        {
          hint:
            didYouMean(step.environment, environments) ??
            (environments.length ? `defined: ${environments.join(', ')}` : 'pipewright.yaml defines no environments'),
        },
      );
    }

    if (step.when !== undefined) problems.push(...whenProblems(source, id, step.when, pipeline.params ?? {}));

    const testNames = (step.tests ?? []).map((test) => test.name);
    (step.tests ?? []).forEach((test, index) => {
      // A test's name keys its metric series and its alerts: two tests of a step cannot share one.
      if (test.name !== undefined && testNames.indexOf(test.name) !== index) {
        report(
          ['steps', id, 'tests', index, 'name'],
          'duplicate-test-name',
          `another test of step "${id}" is already named "${test.name}"`,
        );
      }
      const kinds = TEST_KINDS.filter((kind) => test[kind] !== undefined);
      if (kinds.length !== 1) {
        report(
          ['steps', id, 'tests', index],
          'test-kind',
          kinds.length === 0
            ? `a test needs one of: ${TEST_KINDS.join(', ')}`
            : `a test has exactly one kind, found ${kinds.join(' and ')}`,
        );
      }
      if (test.command !== undefined && test.command.trim() === '') {
        report(['steps', id, 'tests', index, 'command'], 'empty-run', 'the test command is empty');
      }
      const kind = kinds[0];
      if (kinds.length === 1 && kind !== undefined && kind !== 'command') {
        for (const problem of dataTestProblems(kind, testArgs(test, kind))) {
          report(['steps', id, 'tests', index, kind, problem.field], problem.code, problem.message);
        }
      }
    });
  }

  const earlier = new PathOverlaps<(typeof outputs)[number]>();
  outputs.forEach((output) => {
    const clash = earlier.overlapping(output.path)[0];
    earlier.add(output.path, output);
    if (!clash) return;
    const same = clash.path === output.path;
    const owner = clash.step === output.step ? 'this step' : `step "${clash.step}"`;
    report(
      output.at,
      'duplicate-output',
      same
        ? `"${output.path}" is also written by ${owner}`
        : `"${output.path}" overlaps "${clash.path}", written by ${owner}`,
    );
  });

  const cycle = findCycle(buildPipelineGraph(pipeline));
  const first = cycle?.[0] ?? '';
  const reportedAsSelfNeed = cycle?.length === 2 && (pipeline.steps[first]?.needs ?? []).includes(first);
  if (cycle && !reportedAsSelfNeed) {
    report(['steps', first], 'cycle', `the steps form a cycle: ${cycle.join(' -> ')}`, { target: 'key' });
  }
  return problems;
}

function checkParams(pipeline: PipelineSpec, report: Report, workspace?: WorkspaceContext): void {
  const envNames = new Map<string, string>();
  for (const [name, spec] of Object.entries(pipeline.params ?? {})) {
    const path = ['params', name];
    if (!PARAM_NAME.test(name)) {
      report(
        path,
        'invalid-param-name',
        `param name "${name}" must start with a letter or "_" and use only letters, digits and "_"`,
        { target: 'key' },
      );
    }
    const envName = paramEnvName(name);
    const clash = envNames.get(envName);
    if (clash !== undefined)
      report(path, 'param-clash', `params "${clash}" and "${name}" both reach steps as ${envName}`, { target: 'key' });
    envNames.set(envName, name);

    const numeric = spec.type === 'number' || spec.type === 'integer';
    for (const bound of ['min', 'max'] as const) {
      if (spec[bound] !== undefined && !numeric)
        report([...path, bound], 'invalid-param', `${bound} applies only to number and integer params`);
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      report([...path, 'min'], 'invalid-param', `min ${spec.min} is above max ${spec.max}`);
    }
    spec.enum?.forEach((value, index) => {
      const error = paramValueError({ type: spec.type }, value);
      if (error) report([...path, 'enum', index], 'param-type', error);
    });
    if (spec.default !== undefined) {
      const error = paramValueError(spec, spec.default);
      if (error) report([...path, 'default'], 'param-type', `default: ${error}`);
    }
    for (const [envName2, environment] of Object.entries(workspace?.spec.environments ?? {})) {
      const override = environment.params?.[name];
      if (override === undefined || !workspace) continue;
      const error = paramValueError(spec, override);
      if (error) {
        report(
          ['environments', envName2, 'params', name],
          'param-type',
          `override of ${pipeline.name}'s param "${name}": ${error}`,
          { at: workspace.source },
        );
      }
    }
  }
}
