// The Docker engine stopped mid-run and started again, on a second engine of the test's own
// (the machine's engine is shared and never stopped): the running step fails saying the engine
// was lost, the run's record is consistent, and the next command removes what the run left.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunListItem, RunSummary } from '../../shared/run/run-types.js';
import { runCli, startCli, waitFor } from '../testing/cli-process.js';
import { stepContainers } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, dockerMissing } from '../testing/docker-support.js';
import { secondEngineMissing, startSecondEngine } from '../testing/second-docker-engine.js';
import type { SecondEngine } from '../testing/second-docker-engine.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
const missing = dockerMissing ?? secondEngineMissing();
let workspace: TempWorkspace | undefined;
let engine: SecondEngine | undefined;
afterEach(async () => {
  await engine?.remove();
  workspace?.remove();
});

const title =
  missing !== null && !inCI
    ? `a Docker engine restarted mid-run (skipped: ${missing})`
    : 'a Docker engine restarted mid-run';
describe.skipIf(missing !== null && !inCI)(title, () => {
  it('fails the running step, keeps a consistent record, and the next command removes its container', async () => {
    expect(missing).toBeNull();
    engine = await startSecondEngine();
    workspace = tempWorkspace({
      'pipewright.yaml': `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  hold:\n    run: touch out/started && sleep 60\n    environment: box\n    outputs: [out/started]\n  after:\n    run: "true"\n    needs: [hold]\n',
      ),
    });
    const env = { DOCKER_HOST: engine.host };
    const cli = startCli(['run', 'p', '--json'], workspace.root, env);
    await waitFor(() => existsSync(workspace?.path('out/started') ?? ''), 'the step container to start', 60_000);
    await engine.stop();
    const result = await cli.result;
    expect(result.code, result.stderr).toBe(1);
    const run = JSON.parse(result.stdout) as RunSummary;
    expect(run.status).toBe('failed');
    expect(run.steps.map((step) => [step.id, step.status])).toEqual([
      ['hold', 'failed'],
      ['after', 'skipped'],
    ]);
    expect(run.steps[0]?.message).toContain('lost the Docker engine during the step');

    await engine.start();
    // Stopped with the engine, the step's container is still there until a command sees it.
    expect(await stepContainers(engine.docker, workspace.root)).toHaveLength(1);
    const listed = await runCli(['runs', '--json'], workspace.root, env);
    expect((JSON.parse(listed.stdout) as RunListItem[]).map((item) => [item.id, item.status])).toEqual([
      [run.id, 'failed'],
    ]);
    expect(await stepContainers(engine.docker, workspace.root)).toEqual([]);
  }, 240_000);
});
