// An environment on a remote Docker host in the studio: the Environments view says which host
// each environment runs on, and provisions and tears down the remote one there. The remote
// host is a second Docker engine of the test's own on a TCP port (MACHINE.md); needs root and
// dockerd: skipped without them, except in CI.
import { BUSYBOX_IMAGE, dockerMissing } from '../electron/testing/docker-support.js';
import { workspaceFilter } from '../electron/testing/docker-leftovers.js';
import { secondEngineMissing, startSecondEngine } from '../electron/testing/second-docker-engine.js';
import type { SecondEngine } from '../electron/testing/second-docker-engine.js';
import { expect, screenshotBothThemes, test } from './studio-fixture.js';

const missing = dockerMissing ?? secondEngineMissing();
let engine: SecondEngine | undefined;

test.describe('an environment on a remote Docker host', () => {
  test.skip(missing !== null && process.env.CI !== 'true', `needs a second Docker engine: ${missing ?? ''}`);
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    engine = await startSecondEngine();
  });
  test.afterAll(async () => {
    await engine?.remove();
  });

  test('shows the host each environment runs on, and provisions the remote one there', async ({
    studio: page,
    workspace,
  }) => {
    const remote = engine as SecondEngine;
    workspace.write(
      'pipewright.yaml',
      [
        'version: 1',
        'environments:',
        '  laptop:',
        '    description: the engine of this machine',
        '    runner: docker',
        `    image: ${BUSYBOX_IMAGE}`,
        '  gpu:',
        '    description: the big machine; steps copy their files there and back',
        '    runner: docker',
        `    image: ${BUSYBOX_IMAGE}`,
        `    docker_host: ${remote.host}`,
        '',
      ].join('\n'),
    );
    await page.getByTestId('tab-environments').click();
    await page.getByTestId('env-refresh').click();
    await expect(page.getByTestId('docker-state')).toHaveText('Docker connected');
    await expect(page.getByTestId('env-host-gpu')).toContainText(remote.host);
    await expect(page.getByTestId('env-host-gpu')).toContainText('inputs and outputs copied');
    await expect(page.getByTestId('env-host-laptop')).toContainText('this machine');

    await page.getByTestId('env-provision-gpu').click();
    await expect(page.getByTestId('provision-outcome-gpu')).toHaveText('gpu is ready', { timeout: 60_000 });
    await expect(page.getByTestId('env-state-gpu')).toHaveText('Ready');
    const networks = await remote.docker.listNetworks({ filters: workspaceFilter(workspace.root) });
    expect(networks.map((network) => network.Name)).toHaveLength(1);
    await screenshotBothThemes(page, 'environment-remote-host');

    await page.getByTestId('env-teardown-gpu').click();
    await expect(page.getByTestId('env-state-gpu')).toHaveText('Not provisioned');
    expect(await remote.docker.listNetworks({ filters: workspaceFilter(workspace.root) })).toEqual([]);
  });
});
