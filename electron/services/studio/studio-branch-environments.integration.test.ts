// "Environment for this branch" through the studio's contract, against a real Docker engine: the
// copy of the test environment is brought up under its own name with progress events, the
// Experiments list says the branch has one, and tearing it down removes exactly it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap, RequestOf, ResponseOf, Channel } from '../../../shared/ipc/contract.js';
import { workspaceId } from '../docker/docker-names.js';
import { waitFor } from '../../testing/cli-process.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../../testing/docker-support.js';
import { gitCli, tempRepository } from '../../testing/git-cli.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { pipelineYaml } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { StudioBackend } from './studio-backend.js';

const inCI = process.env.CI === 'true';

const SETTINGS = `version: 1
environments:
  test:
    runner: docker
    image: ${BUSYBOX_IMAGE}
  prod: { description: runs locally }
promotion:
  path: [test, prod]
`;

let workspace: TempWorkspace;
let backend: StudioBackend;
const events: StudioEventRecord[] = [];

async function removeLeftovers(root: string): Promise<void> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(root)}`] };
  for (const container of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(container.Id).remove({ force: true, v: true });
  for (const network of await docker.listNetworks({ filters })) await docker.getNetwork(network.Id).remove();
  for (const volume of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker.getVolume(volume.Name).remove();
}

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

const finished = (environment: string) =>
  events.find(
    (entry) =>
      entry.event === 'env:progress' &&
      (entry.payload as EventMap['env:progress']).type === 'finished' &&
      (entry.payload as EventMap['env:progress']).environment === environment,
  );

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `An environment per branch in the studio (skipped: ${dockerMissing})`
    : 'An environment per branch in the studio';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  beforeEach(async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\n',
      'pipewright.yaml': SETTINGS,
      'pipelines/probe.pipeline.yaml': pipelineYaml('probe', '  say:\n    run: echo hello\n'),
    });
    gitCli(workspace.root, 'branch', 'feature-x');
    backend = new StudioBackend({ canOpenWorkspaces: false });
    events.length = 0;
    recordStudioEvents(backend, events);
    await backend.open(workspace.root);
  });
  afterEach(async () => {
    await backend.close();
    await removeLeftovers(workspace.root);
    workspace.remove();
  });

  it("brings up the branch's copy with progress, lists it with the experiment, and tears exactly it down", async () => {
    const { environment } = await call('env:up-for-branch', { name: 'test', branch: 'feature-x' });
    expect(environment).toBe('test~feature-x');
    await waitFor(() => finished(environment) !== undefined, 'the copy to be provisioned', 60_000);
    expect(finished(environment)?.payload).toMatchObject({ action: 'up', ok: true });
    expect(
      events.some(
        (entry) => entry.event === 'env:progress' && (entry.payload as EventMap['env:progress']).type === 'phase',
      ),
    ).toBe(true);

    expect(
      (await call('experiments:list', {})).map((experiment) => [experiment.branch, experiment.environment]),
    ).toEqual([['feature-x', 'test']]);
    // The environment itself was never made: only the branch's copy exists.
    expect((await call('env:status', {})).environments.find((status) => status.name === 'test')?.network?.present).toBe(
      false,
    );

    const { removed } = await call('env:down-for-branch', { name: 'test', branch: 'feature-x' });
    expect(removed).toEqual([expect.stringMatching(/^network pipewright-.*-test-feature-x/)]);
    expect((await call('experiments:list', {}))[0]?.environment).toBeNull();
  });

  it('refuses a copy of an environment that runs locally, saying why', async () => {
    await expect(call('env:up-for-branch', { name: 'prod', branch: 'feature-x' })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('runs steps locally'),
    });
    await expect(call('env:up-for-branch', { name: 'nope', branch: 'feature-x' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
