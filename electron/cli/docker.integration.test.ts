// Docker environments and the Docker runner against a real engine, through the built CLI:
// provisioning with a sampled data volume and a service, Python steps in containers, the
// security defaults of a step container, teardown, a killed CLI, and the failures users meet.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../shared/run/environment-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { workspaceId } from '../services/docker/docker-names.js';
import { runCli, startCli, waitFor } from '../testing/cli-process.js';
import { BUSYBOX_IMAGE, PYTHON_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { dockerProxy } from '../testing/docker-proxy.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;

/** Whatever a test left in Docker for its workspace, images included. */
async function removeLeftovers(root: string): Promise<void> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(root)}`] };
  for (const container of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(container.Id).remove({ force: true, v: true });
  for (const network of await docker.listNetworks({ filters })) await docker.getNetwork(network.Id).remove();
  for (const volume of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker.getVolume(volume.Name).remove();
  for (const image of await docker.listImages({ filters })) await docker.getImage(image.Id).remove({ force: true });
}

afterEach(async () => {
  if (!workspace) return;
  if (dockerMissing === null) await removeLeftovers(workspace.root);
  workspace.remove();
});

const orders = ['order_id,amount', ...Array.from({ length: 1000 }, (_, i) => `O${i},${i % 97}`)].join('\n');

const ENVIRONMENT = `version: 1
environments:
  dev:
    runner: docker
    image: ${BUSYBOX_IMAGE}
    data:
      - source: data/raw
        mode: sample
        fraction: 0.1
        seed: 7
    services:
      web:
        image: ${BUSYBOX_IMAGE}
        command: mkdir -p /tmp/www && echo hello-from-service > /tmp/www/index.html && echo web is serving && httpd -f -p 8080 -h /tmp/www
        healthcheck: { command: "wget -q -O- http://127.0.0.1:8080/", interval: 200ms, retries: 50 }
  py:
    runner: docker
    image: ${PYTHON_IMAGE}
`;

async function runJson(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; run: RunSummary; stderr: string }> {
  const result = await runCli(['run', ...args, '--json'], workspace.root, env);
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary, stderr: result.stderr };
}

async function labelled(kind: 'containers' | 'networks' | 'volumes'): Promise<number> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`] };
  if (kind === 'containers') return (await docker.listContainers({ all: true, filters })).length;
  if (kind === 'networks') return (await docker.listNetworks({ filters })).length;
  return ((await docker.listVolumes({ filters })).Volumes ?? []).length;
}

