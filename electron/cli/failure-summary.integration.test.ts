// A failed step says why, through the built CLI: a command missing (exit 127), a write to the
// read-only file system, a timeout; in a real busybox container and as a local process.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { removeDockerLeftovers } from '../testing/docker-leftovers.js';
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

async function failedStep(steps: string): Promise<RunSummary['steps'][number] | undefined> {
  workspace = tempWorkspace({
    'pipewright.yaml': `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
    'pipelines/p.pipeline.yaml': pipelineYaml('p', steps),
  });
  const result = await runCli(['run', 'p', '--json'], workspace.root);
  expect(result.code).toBe(1);
  return (JSON.parse(result.stdout) as RunSummary).steps[0];
}

describe('failure summaries of local steps', () => {
  it('names a command missing from PATH, with the last error line, and prints both', async () => {
    const step = await failedStep('  a:\n    run: echo starting; no-such-tool-xyz --go\n');
    expect(step?.failure).toMatchObject({
      kind: 'command-not-found',
      cause: expect.stringMatching(/^`no-such-tool-xyz` not found on PATH/) as unknown,
    });
    expect(step?.message).toContain('not found on PATH');
    const shown = await runCli(['runs', 'show', 'last'], workspace.root);
    expect(shown.stdout).toMatch(/not found on PATH/);
  });

  it('says the timeout killed it', async () => {
    const step = await failedStep('  a:\n    run: sleep 5\n    timeout: 300ms\n');
    expect(step?.failure).toMatchObject({
      kind: 'timed-out',
      cause: expect.stringContaining('its timeout (300ms)') as unknown,
    });
  });

  it('gives the last error line of an ordinary failure', async () => {
    const step = await failedStep('  a:\n    run: \'echo "Error: bad row 7" >&2; echo cleaning up; exit 3\'\n');
    expect(step?.failure).toEqual({ kind: 'exit', cause: 'exit code 3', lastErrorLine: 'Error: bad row 7' });
  });
});

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `failure summaries in containers (skipped: ${dockerMissing})`
    : 'failure summaries in containers';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('names the command the busybox image lacks (exit 127)', async () => {
    const step = await failedStep('  a:\n    run: node script.js\n    environment: box\n');
    expect(step?.failure).toMatchObject({
      kind: 'command-not-found',
      cause: expect.stringContaining(`\`node\` not found in image ${BUSYBOX_IMAGE}`) as unknown,
    });
  });

  it('tells a read-only write to declare the output', async () => {
    const step = await failedStep('  a:\n    run: echo y > undeclared.txt\n    environment: box\n');
    expect(step?.failure).toMatchObject({
      kind: 'read-only-write',
      cause: expect.stringContaining('add undeclared.txt to its outputs') as unknown,
    });
  });

  it('says the timeout killed it', async () => {
    const step = await failedStep('  a:\n    run: sleep 30\n    environment: box\n    timeout: 1s\n');
    expect(step?.failure?.kind).toBe('timed-out');
  });
});
