// What a user reads when a step container fails, against a real engine through the built CLI:
// a command the image lacks, an image without a shell, a write the step did not declare, a
// folder that cannot be mounted; a container that cannot start is retried like any attempt.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { removeDockerLeftovers, stepContainers } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;
afterEach(async () => {
  if (!workspace) return;
  if (dockerMissing === null) await removeDockerLeftovers(docker, workspace.root);
  workspace.remove();
});

const SETTINGS = `version: 1
environments:
  box:
    runner: docker
    image: ${BUSYBOX_IMAGE}
  bare:
    runner: docker
    build: images/bare
  sampled:
    runner: docker
    image: ${BUSYBOX_IMAGE}
    data:
      - source: data/raw
        mode: copy
`;

async function runJson(steps: string): Promise<{ code: number | null; run: RunSummary; stderr: string }> {
  workspace = tempWorkspace({
    'pipewright.yaml': SETTINGS,
    'images/bare/Dockerfile': 'FROM scratch\nCOPY hello.txt /\n',
    'images/bare/hello.txt': 'an image without a shell\n',
    'data/raw/a.csv': 'x\n1\n',
    'pipelines/p.pipeline.yaml': pipelineYaml('p', steps),
  });
  const result = await runCli(['run', 'p', '--json'], workspace.root);
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary, stderr: result.stderr };
}

const suiteTitle =
  dockerMissing !== null && !inCI ? `Docker step failures (skipped: ${dockerMissing})` : 'Docker step failures';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('names a command the image lacks', async () => {
    const { code, run } = await runJson('  a:\n    run: node script.js\n    environment: box\n');
    expect(code).toBe(1);
    expect(run.steps[0]).toMatchObject({ status: 'failed', exitCode: 127 });
    expect(run.steps[0]?.message).toBe(
      `exit code 127: \`node\` not found in image ${BUSYBOX_IMAGE}: use an image that has it, or install it in the environment's Dockerfile (build:)`,
    );
  });

  it('names the shell when the image has none', async () => {
    const { code, run } = await runJson('  a:\n    run: "true"\n    environment: bare\n');
    expect(code).toBe(1);
    expect(run.steps[0]?.message).toContain('`sh` not found in the image built from images/bare');
  });

  it('says to declare an output the step wrote without declaring it', async () => {
    const { code, run } = await runJson(
      '  a:\n    run: echo x > out/declared.txt && echo y > undeclared.txt\n    environment: box\n    outputs: [out/declared.txt]\n',
    );
    expect(code).toBe(1);
    expect(run.steps[0]?.message).toContain(
      "the step wrote undeclared.txt, which it does not declare: in a container only a step's outputs and /tmp are writable; add undeclared.txt to its outputs",
    );
  });

  it('retries a container that cannot be created, then fails the step with the reason; nothing is left', async () => {
    const { code, run } = await runJson(
      '  a:\n    run: echo x > data/raw/b.csv\n    environment: sampled\n    outputs: [data/raw/b.csv]\n    retries: 1\n    retry_delay: 10ms\n',
    );
    expect(code).toBe(1);
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(run.steps[0]?.message).toContain("data/raw is mounted twice into the step's container");
    expect(await stepContainers(docker, workspace.root)).toEqual([]);
  });
});