// Without a Docker engine (outside CI) the suite is skipped, and its title says why.
const suiteTitle =
  dockerMissing !== null && !inCI ? `Docker environments (skipped: ${dockerMissing})` : 'Docker environments';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('has a Docker engine and the test images (required in CI)', () => {
    expect(dockerMissing).toBeNull();
  });

  it('provisions a sampled data volume and a service that a step reaches by name; teardown removes all of it', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': ENVIRONMENT,
      'data/raw/orders.csv': `${orders}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  probe:
    run: wc -l < data/raw/orders.csv > out/rows.txt && wget -q -O- http://web:8080/ > out/service.txt
    environment: dev
    outputs: [out/rows.txt, out/service.txt]
`,
      ),
    });
    const up = await runCli(['env', 'up', 'dev'], workspace.root);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('service web: running (healthy)');
    const status = JSON.parse(
      (await runCli(['env', 'status', 'dev', '--json'], workspace.root)).stdout,
    ) as EnvironmentStatus;
    expect(status).toMatchObject({
      ready: true,
      network: { present: true },
      volumes: [{ source: 'data/raw', mode: 'sample', present: true }],
      services: [{ name: 'web', state: 'running', health: 'healthy' }],
    });

    const { code, run, stderr } = await runJson(['p']);
    expect(code, stderr).toBe(0);
    expect(run.steps[0]?.status).toBe('succeeded');
    expect(workspace.read('out/service.txt')).toBe('hello-from-service\n');
    const rows = Number(workspace.read('out/rows.txt').trim());
    expect(rows).toBeGreaterThan(60);
    expect(rows).toBeLessThan(160);
    expect(readFileSync(workspace.path('data/raw/orders.csv'), 'utf8')).toBe(`${orders}\n`);
    const logs = await runCli(['env', 'logs', 'dev', 'web'], workspace.root);
    expect(logs.stdout).toContain('web is serving');
    expect((await runCli(['env', 'logs', 'dev', 'db'], workspace.root)).stderr).toContain(
      'environment dev has no service "db"; it has: web',
    );

    // Deterministic: the same seed after a teardown keeps the same rows.
    expect((await runCli(['env', 'down', 'dev'], workspace.root)).code).toBe(0);
    expect([await labelled('containers'), await labelled('networks'), await labelled('volumes')]).toEqual([0, 0, 0]);
    const again = await runJson(['p', '--no-cache']);
    expect(again.code, again.stderr).toBe(0);
    expect(Number(workspace.read('out/rows.txt').trim())).toBe(rows);
  });

  it('runs Python steps in containers: one writes an output the next reads, owned by the host user', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': ENVIRONMENT,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        `  produce:
    run: |
      python3 -c "import json, os; json.dump({'n': json.load(open(os.environ['PW_PARAMS_FILE']))['n']}, open('out/a.json', 'w'))"
    environment: py
    outputs: [out/a.json]
  consume:
    run: |
      python3 -c "import json; print(json.load(open('out/a.json'))['n'] + 1)" > result.txt
    environment: py
    inputs: [out/a.json]
    outputs: [result.txt]
`,
        '  n: { type: integer, default: 41 }\n',
      ),
    });
    const { code, run, stderr } = await runJson(['p']);
    expect(code, stderr).toBe(0);
    expect(run.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    expect(workspace.read('result.txt')).toBe('42\n');
    expect(statSync(workspace.path('out/a.json')).uid).toBe(process.getuid?.());
    const cached = await runJson(['p']);
    expect(cached.run.steps.map((step) => step.status)).toEqual(['cached', 'cached']);
  });

  it('gives every step container the security defaults, and removes it when cancelled', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': ENVIRONMENT,
      'data/raw/orders.csv': `${orders}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  hold:\n    run: touch out/started && sleep 60\n    environment: dev\n    outputs: [out/started]\n',
      ),
    });
    const cli = startCli(['run', 'p'], workspace.root);
    await waitFor(() => existsSync(workspace.path('out/started')), 'the step container to start', 60_000);
    // The step's file can show before a busy engine lists the container: ask until it does.
    const stepFilter = {
      filters: { label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`, 'dev.pipewright.kind=step'] },
    };
    let [listed] = await docker.listContainers(stepFilter);
    for (let tries = 0; !listed && tries < 100; tries += 1) {
      await new Promise((tick) => setTimeout(tick, 100));
      [listed] = await docker.listContainers(stepFilter);
    }
    expect(listed, 'the running step container').toBeDefined();
    const info = await docker.getContainer(listed?.Id ?? '').inspect();
    const host = info.HostConfig;
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.Tmpfs).toHaveProperty('/tmp');
    expect(host.Memory).toBe(2 * 1024 ** 3);
    expect(host.PidsLimit).toBe(1024);
    expect(host.Privileged).toBe(false);
    expect(info.Config.User).not.toMatch(/^(0|root)(:|$)/);
    expect(info.Config.User).toBe(
      process.getuid?.() === 0 ? '65534:65534' : `${process.getuid?.()}:${process.getgid?.()}`,
    );
    expect(info.Config.Labels).toMatchObject({
      'dev.pipewright.pipeline': 'p',
      'dev.pipewright.step': 'hold',
      'dev.pipewright.environment': 'dev',
    });
    // dev has a service, so steps join its internal network (no internet); otherwise "none".
    expect(host.NetworkMode).toBe(`pipewright-${workspaceId(workspace.root)}-dev`);
    expect((await docker.getNetwork(host.NetworkMode ?? '').inspect()).Internal).toBe(true);
    const mounts = info.Mounts.map((mount) => [mount.Destination, mount.RW]);
    expect(mounts).toEqual(
      expect.arrayContaining([
        ['/workspace', false],
        ['/workspace/out', true],
        ['/workspace/data/raw', false],
      ]),
    );
    // The params file is read through the workspace's own read-only mount: no mount of its own.
    expect(mounts).toHaveLength(3);
    expect(info.Config.Env).toContainEqual(
      expect.stringMatching(/^PW_PARAMS_FILE=\/workspace\/\.pipewright\/runs\/[^/]+\/params\.json$/),
    );
    expect(info.Mounts.some((mount) => mount.Source?.includes('docker.sock'))).toBe(false);

    cli.child.kill('SIGINT');
    expect((await cli.result).code).toBe(130);
    expect(
      await docker
        .getContainer(info.Id)
        .inspect()
        .then(
          () => 'exists',
          () => 'removed',
        ),
    ).toBe('removed');
  });

  it('after kill -9 of the CLI, the next command removes the orphaned container and marks the run interrupted', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': ENVIRONMENT.replace(/ {4}services:[\s\S]*?retries: 50 \}\n/, ''),
      'data/raw/orders.csv': `${orders}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  hold:\n    run: touch out/started && sleep 60\n    environment: dev\n    outputs: [out/started]\n',
      ),
    });
    const cli = startCli(['run', 'p'], workspace.root);
    await waitFor(() => existsSync(workspace.path('out/started')), 'the step container to start', 60_000);
    cli.child.kill('SIGKILL');
    await cli.result;
    const filters = {
      label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`, 'dev.pipewright.kind=step'],
    };
    expect(await docker.listContainers({ filters })).toHaveLength(1);
    const runs = JSON.parse((await runCli(['runs', '--json'], workspace.root)).stdout) as Array<{ status: string }>;
    expect(runs[0]?.status).toBe('interrupted');
    expect(await docker.listContainers({ all: true, filters })).toHaveLength(0);
  });

  it('says clearly when an image is missing or a Dockerfile fails, and records the run consistently', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': `version: 1
environments:
  dev:
    runner: docker
    image: pipewright-test/does-not-exist:1
  built:
    runner: docker
    build: images/bad
`,
      'images/bad/Dockerfile': `FROM ${BUSYBOX_IMAGE}\nRUN echo preparing\nRUN exit 3\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: "true"\n'),
    });
    const missing = await runJson(['p', '--env', 'dev']);
    expect(missing.code).toBe(1);
    expect(missing.run).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('cannot pull image pipewright-test/does-not-exist:1'),
    });
    expect(missing.run.steps[0]).toMatchObject({ status: 'skipped', attempts: 0 });

    const build = await runCli(['env', 'up', 'built'], workspace.root);
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/│ Step 2\/\d+ : RUN echo preparing/);
    expect(build.stderr).toMatch(/building images\/bad\/Dockerfile failed at Step 3\/\d+ : RUN exit 3/);
  });

  it('rebuilds a changed Dockerfile on the next run, which invalidates the cached steps; down --images removes the image', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': 'version: 1\nenvironments:\n  built:\n    runner: docker\n    build: images/tool\n',
      'images/tool/Dockerfile': `FROM ${BUSYBOX_IMAGE}\nRUN echo one > /version\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  show:\n    run: cat /version > out/version.txt\n    environment: built\n    outputs: [out/version.txt]\n',
      ),
    });
    const first = await runJson(['p']);
    expect(first.code, first.stderr).toBe(0);
    expect(workspace.read('out/version.txt')).toBe('one\n');
    expect((await runJson(['p'])).run.steps[0]?.status).toBe('cached');

    workspace.write('images/tool/Dockerfile', `FROM ${BUSYBOX_IMAGE}\nRUN echo two > /version\n`);
    const rebuilt = await runJson(['p']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.run.steps[0]?.status).toBe('succeeded');
    expect(workspace.read('out/version.txt')).toBe('two\n');

    const imageFilter = {
      label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`, 'dev.pipewright.kind=image'],
    };
    expect(await docker.listImages({ filters: imageFilter })).toHaveLength(1);
    const down = await runCli(['env', 'down', 'built', '--images'], workspace.root);
    expect(down.stdout).toMatch(/removed image pipewright\/[0-9a-f]+-built:latest/);
    expect(await docker.listImages({ filters: imageFilter })).toHaveLength(0);
  });

  it('runs container steps side by side that write into one folder, and gives the folder back to the host user', async () => {
    const steps = Array.from(
      { length: 6 },
      (_, index) =>
        `  w${index}:\n    run: sleep 0.${index} && echo ${index} > out/w${index}.txt\n    environment: dev\n    outputs: [out/w${index}.txt]\n`,
    ).join('');
    workspace = tempWorkspace({
      'pipewright.yaml': `version: 1\nenvironments:\n  dev:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml('p', steps),
    });
    const { code, run, stderr } = await runJson(['p', '-j', '6']);
    expect(code, stderr).toBe(0);
    expect(run.steps.map((step) => step.status)).toEqual(Array.from({ length: 6 }, () => 'succeeded'));
    for (let index = 0; index < 6; index += 1) expect(workspace.read(`out/w${index}.txt`)).toBe(`${index}\n`);
    expect(statSync(workspace.path('out')).uid).toBe(process.getuid?.());
  });

  it('fails the step with a clear message when the engine goes away mid-run', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': `version: 1\nenvironments:\n  dev:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  hold:\n    run: touch out/started && sleep 60\n    environment: dev\n    outputs: [out/started]\n  after:\n    run: "true"\n    needs: [hold]\n',
      ),
    });
    const proxy = await dockerProxy();
    const cli = startCli(['run', 'p', '--json'], workspace.root, { DOCKER_HOST: proxy.host });
    await waitFor(() => existsSync(workspace.path('out/started')), 'the step container to start', 60_000);
    await proxy.close();
    const result = await cli.result;
    expect(result.code).toBe(1);
    const run = JSON.parse(result.stdout) as RunSummary;
    expect(run.steps.map((step) => [step.status, step.message])).toEqual([
      ['failed', expect.stringContaining('lost the Docker engine during the step')],
      ['skipped', 'upstream step "hold" failed'],
    ]);
    const shown = JSON.parse((await runCli(['runs', 'show', run.id, '--json'], workspace.root)).stdout) as RunSummary;
    expect(shown.status).toBe('failed');
  });
});
