// How Pipewright names and labels what it creates in Docker. Everything carries labels, so it
// can be found (status, teardown, cleaning up after a crash) without touching anything else.
import { createHash } from 'node:crypto';

export const LABEL = {
  workspace: 'dev.pipewright.workspace',
  workspaceId: 'dev.pipewright.workspace-id',
  environment: 'dev.pipewright.environment',
  kind: 'dev.pipewright.kind',
  pipeline: 'dev.pipewright.pipeline',
  run: 'dev.pipewright.run',
  step: 'dev.pipewright.step',
  attempt: 'dev.pipewright.attempt',
  service: 'dev.pipewright.service',
  data: 'dev.pipewright.data',
  branch: 'dev.pipewright.branch',
} as const;

/** transfer: a volume holding a step's copied files (transfer: copy, a remote docker_host). */
export type ResourceKind = 'step' | 'service' | 'network' | 'volume' | 'image' | 'helper' | 'transfer';

export function workspaceId(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 10);
}

export interface EnvironmentRef {
  root: string;
  /** The environment's name, or for a branch's copy of one its name and the branch: `test~feature-x`. */
  environment: string;
  /** Set for a branch's copy of an environment: labelled, so its teardown and status find exactly it. */
  branch?: string;
}

/** Git forbids "~" in branch names and pipewright.yaml in environment names: the split is exact. */
export const BRANCH_COPY_SEPARATOR = '~';

/** The copy of environment `name` made for `branch`: its own data volumes, services and network. */
export function branchEnvironmentRef(root: string, name: string, branch: string): EnvironmentRef {
  return { root, environment: `${name}${BRANCH_COPY_SEPARATOR}${branch}`, branch };
}

/**
 * Docker names allow [a-z0-9_.-]: a name is lowercased and cleaned for them, with a short hash
 * of the original when cleaning changed it, so "Dev" and "dev" stay apart.
 */
function slug(name: string): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
  return clean === name ? clean : `${clean}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
}

export function resourcePrefix(ref: EnvironmentRef): string {
  return `pipewright-${workspaceId(ref.root)}-${slug(ref.environment)}`;
}

export const networkName = (ref: EnvironmentRef) => resourcePrefix(ref);
export const volumeName = (ref: EnvironmentRef, index: number) => `${resourcePrefix(ref)}-data-${index}`;
export const serviceContainerName = (ref: EnvironmentRef, service: string) => `${resourcePrefix(ref)}-${slug(service)}`;
export const builtImageTag = (ref: EnvironmentRef) =>
  `pipewright/${workspaceId(ref.root)}-${slug(ref.environment)}:latest`;

export function labels(
  ref: EnvironmentRef,
  kind: ResourceKind,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    [LABEL.workspace]: ref.root,
    [LABEL.workspaceId]: workspaceId(ref.root),
    [LABEL.environment]: ref.environment,
    [LABEL.kind]: kind,
    ...(ref.branch !== undefined ? { [LABEL.branch]: ref.branch } : {}),
    ...extra,
  };
}

/** A dockerode list filter for resources of an environment (or of a whole workspace). */
export function labelFilter(root: string, environment?: string, kind?: ResourceKind): { label: string[] } {
  return {
    label: [
      `${LABEL.workspaceId}=${workspaceId(root)}`,
      ...(environment !== undefined ? [`${LABEL.environment}=${environment}`] : []),
      ...(kind !== undefined ? [`${LABEL.kind}=${kind}`] : []),
    ],
  };
}
