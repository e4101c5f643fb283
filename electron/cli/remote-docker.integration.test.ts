// An environment on a remote Docker host: a second engine of the test's own on a TCP port of
// this machine, with its own data root, bridge and images (MACHINE.md). Its steps get their
// files through the archive API, never a bind mount; the outputs are the bytes a run on the
// local engine writes; a cancel mid-step and the teardown leave nothing of Pipewright's there.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../shared/run/environment-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli, startCli } from '../testing/cli-process.js';
import { removeDockerLeftovers, workspaceFilter } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, docker as localDocker, dockerMissing } from '../testing/docker-support.js';
import { secondEngineMissing, startSecondEngine } from '../testing/second-docker-engine.js';
import type { SecondEngine } from '../testing/second-docker-engine.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
const missing = dockerMissing ?? secondEngineMissing();
let engine: SecondEngine | undefined;
const workspaces: TempWorkspace[] = [];

beforeAll(async () => {
  if (missing === null) engine = await startSecondEngine();
}, 120_000);

afterAll(async () => {
  for (const workspace of workspaces) {
    await removeDockerLeftovers(localDocker, workspace.root);
    workspace.remove();
  }
  await engine?.remove();
}, 60_000);

/** `copy`: the local engine with transfer: copy, the path a remote host always takes. */
const environment = (host: string | null | 'copy') =>
  `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n${host === null ? '' : host === 'copy' ? '    transfer: copy\n' : `    docker_host: ${host}\n`}`;

// A binary input, a folder output with a nested file and a link inside it, a file at the
// workspace root, params through the params file, and a step reading another's outputs.
const PIPELINE = pipelineYaml(
  'p',
  [
    '  prepare:',
    '    run: sh steps/prepare.sh',
    '    environment: box',
    '    inputs: [data/raw/]',
    '    outputs: [out/prepared/, summary.txt]',
    '  count:',
    '    run: wc -c out/prepared/copy.bin > out/count.txt && cat "$PW_PARAMS_FILE" > out/params.json && id -u > out/user.txt',
    '    environment: box',
    '    inputs: [out/prepared/]',
    '    outputs: [out/count.txt, out/params.json, out/user.txt]',
    '',
  ].join('\n'),
  '  size: { type: integer, default: 7 }\n',
);
const PREPARE = [
  'set -e',
  'mkdir -p out/prepared/nested',
  'cat data/raw/blob.bin > out/prepared/copy.bin',
  'ls data/raw > out/prepared/nested/listing.txt',
  'ln -s copy.bin out/prepared/latest',
  'echo "size $PW_PARAM_SIZE" > summary.txt',
  'sleep 1',
  '',
].join('\n');
const OUTPUTS = [
  'out/prepared/copy.bin',
  'out/prepared/nested/listing.txt',
  'summary.txt',
  'out/count.txt',
  'out/params.json',
  'out/user.txt',
];

function workspaceWith(host: string | null | 'copy', blob: Buffer, pipeline = PIPELINE): TempWorkspace {
  const workspace = tempWorkspace({
    'pipewright.yaml': environment(host),
    'pipelines/p.pipeline.yaml': pipeline,
    'steps/prepare.sh': PREPARE,
    'data/raw/notes.txt': 'notes\n',
  });
  writeFileSync(workspace.path('data/raw/blob.bin'), blob);
  workspaces.push(workspace);
  return workspace;
}

