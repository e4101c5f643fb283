// The hostile workspace against the Docker runner, on a real engine: an output folder or an
// intermediate folder that is a link leading out is never bind-mounted (the runner refuses it
// itself, not only the engine before it), a step that leaves a link or a FIFO among its
// outputs is refused after it, and an environment's data source or build context behind a
// link is never copied into a volume or sent to the engine. Skipped without a Docker engine,
// except in CI (see docker-support.ts).
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { DockerRunner } from '../services/docker/docker-runner.js';
import { workspaceId } from '../services/docker/docker-names.js';
import { runCli } from '../testing/cli-process.js';
import { removeDockerLeftovers } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { SECRET, guardOutside } from '../testing/hostile-workspace.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;
// Its clean-up runs after this file's own (hooks run in reverse): the workspace's containers go first.
const outside = guardOutside(() => workspace.remove());

const ENVIRONMENT = `version: 1
environments:
  box:
    runner: docker
    image: ${BUSYBOX_IMAGE}
  sampled:
    runner: docker
    image: ${BUSYBOX_IMAGE}
    data:
      - source: data/raw
        mode: copy
  built:
    runner: docker
    build: { context: images/box }
`;

async function leftovers(root: string): Promise<number> {
  const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(root)}`] };
  return (
    (await docker.listContainers({ all: true, filters })).length +
    ((await docker.listVolumes({ filters })).Volumes ?? []).length
  );
}

beforeEach(() => {
  workspace = tempWorkspace({ 'pipewright.yaml': ENVIRONMENT });
});

afterEach(async () => {
  if (dockerMissing === null) await removeDockerLeftovers(docker, workspace.root);
});

function untouchedOutside(): void {
  outside.untouched();
  expect(statSync(join(outside.dir, 'secret.csv')).uid).toBe(process.getuid?.());
}

async function runJson(pipeline: string, steps: string): Promise<RunSummary> {
  workspace.write(`pipelines/${pipeline}.pipeline.yaml`, pipelineYaml(pipeline, steps));
  const result = await runCli(['run', pipeline, '--json'], workspace.root);
  expect(result.stdout).not.toContain(SECRET);
  return JSON.parse(result.stdout) as RunSummary;
}

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `a hostile workspace in Docker (skipped: ${dockerMissing})`
    : 'a hostile workspace in Docker';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('has a Docker engine and the test images (required in CI)', () => {
    expect(dockerMissing).toBeNull();
  });

  it('never runs a step whose output folder, or a folder on the way, is a link leading out', async () => {
    symlinkSync(outside.dir, workspace.path('out'));
    mkdirSync(workspace.path('data'));
    symlinkSync(outside.dir, workspace.path('data/stage'));
    const run = await runJson(
      'p',
      `  folder:
    run: echo pwned > out/result.txt
    environment: box
    outputs: [out/result.txt]
  deeper:
    run: mkdir -p data/stage/deep && echo pwned > data/stage/deep/x.csv
    environment: box
    outputs: [data/stage/deep/x.csv]
`,
    );
    expect(run.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['folder', 'failed', 0],
      ['deeper', 'failed', 0],
    ]);
    expect(run.steps[0]?.message).toMatch(
      /^not run: output out\/result\.txt: "out" is a symbolic link leading out of the workspace/,
    );
    expect(run.steps[1]?.message).toMatch(
      /^not run: output data\/stage\/deep\/x\.csv: "data\/stage" is a symbolic link leading out of the workspace/,
    );
    expect(await leftovers(workspace.root)).toBe(0);
    untouchedOutside();
  });

  it('the runner itself refuses to bind-mount an output that resolves outside, and creates no container', async () => {
    symlinkSync(outside.dir, workspace.path('out'));
    const image = await docker.getImage(BUSYBOX_IMAGE).inspect();
    const runner = new DockerRunner({
      docker,
      ref: { root: workspace.root, environment: 'box' },
      spec: { runner: 'docker', image: BUSYBOX_IMAGE },
      imageId: image.Id,
    });
    const result = await runner.execute({
      command: 'echo pwned > out/result.txt',
      cwd: workspace.root,
      env: {},
      paramsFile: workspace.path('params.json'),
      inputs: [],
      outputs: ['out/result.txt'],
      owner: { pipeline: 'p', run: 'r', step: 's', attempt: '1' },
      marker: 'r/s/1',
      timeoutMs: null,
      signal: new AbortController().signal,
      onStart: () => undefined,
      onOutput: () => undefined,
    });
    expect(result).toMatchObject({
      outcome: 'failed-to-start',
      error: expect.stringMatching(
        /^output out\/result\.txt: "out" is a symbolic link leading out of the workspace/,
      ) as unknown,
    });
    expect(await leftovers(workspace.root)).toBe(0);
    untouchedOutside();
  });

  it('refuses outputs a container turned into a link out or a FIFO, and hands nothing outside to the container user', async () => {
    const run = await runJson(
      'p',
      `  relink:
    run: ln -s ${join(outside.dir, 'secret.csv')} out/escape.csv
    environment: box
    outputs: [out/escape.csv]
  fifo:
    run: mkfifo made/pipe.csv
    environment: box
    outputs: [made/pipe.csv]
`,
    );
    expect(run.steps.map((step) => [step.id, step.status, step.attempts])).toEqual([
      ['relink', 'failed', 1],
      ['fifo', 'failed', 1],
    ]);
    expect(run.steps[0]?.message).toMatch(
      /^output out\/escape\.csv: "out\/escape\.csv" is a symbolic link leading out of the workspace/,
    );
    expect(run.steps[1]?.message).toBe(
      'output made/pipe.csv: is a FIFO (named pipe), not a file or folder: refused (reading it could block forever)',
    );
    // A second run hands the output folders over again: the link in them must not carry that outside.
    await runJson(
      'p',
      '  again:\n    run: ls out\n    environment: box\n    outputs: [out/listing.txt]\n    cache: false\n',
    );
    untouchedOutside();
  });

  it('never copies a data source or sends a build context that a link leads out to', async () => {
    mkdirSync(workspace.path('data'));
    symlinkSync(outside.dir, workspace.path('data/raw'));
    mkdirSync(workspace.path('images'));
    writeFileSync(join(outside.dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nCOPY secret.csv /secret.csv\n`);
    outside.rememberListing();
    symlinkSync(outside.dir, workspace.path('images/box'));
    const sampled = await runCli(['env', 'up', 'sampled'], workspace.root);
    expect(sampled.code).not.toBe(0);
    expect(sampled.stderr).toMatch(
      /data source data\/raw: "data\/raw" is a symbolic link leading out of the workspace/,
    );
    const built = await runCli(['env', 'up', 'built'], workspace.root);
    expect(built.code).not.toBe(0);
    expect(built.stderr).toMatch(
      /the build context images\/box: "images\/box" is a symbolic link leading out of the workspace/,
    );
    expect(await leftovers(workspace.root)).toBe(0);
    expect(existsSync(workspace.path('out'))).toBe(false);
    untouchedOutside();
  });
});
