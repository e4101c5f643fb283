// One-click provisioning in the studio against a real Docker engine: an environment built from
// a Dockerfile, with a sampled data volume and a service with a healthcheck; its progress,
// its service's health and log, then teardown. Needs Docker and the test images
// (scripts/test-images.mjs): skipped without them, except in CI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUSYBOX_IMAGE, dockerMissing } from '../electron/testing/docker-support.js';
import { SCREENSHOTS, expect, stepNode, test } from './studio-fixture.js';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

const SETTINGS = `version: 1
default_environment: lab
environments:
  lab:
    description: a built image, 10% of the orders, a web service
    runner: docker
    build: { context: images/lab, args: { GREETING: hello } }
    data:
      - source: data/raw
        mode: sample
        fraction: 0.1
        seed: 42
    services:
      web:
        image: ${BUSYBOX_IMAGE}
        command: mkdir -p /tmp/www && echo service-says-hi > /tmp/www/index.html && echo web is up && httpd -f -v -p 8080 -h /tmp/www
        healthcheck: { command: "wget -q -O- http://127.0.0.1:8080/", interval: 300ms, retries: 60 }
`;

const DOCKERFILE = `FROM ${BUSYBOX_IMAGE}
ARG GREETING
RUN echo "$GREETING from the build" > /greeting.txt
RUN sleep 1 && echo third instruction
LABEL purpose=pipewright-e2e
`;

const PIPELINE = `version: 1
name: sample
steps:
  count:
    run: cat /greeting.txt > out/count.txt && wc -l < data/raw/orders.csv >> out/count.txt && wget -q -O- http://web:8080/ >> out/count.txt
    outputs: [out/count.txt]
`;

const orders = ['id,amount', ...Array.from({ length: 2000 }, (_, index) => `${index},${index % 13}`)].join('\n');

test.describe('with a Docker engine', () => {
  test.use({ settings: SETTINGS });
  test.skip(dockerMissing !== null && process.env.CI !== 'true', `needs Docker: ${dockerMissing ?? ''}`);

  test.afterEach(({ workspace }) => {
    spawnSync(process.execPath, [CLI, 'env', 'down', 'lab', '--images'], { cwd: workspace.root });
  });

  test('one click provisions a built environment with a data sample and a healthy service, with progress', async ({
    studio: page,
    workspace,
  }) => {
    workspace.write('images/lab/Dockerfile', DOCKERFILE);
    workspace.write('data/raw/orders.csv', `${orders}\n`);
    workspace.write('pipelines/sample.pipeline.yaml', PIPELINE);

    await page.getByTestId('tab-environments').click();
    const card = page.getByTestId('env-card-lab');
    await expect(page.getByTestId('docker-state')).toHaveText('Docker connected');
    await expect(page.getByTestId('env-state-lab')).toHaveText('Not provisioned');
    await expect(card.getByTestId('env-service-web')).toContainText('missing');

    await page.getByTestId('env-provision-lab').click();
    // While it works: the phases move and the build shows its instruction and output.
    await expect(page.getByTestId('env-state-lab')).toHaveText('Provisioning…');
    await expect(page.getByTestId('env-cancel-lab')).toBeVisible();
    await expect(card.getByTestId('build-step')).toContainText(/Step \d\/\d/);
    await expect(card.getByTestId('phase-image')).toHaveAttribute('data-state', /active|done/);
    await page.screenshot({ path: `${SCREENSHOTS}environment-provisioning.png` });

    await expect(card.getByTestId('provision-outcome-lab')).toHaveText('lab is ready', { timeout: 60_000 });
    await expect(card.getByTestId('build-output')).toContainText('third instruction');
    for (const phase of ['image', 'network', 'data', 'services'])
      await expect(card.getByTestId(`phase-${phase}`)).toHaveAttribute('data-state', 'done');
    await expect(card.getByTestId('data-detail-data/raw')).toContainText('1 of 1 file(s)');
    await expect(card.getByTestId('data-progress-data/raw')).toHaveAttribute('aria-valuenow', '100');
    await expect(page.getByTestId('env-state-lab')).toHaveText('Ready');
    await expect(card.getByTestId('env-service-web').getByTestId('health-badge')).toHaveText('running · healthy');
    await page.screenshot({ path: `${SCREENSHOTS}environment-ready.png` });

    await card.getByTestId('env-service-log-web').click();
    await expect(card.getByTestId('service-log-web')).toContainText('web is up');

    // A step runs in it: the built image, the sampled data, the service by name.
    await page.getByTestId('tab-pipelines').click();
    await page.getByTestId('pipeline-item-sample').click();
    await expect(stepNode(page, 'count')).toContainText('lab');
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-confirm').click();
    await expect(stepNode(page, 'count')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    const [greeting, rows, served] = workspace.read('out/count.txt').trim().split('\n');
    expect(greeting).toBe('hello from the build');
    expect(Number(rows)).toBeGreaterThan(150);
    expect(Number(rows)).toBeLessThan(260);
    expect(served).toBe('service-says-hi');

    await page.getByTestId('tab-environments').click();
    await page.getByTestId('env-teardown-lab').click();
    await expect(card.getByTestId('provision-outcome-lab')).toContainText('lab is torn down');
    await expect(page.getByTestId('env-state-lab')).toHaveText('Not provisioned');
    await expect(card.getByTestId('env-service-web')).toContainText('missing');
  });
});

test.describe('without a Docker engine', () => {
  test.use({
    settings: `version: 1\ndefault_environment: dev\nenvironments:\n  dev: {}\n  lab:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
    serverEnv: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
  });

  test('a banner says what to do, local environments keep working, and new ones appear when pipewright.yaml changes', async ({
    studio: page,
    workspace,
  }) => {
    workspace.write(
      'pipelines/hello.pipeline.yaml',
      'version: 1\nname: hello\nsteps:\n  greet:\n    run: echo hi > greeting.txt\n    outputs: [greeting.txt]\n',
    );
    await expect(page.getByTestId('docker-banner')).toContainText(
      'the Docker engine is not reachable at unix:///nonexistent/docker.sock',
    );
    await expect(page.getByTestId('docker-banner')).toContainText('start Docker Desktop or the docker service');

    await page.getByTestId('tab-environments').click();
    await expect(page.getByTestId('docker-state')).toHaveText('Docker unavailable');
    await expect(page.getByTestId('env-state-lab')).toHaveText('Docker unavailable');
    await expect(page.getByTestId('env-provision-lab')).toBeDisabled();
    await expect(page.getByTestId('env-state-dev')).toHaveText('Local');

    await page.getByTestId('tab-pipelines').click();
    await page.getByTestId('pipeline-item-hello').click();
    await page.getByTestId('run-button').click();
    await page.getByTestId('run-confirm').click();
    await expect(stepNode(page, 'greet')).toHaveAttribute('data-status', 'succeeded');
    expect(workspace.read('greeting.txt')).toBe('hi\n');

    // Editing pipewright.yaml elsewhere shows up without a restart.
    workspace.write(
      'pipewright.yaml',
      `${workspace.read('pipewright.yaml')}  staging:\n    description: added in an editor\n`,
    );
    await page.getByTestId('tab-environments').click();
    await expect(page.getByTestId('env-state-staging')).toHaveText('Local');
    await page.getByTestId('tab-pipelines').click();
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('run-environment')).toContainText('staging — added in an editor');
  });
});