/** Every container of the workspace the remote engine has while `running` goes on, inspected. */
async function watchContainers(
  docker: Docker,
  root: string,
  running: Promise<unknown>,
): Promise<Map<string, Docker.ContainerInspectInfo>> {
  const seen = new Map<string, Docker.ContainerInspectInfo>();
  let done = false;
  void running.finally(() => {
    done = true;
  });
  while (!done) {
    for (const container of await docker.listContainers({ all: true, filters: workspaceFilter(root) })) {
      const info = await docker
        .getContainer(container.Id)
        .inspect()
        .catch(() => null);
      if (info) seen.set(container.Id, info);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

/** What the remote engine holds with the workspace's labels. */
async function labelled(docker: Docker, root: string): Promise<string[]> {
  const filters = workspaceFilter(root);
  return [
    ...(await docker.listContainers({ all: true, filters })).map(
      (container) => `container ${container.Names.join(',')}`,
    ),
    ...(await docker.listNetworks({ filters })).map((network) => `network ${network.Name}`),
    ...((await docker.listVolumes({ filters })).Volumes ?? []).map((volume) => `volume ${volume.Name}`),
  ];
}

const title =
  missing !== null && !inCI
    ? `an environment on a remote Docker host (skipped: ${missing})`
    : 'an environment on a remote Docker host';
describe.skipIf(missing !== null && !inCI)(title, () => {
  it('produces the bytes a local run does, binds nothing there, and its teardown leaves nothing labelled', async () => {
    expect(missing).toBeNull();
    const remote = engine as SecondEngine;
    const blob = randomBytes(300_000);
    const local = workspaceWith(null, blob);
    const far = workspaceWith(remote.host, blob);

    const localRun = await runCli(['run', 'p', '--json'], local.root);
    expect(localRun.code, localRun.stderr).toBe(0);

    // No DOCKER_HOST: the environment's docker_host alone sends the steps there.
    const cli = startCli(['run', 'p', '--json'], far.root);
    const containers = await watchContainers(remote.docker, far.root, cli.result);
    const farRun = await cli.result;
    expect(farRun.code, farRun.stderr).toBe(0);
    expect((JSON.parse(farRun.stdout) as RunSummary).steps.map((step) => [step.id, step.status])).toEqual([
      ['prepare', 'succeeded'],
      ['count', 'succeeded'],
    ]);
    expect(await localDocker.listContainers({ all: true, filters: workspaceFilter(far.root) })).toEqual([]);

    for (const output of OUTPUTS)
      expect(readFileSync(far.path(output)), output).toEqual(readFileSync(local.path(output)));
    expect(readFileSync(far.path('out/prepared/copy.bin'))).toEqual(blob);
    expect(readFileSync(far.path('out/prepared/latest'))).toEqual(blob);
    expect(far.read('out/user.txt')).toBe(local.read('out/user.txt'));
    expect(readdirSync(far.path('out'))).toEqual(readdirSync(local.path('out')));

    const kinds = [...containers.values()].map((info) => info.Config.Labels['dev.pipewright.kind']);
    expect(kinds).toContain('step');
    expect(kinds).toContain('helper');
    for (const info of containers.values()) {
      expect(info.HostConfig.Binds ?? [], info.Name).toEqual([]);
      expect(
        (info.HostConfig.Mounts ?? []).map((mount) => mount.Type),
        info.Name,
      ).not.toContain('bind');
      expect(
        info.Mounts.map((mount) => mount.Type),
        info.Name,
      ).not.toContain('bind');
    }
    const step = [...containers.values()].find((info) => info.Config.Labels['dev.pipewright.kind'] === 'step');
    expect(step?.HostConfig).toMatchObject({ CapDrop: ['ALL'], NetworkMode: 'none', ReadonlyRootfs: true });

    const log = readdirSync(far.path('.pipewright/runs'), { recursive: true })
      .map(String)
      .find((path) => path.endsWith('prepare.1.log'));
    expect(far.read(`.pipewright/runs/${log ?? ''}`)).toMatch(
      new RegExp(`copied 4 files \\(.*\\) to ${remote.host}\\n.*copied 3 files \\(.*\\) back from ${remote.host}`),
    );

    // The step's volumes and helper went with the step; the environment's network stays until down.
    expect(await labelled(remote.docker, far.root)).toEqual([expect.stringMatching(/^network /)]);
    const status = await runCli(['env', 'status', 'box', '--json'], far.root);
    expect(JSON.parse(status.stdout) as EnvironmentStatus).toMatchObject({
      dockerHost: remote.host,
      ready: true,
      network: { present: true },
    });
    const down = await runCli(['env', 'down', 'box'], far.root);
    expect(down.code, down.stderr).toBe(0);
    expect(await labelled(remote.docker, far.root)).toEqual([]);
  }, 240_000);

  it('takes the same path on the local engine with transfer: copy: the same bytes, nothing bound', async () => {
    const blob = randomBytes(50_000);
    const bound = workspaceWith(null, blob);
    const copied = workspaceWith('copy', blob);
    const boundRun = await runCli(['run', 'p'], bound.root);
    expect(boundRun.code, boundRun.stderr + boundRun.stdout).toBe(0);
    const cli = startCli(['run', 'p', '--json'], copied.root);
    const containers = await watchContainers(localDocker, copied.root, cli.result);
    const result = await cli.result;
    expect(result.code, result.stderr).toBe(0);
    for (const output of OUTPUTS)
      expect(readFileSync(copied.path(output)), output).toEqual(readFileSync(bound.path(output)));
    expect([...containers.values()].map((info) => info.Config.Labels['dev.pipewright.kind'])).toContain('step');
    for (const info of containers.values())
      expect(
        info.Mounts.map((mount) => mount.Type),
        info.Name,
      ).not.toContain('bind');
    expect(
      (await localDocker.listVolumes({ filters: workspaceFilter(copied.root, 'transfer') })).Volumes ?? [],
    ).toEqual([]);
  }, 120_000);

  it('a cancel mid-step on the remote host leaves no container or volume of the step there', async () => {
    const remote = engine as SecondEngine;
    const far = workspaceWith(
      remote.host,
      randomBytes(1000),
      pipelineYaml(
        'p',
        '  hold:\n    run: sleep 60\n    environment: box\n    inputs: [data/raw/]\n    outputs: [out/]\n',
      ),
    );
    const cli = startCli(['run', 'p', '--json'], far.root);
    const deadline = Date.now() + 60_000;
    const runningStep = async () =>
      (
        await remote.docker.listContainers({
          filters: { label: [...workspaceFilter(far.root, 'step').label], status: ['running'] },
        })
      ).length > 0;
    while (!(await runningStep())) {
      if (Date.now() > deadline) throw new Error(`the step never ran on the remote host: ${cli.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    cli.child.kill('SIGINT');
    const result = await cli.result;
    expect((JSON.parse(result.stdout) as RunSummary).steps.map((step) => [step.id, step.status])).toEqual([
      ['hold', 'cancelled'],
    ]);
    expect(await labelled(remote.docker, far.root)).toEqual([expect.stringMatching(/^network /)]);
    await runCli(['env', 'down', 'box'], far.root);
    expect(await labelled(remote.docker, far.root)).toEqual([]);
  }, 120_000);

  it('refuses an output link leading out of the workspace, and an unreachable host is named', async () => {
    const remote = engine as SecondEngine;
    const far = workspaceWith(
      remote.host,
      randomBytes(10),
      pipelineYaml(
        'p',
        '  evil:\n    run: mkdir -p out && ln -s /etc/passwd out/passwd\n    environment: box\n    outputs: [out/]\n',
      ),
    );
    const refused = await runCli(['run', 'p', '--json'], far.root);
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as RunSummary).steps[0]?.message).toContain(
      'out/passwd is a link leading out of the workspace',
    );
    expect(readdirSync(far.root)).not.toContain('out');
    await runCli(['env', 'down', 'box'], far.root);
    expect(await labelled(remote.docker, far.root)).toEqual([]);

    far.write('pipewright.yaml', environment('tcp://127.0.0.1:9'));
    const unreachable = await runCli(['run', 'p'], far.root);
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stdout + unreachable.stderr).toContain('environment box at tcp://127.0.0.1:9 is not reachable');
  }, 120_000);
});
