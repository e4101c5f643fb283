// Cancel and timeout at every moment of a container step, against a real engine: a proxy in
// front of it holds back one kind of request (create, attach, start, remove) so the stop comes
// exactly then. The step must end at once, and its container must be gone once the engine
// answers, whenever that is.
import { existsSync } from 'node:fs';
import Docker from 'dockerode';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/cli-process.js';
import { removeDockerLeftovers, stepContainers } from '../../testing/docker-leftovers.js';
import { dockerProxy } from '../../testing/docker-proxy.js';
import type { DockerProxy } from '../../testing/docker-proxy.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../../testing/docker-support.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import type { StepProcessRequest, StepProcessResult } from '../runner/step-runner.js';
import { DockerRunner } from './docker-runner.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;
let proxy: DockerProxy;
let imageId: string;

beforeAll(async () => {
  if (dockerMissing === null) imageId = (await docker.getImage(BUSYBOX_IMAGE).inspect()).Id;
});
afterEach(async () => {
  await proxy?.close();
  if (workspace && dockerMissing === null) await removeDockerLeftovers(docker, workspace.root);
  workspace?.remove();
});

/** A step in a busybox container through the proxy, stopped by `controller` or its timeout. */
function startStep(
  command: string,
  options: { timeoutMs?: number } = {},
): { controller: AbortController; result: Promise<StepProcessResult>; runner: DockerRunner } {
  const runner = new DockerRunner({
    docker: new Docker({ socketPath: proxy.socketPath }),
    ref: { root: workspace.root, environment: 'box' },
    spec: { runner: 'docker', image: BUSYBOX_IMAGE },
    imageId,
    stopGraceSeconds: 1,
  });
  const controller = new AbortController();
  const request: StepProcessRequest = {
    command,
    cwd: workspace.root,
    env: {},
    paramsFile: workspace.path('params.json'),
    inputs: [],
    outputs: ['out/started'],
    owner: { pipeline: 'p', run: 'r1', step: 's', attempt: '1' },
    marker: 'r1/s/1',
    timeoutMs: options.timeoutMs ?? null,
    signal: controller.signal,
    onStart: () => undefined,
    onOutput: () => undefined,
  };
  return { controller, result: runner.execute(request), runner };
}

async function noContainerLeft(): Promise<void> {
  let left = 1;
  await waitFor(
    () => {
      void stepContainers(docker, workspace.root).then((containers) => {
        left = containers.length;
      });
      return left === 0;
    },
    'the step container to be removed',
    30_000,
  );
}

const PHASES = {
  creating: /^POST \S*\/containers\/create/,
  attaching: /^POST \S*\/containers\/\w+\/attach/,
  starting: /^POST \S*\/containers\/\w+\/start/,
} as const;

const suiteTitle =
  dockerMissing !== null && !inCI ? `stopping container steps (skipped: ${dockerMissing})` : 'stopping container steps';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  async function setUp(files: Record<string, string> = { 'params.json': '{}\n' }): Promise<void> {
    workspace = tempWorkspace(files);
    proxy = await dockerProxy();
  }

  it.each(Object.entries(PHASES))(
    'a cancel while %s ends the step at once, and the container goes',
    async (_phase, requestLine) => {
      await setUp();
      const held = proxy.hold(requestLine);
      const step = startStep('touch out/started && sleep 300');
      await waitFor(() => held.count() > 0, 'the request to be held');
      step.controller.abort();
      expect(await step.result).toMatchObject({ outcome: 'cancelled' });
      held.release();
      await noContainerLeft();
    },
  );

  it.each(Object.entries(PHASES))(
    'a timeout while %s ends the step at once, and the container goes',
    async (_phase, requestLine) => {
      await setUp();
      const held = proxy.hold(requestLine);
      const step = startStep('touch out/started && sleep 300', { timeoutMs: 1000 });
      await waitFor(() => held.count() > 0, 'the request to be held');
      expect(await step.result).toMatchObject({ outcome: 'timed-out' });
      held.release();
      await noContainerLeft();
    },
  );

  it('a cancel while it runs stops and removes the container', async () => {
    await setUp();
    const step = startStep('touch out/started && sleep 300');
    await waitFor(() => existsSync(workspace.path('out/started')), 'the step to start', 30_000);
    step.controller.abort();
    expect(await step.result).toMatchObject({ outcome: 'cancelled' });
    await noContainerLeft();
  });

  it('a cancel while its container is being removed ends the step, and the removal still happens', async () => {
    await setUp();
    const held = proxy.hold(/^DELETE \S*\/containers\/\w+/);
    const step = startStep('touch out/started');
    await waitFor(() => held.count() > 0, 'the removal to be held', 30_000);
    step.controller.abort();
    expect(await step.result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    held.release();
    await noContainerLeft();
  });

  it('ends the step before its container is removed, and settles once the container is gone', async () => {
    await setUp();
    const held = proxy.hold(/^DELETE \S*\/containers\/\w+/);
    const step = startStep('touch out/started');
    // The outcome comes while the engine is still asked to remove the container.
    expect(await step.result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    await waitFor(() => held.count() > 0, 'the removal to be asked for', 30_000);
    let settled = false;
    const settling = step.runner.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    held.release();
    await settling;
    expect(await stepContainers(docker, workspace.root)).toEqual([]);
  });

  it('a container the engine refuses to create is a failed start that says why', async () => {
    // The params file is bind-mounted: without it the engine refuses the container.
    await setUp({});
    const result = await startStep('true').result;
    expect(result.outcome).toBe('failed-to-start');
    expect(result.error).toMatch(/cannot mount \S*params\.json into the step's container: it does not exist/);
  });
});
