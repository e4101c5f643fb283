// The image each environment's steps run in on a cluster, and what of an environment the
// cluster cannot have. A cluster pulls images from a registry: an environment that builds its
// image from a Dockerfile, or runs steps as local processes, needs the name of an image pushed
// there (--image).
import type { EnvironmentSpec, PipelineSpec } from '../../../shared/pipeline/schema.js';
import { ExportError } from './export-error.js';

export interface StepEnvironments {
  images: Record<string, { spec: EnvironmentSpec; image: string }>;
  warnings: string[];
}

function imageOf(name: string, environment: EnvironmentSpec, given: string | undefined): string {
  if (given !== undefined) return given;
  if (environment.build !== undefined) {
    throw new ExportError(
      `environment "${name}" builds its image from a Dockerfile: build and push it to a registry the cluster pulls from, and give its name with --image`,
    );
  }
  if (environment.image === undefined) {
    throw new ExportError(
      `environment "${name}" runs steps as local processes: give the image they run in on the cluster with --image`,
    );
  }
  return environment.image;
}

function lostParts(name: string, environment: EnvironmentSpec): string[] {
  const warnings: string[] = [];
  const services = Object.keys(environment.services ?? {});
  if (services.length > 0)
    warnings.push(
      `environment "${name}": services (${services.join(', ')}) are not exported; run them in the cluster and set their addresses in env`,
    );
  if ((environment.data ?? []).length > 0)
    warnings.push(
      `environment "${name}": data mounts are not exported; the steps see the files committed in the repository`,
    );
  if (environment.resources?.pids !== undefined)
    warnings.push(`environment "${name}": resources.pids has no equivalent in a pod and is left out`);
  if (environment.network === 'bridge')
    warnings.push(
      `environment "${name}": network bridge is the cluster's default; a NetworkPolicy decides what pods reach`,
    );
  return warnings;
}

export function stepEnvironments(
  pipeline: PipelineSpec,
  environmentName: string,
  environments: Readonly<Record<string, EnvironmentSpec>>,
  image: string | undefined,
): StepEnvironments {
  const names = new Set([
    environmentName,
    ...Object.values(pipeline.steps).flatMap((step) => (step.environment !== undefined ? [step.environment] : [])),
  ]);
  const images: StepEnvironments['images'] = {};
  const warnings: string[] = [];
  for (const name of names) {
    const spec = environments[name];
    if (!spec) throw new ExportError(`environment "${name}" is not defined in pipewright.yaml`);
    // --image stands for the export's environment; another a step names keeps its own.
    images[name] = { spec, image: imageOf(name, spec, name === environmentName ? image : undefined) };
    warnings.push(...lostParts(name, spec));
  }
  return { images, warnings };
}
