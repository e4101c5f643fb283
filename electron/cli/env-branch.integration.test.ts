// An environment per experiment, against a real Docker engine through the built CLI: a
// branch's copy of an environment has its own sampled data volume, service and network,
// labelled with the branch; runs on that branch use it, runs on main keep the environment's
// own; tearing the copy down removes exactly what it created.
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../shared/run/environment-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import {
  branchEnvironmentRef,
  serviceContainerName,
  volumeName,
  workspaceId,
} from '../services/docker/docker-names.js';
import { runCli } from '../testing/cli-process.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;

async function removeLeftovers(root: string): Promise<void> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(root)}`] };
  for (const container of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(container.Id).remove({ force: true, v: true });
  for (const network of await docker.listNetworks({ filters })) await docker.getNetwork(network.Id).remove();
  for (const volume of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker.getVolume(volume.Name).remove();
}

afterEach(async () => {
  if (!workspace) return;
  if (dockerMissing === null) await removeLeftovers(workspace.root);
  workspace.remove();
});

const SETTINGS = `version: 1
environments:
  test:
    runner: docker
    image: ${BUSYBOX_IMAGE}
    data:
      - source: data/raw
        mode: sample
        fraction: 0.5
        seed: 7
    services:
      web:
        image: ${BUSYBOX_IMAGE}
        command: mkdir -p /tmp/www && hostname > /tmp/www/index.html && httpd -f -p 8080 -h /tmp/www
        healthcheck: { command: "wget -q -O- http://127.0.0.1:8080/", interval: 200ms, retries: 50 }
`;

// What the step sees: how many sampled rows came from each version of the data, and which
// service container answered on its network.
const PIPELINE = `version: 1
name: probe
steps:
  probe:
    run: 'echo "$(grep -c main-data data/raw/orders.csv) $(grep -c branch-data data/raw/orders.csv)" > out/data.txt && wget -q -O- http://web:8080/ > out/service.txt'
    environment: test
    outputs: [out/data.txt, out/service.txt]
`;

const orders = (marker: string) =>
  ['order_id,source', ...Array.from({ length: 200 }, (_, i) => `O${i},${marker}`)].join('\n');

/** Labels of every resource of the workspace in Docker, one entry per resource. */
async function resources(): Promise<Array<{ kind: string; name: string; labels: Record<string, string> }>> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`] };
  return [
    ...(await docker.listContainers({ all: true, filters })).map((c) => ({
      kind: 'container',
      name: c.Names[0]?.replace(/^\//, '') ?? c.Id,
      labels: c.Labels,
    })),
    ...(await docker.listNetworks({ filters })).map((n) => ({ kind: 'network', name: n.Name, labels: n.Labels ?? {} })),
    ...((await docker.listVolumes({ filters })).Volumes ?? []).map((v) => ({
      kind: 'volume',
      name: v.Name,
      labels: v.Labels ?? {},
    })),
  ].sort((x, y) => `${x.kind}:${x.name}`.localeCompare(`${y.kind}:${y.name}`));
}

async function runProbe(args: string[] = []): Promise<RunSummary> {
  const result = await runCli(['run', 'probe', '--no-cache', '--json', ...args], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunSummary;
}

async function hostnameOf(container: string): Promise<string> {
  return (await docker.getContainer(container).inspect()).Config.Hostname;
}

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `An environment per branch (skipped: ${dockerMissing})`
    : 'An environment per branch';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it("gives a branch its own copy of an environment, which the branch's runs use and its teardown removes alone", async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\ndata/\nout/\n',
      'pipewright.yaml': SETTINGS,
      'pipelines/probe.pipeline.yaml': PIPELINE,
    });
    workspace.write('data/raw/orders.csv', `${orders('main-data')}\n`);
    const base = { root: workspace.root, environment: 'test' };
    const copy = branchEnvironmentRef(workspace.root, 'test', 'feature/x');

    // main: the environment's own resources, with the data as it was then.
    const onMain = await runProbe();
    expect(onMain.images).toEqual({ test: expect.stringMatching(/^sha256:/) as unknown });
    const mainRows = workspace.read('out/data.txt').trim().split(' ').map(Number);
    expect(mainRows[0]).toBeGreaterThan(50);
    expect(mainRows[1]).toBe(0);
    expect(workspace.read('out/service.txt').trim()).toBe(await hostnameOf(serviceContainerName(base, 'web')));
    const before = await resources();
    const baseVolume = before.find((resource) => resource.name === volumeName(base, 0));
    expect(baseVolume).toBeDefined();

    // The data changes; the branch gets its copy, sampled from the data as it is now.
    workspace.write('data/raw/orders.csv', `${orders('branch-data')}\n`);
    expect((await runCli(['env', 'up', 'test', '--for-branch', 'bad~name'], workspace.root)).code).toBe(2);
    const up = await runCli(['env', 'up', 'test', '--for-branch', 'feature/x'], workspace.root);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('service web: running (healthy)');
    const created = (await resources()).filter(
      (resource) => !before.some((old) => old.kind === resource.kind && old.name === resource.name),
    );
    expect(created.map((resource) => resource.kind).sort()).toEqual(['container', 'network', 'volume']);
    for (const resource of created) {
      expect(resource.name).toContain('test-feature-x-');
      expect(resource.labels).toMatchObject({
        'dev.pipewright.branch': 'feature/x',
        'dev.pipewright.environment': 'test~feature/x',
      });
    }
    expect((await resources()).find((resource) => resource.name === volumeName(base, 0))).toEqual(baseVolume);

    const statuses = JSON.parse(
      (await runCli(['env', 'status', '--json'], workspace.root)).stdout,
    ) as EnvironmentStatus[];
    expect(statuses.map((status) => [status.name, status.ready])).toEqual([
      ['test', true],
      ['test~feature/x', true],
    ]);

    // A run on the branch sees the copy's data and reaches the copy's service.
    gitCli(workspace.root, 'checkout', '-q', '-b', 'feature/x');
    const onBranch = await runProbe();
    expect(onBranch.gitBranch).toBe('feature/x');
    expect(Object.keys(onBranch.images)).toEqual(['test~feature/x']);
    const branchRows = workspace.read('out/data.txt').trim().split(' ').map(Number);
    expect(branchRows[0]).toBe(0);
    expect(branchRows[1]).toBeGreaterThan(50);
    expect(workspace.read('out/service.txt').trim()).toBe(await hostnameOf(serviceContainerName(copy, 'web')));
    // The environment's own volume still holds what it held.
    expect((await resources()).find((resource) => resource.name === volumeName(base, 0))).toEqual(baseVolume);

    // Down for the branch: exactly what up created, and nothing of the environment's own.
    const down = await runCli(['env', 'down', 'test', '--for-branch', 'feature/x', '--json'], workspace.root);
    expect(down.code, down.stderr).toBe(0);
    expect((JSON.parse(down.stdout) as { removed: string[] }).removed.sort()).toEqual(
      created.map((resource) => `${resource.kind} ${resource.name}`).sort(),
    );
    expect(await resources()).toEqual(before);
    expect((await docker.getContainer(serviceContainerName(base, 'web')).inspect()).State.Running).toBe(true);

    // Without its copy, the branch runs in the environment itself.
    const afterDown = await runProbe();
    expect(Object.keys(afterDown.images)).toEqual(['test']);
    expect(workspace.read('out/service.txt').trim()).toBe(await hostnameOf(serviceContainerName(base, 'web')));
  });
});
