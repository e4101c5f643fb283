// Whatever a Docker test left in the engine for its workspace (containers, networks, volumes,
// built images), found by the workspace label and removed.
import type Docker from 'dockerode';
import { workspaceId } from '../services/docker/docker-names.js';

export function workspaceFilter(root: string, kind?: string): { label: string[] } {
  return {
    label: [`dev.pipewright.workspace-id=${workspaceId(root)}`, ...(kind ? [`dev.pipewright.kind=${kind}`] : [])],
  };
}

/** A container gone meanwhile (404) or being removed by the runner itself (409) needs nothing more. */
function alreadyGoing(error: unknown): void {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status !== 404 && status !== 409) throw error;
}

export async function removeDockerLeftovers(docker: Docker, root: string): Promise<void> {
  const filters = workspaceFilter(root);
  for (const container of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(alreadyGoing);
  }
  for (const network of await docker.listNetworks({ filters })) await docker.getNetwork(network.Id).remove();
  for (const volume of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker.getVolume(volume.Name).remove();
  for (const image of await docker.listImages({ filters })) await docker.getImage(image.Id).remove({ force: true });
}

/** The step containers of a workspace, stopped ones too. */
export async function stepContainers(docker: Docker, root: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: workspaceFilter(root, 'step') });
}
