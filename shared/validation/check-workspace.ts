import { normalizeWorkspacePath } from '../pipeline/workspace-paths.js';
import { didYouMean } from '../text/did-you-mean.js';
import { checkJourneys } from './check-journeys.js';
import { ENVIRONMENT_NAME, STEP_ID } from '../pipeline/names.js';
import type { FieldPath, Problem } from '../pipeline/problem.js';
import type { EnvironmentSpec, WorkspaceSpec } from '../pipeline/schema.js';
import type { YamlSource } from '../pipeline/yaml-source.js';

type Report = (
  path: FieldPath,
  code: string,
  message: string,
  extra?: { hint?: string; target?: 'key' | 'value' },
) => void;

/** Checks of pipewright.yaml beyond its schema. */
export function checkWorkspace(source: YamlSource, workspace: WorkspaceSpec): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, code, message, extra = {}) =>
    problems.push({
      severity: 'error',
      code,
      message,
      file: source.file,
      path,
      ...source.locate(path, extra.target),
      ...(extra.hint ? { hint: extra.hint } : {}),
    });

  const names = Object.keys(workspace.environments ?? {});
  for (const [name, environment] of Object.entries(workspace.environments ?? {})) {
    if (!ENVIRONMENT_NAME.test(name)) {
      report(
        ['environments', name],
        'invalid-environment-name',
        `environment name "${name}" may use only letters, digits, "_", "-" and "."`,
        { target: 'key' },
      );
    }
    checkEnvironment(['environments', name], environment, report);
  }
  const fallback = workspace.default_environment;
  if (fallback !== undefined && !names.includes(fallback)) {
    const hint = didYouMean(fallback, names);
    report(
      ['default_environment'],
      'unknown-environment',
      `default_environment "${fallback}" is not defined under environments`,
      hint ? { hint } : {},
    );
  }
  checkJourneys(workspace, report);
  return problems;
}

const DOCKER_ONLY = [
  'image',
  'build',
  'resources',
  'network',
  'data',
  'services',
  'docker_host',
  'tls',
  'transfer',
] as const;

function checkEnvironment(path: FieldPath, environment: EnvironmentSpec, report: Report): void {
  if ((environment.runner ?? 'local') === 'local') {
    for (const field of DOCKER_ONLY) {
      if (environment[field] !== undefined)
        report([...path, field], 'docker-only', `${field} applies only to docker environments (add runner: docker)`, {
          target: 'key',
        });
    }
    return;
  }
  if ((environment.image === undefined) === (environment.build === undefined)) {
    report(
      [...path, 'runner'],
      'docker-image',
      environment.image === undefined
        ? 'a docker environment needs an image to pull (image:) or to build (build:)'
        : 'give either image: or build:, not both',
    );
  }
  const context = typeof environment.build === 'string' ? environment.build : environment.build?.context;
  if (context !== undefined && normalizeWorkspacePath(context) === null) {
    report(
      [...path, 'build'],
      'path-outside-workspace',
      `the build context "${context}" must be a folder of the workspace`,
    );
  }
  (environment.data ?? []).forEach((data, index) => {
    const at = [...path, 'data', index];
    if (normalizeWorkspacePath(data.source) === null)
      report([...at, 'source'], 'path-outside-workspace', `"${data.source}" leaves the workspace`);
    const sampling = data.fraction !== undefined || data.rows !== undefined || data.seed !== undefined;
    if (data.mode === 'sample' && (data.fraction === undefined) === (data.rows === undefined)) {
      report([...at, 'mode'], 'data-sample', 'a sample needs either fraction: or rows:, not both');
    } else if (data.mode !== 'sample' && sampling) {
      report([...at, 'mode'], 'data-sample', 'fraction, rows and seed apply only to mode: sample');
    }
  });
  checkTransfer(path, environment, report);
  for (const name of Object.keys(environment.services ?? {})) {
    if (!STEP_ID.test(name))
      report(
        [...path, 'services', name],
        'invalid-service-name',
        `service name "${name}" may use only letters, digits, "_" and "-": steps reach it by this name`,
        { target: 'key' },
      );
  }
}

/** A remote engine cannot see this machine's folders: nothing may be bound from here. */
function checkTransfer(path: FieldPath, environment: EnvironmentSpec, report: Report): void {
  const remote = environment.docker_host !== undefined;
  if (remote && environment.transfer === 'mount') {
    report(
      [...path, 'transfer'],
      'remote-mount',
      `transfer: mount binds folders of this machine, which the engine at ${environment.docker_host} cannot see: use transfer: copy (or leave it out)`,
    );
  }
  if (environment.tls !== undefined && !environment.docker_host?.startsWith('tcp://')) {
    report([...path, 'tls'], 'docker-tls', 'tls: applies only to a docker_host of the form tcp://HOST:PORT', {
      target: 'key',
    });
  }
  if (!remote && environment.transfer !== 'copy') return;
  const where = remote ? `the engine at ${environment.docker_host}` : 'transfer: copy';
  (environment.data ?? []).forEach((data, index) => {
    if ((data.mode ?? 'mount') === 'mount') {
      report(
        [...path, 'data', index, 'mode'],
        'remote-mount',
        `data ${data.source} is mounted from this machine, which ${where} does not do: use mode: copy or mode: sample`,
      );
    }
  });
}
