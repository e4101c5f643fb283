// The output store with steps in a Docker environment, against the real engine: outputs the
// containers wrote are stored with the same hashing, and switching back to a branch restores
// them from the store without creating a single container (Docker's own event log says so).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { workspaceId } from '../services/docker/docker-names.js';
import { runCli } from '../testing/cli-process.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { pipelineYaml } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;

afterEach(async () => {
  if (!workspace) return;
  if (dockerMissing === null) {
    const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(workspace.root)}`] };
    for (const container of await docker.listContainers({ all: true, filters }))
      await docker.getContainer(container.Id).remove({ force: true, v: true });
  }
  workspace.remove();
});

async function run(pipeline = 'flow'): Promise<RunSummary> {
  const result = await runCli(['run', pipeline, '--json'], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as RunSummary;
}

/** Containers Docker created for this workspace between two times (seconds since the epoch). */
function containersCreated(since: number, until: number): string[] {
  const result = spawnSync(
    'docker',
    [
      'events',
      '--since',
      String(since),
      '--until',
      String(until),
      '--filter',
      'type=container',
      '--filter',
      'event=create',
      '--filter',
      `label=dev.pipewright.workspace-id=${workspaceId(workspace.root)}`,
      '--format',
      '{{.ID}}',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`docker events failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

const outputs = () => ({
  clean: readFileSync(workspace.path('data/clean.csv'), 'utf8'),
  part: readFileSync(workspace.path('out/model/part.txt'), 'utf8'),
});
const seconds = () => Math.floor(Date.now() / 1000);

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `the output store with Docker steps (skipped: ${dockerMissing})`
    : 'the output store with Docker steps';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('restores what containers wrote on a switch back to the branch, starting no container', async () => {
    workspace = tempRepository({
      'pipewright.yaml': `version: 1\ndefault_environment: box\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/flow.pipeline.yaml': pipelineYaml(
        'flow',
        `  clean:
    run: mkdir -p data; sh steps/clean.sh
    inputs: [raw.csv]
    outputs: [data/clean.csv]
  model:
    run: mkdir -p out/model/empty; wc -l < data/clean.csv > out/model/part.txt
    inputs: [data/clean.csv]
    outputs: [out/model]
`,
      ),
      'raw.csv': 'id\n1\n2\n',
      'steps/clean.sh': 'tr a-z A-Z < raw.csv > data/clean.csv\n',
      '.gitignore': '.pipewright/\ndata/\nout/\n',
    });
    expect((await run()).steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    const onMain = outputs();
    expect(onMain.clean).toBe('ID\n1\n2\n');

    gitCli(workspace.root, 'checkout', '-q', '-b', 'experiment');
    workspace.write('steps/clean.sh', 'grep -v 2 raw.csv > data/clean.csv\n');
    gitCli(workspace.root, 'commit', '-q', '-am', 'experiment');
    expect((await run()).steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    expect(outputs()).not.toEqual(onMain);

    gitCli(workspace.root, 'checkout', '-q', 'main');
    // docker events counts whole seconds: start the window after the second the experiment's
    // last container was created in, so only the switch-back run is watched.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
    const since = seconds();
    const back = await run();
    const until = seconds() + 1;
    expect(back.steps.map((step) => step.status)).toEqual(['cached', 'cached']);
    expect(back.steps.every((step) => step.attempts === 0 && step.logPath === null)).toBe(true);
    expect(outputs()).toEqual(onMain);
    expect(existsSync(workspace.path('out/model/empty'))).toBe(true);
    expect(containersCreated(since, until)).toEqual([]);

    const status = JSON.parse((await runCli(['cache', 'status', '--json'], workspace.root)).stdout) as {
      files: number;
    };
    expect(status.files).toBeGreaterThanOrEqual(4);
  });

  it('mounts a top-level output folder that does not exist yet as a folder, and restores it', async () => {
    workspace = tempRepository({
      'pipewright.yaml': `version: 1\ndefault_environment: box\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/report.pipeline.yaml': pipelineYaml(
        'report',
        `  report:
    run: echo made > results/summary.txt; mkdir results/charts; echo 1 > results/charts/a.txt
    outputs: [results/]
`,
      ),
      '.gitignore': '.pipewright/\nresults/\n',
    });
    const first = await run('report');
    expect(first.steps.map((step) => [step.status, step.message])).toEqual([['succeeded', null]]);
    expect(lstatSync(workspace.path('results')).isDirectory()).toBe(true);
    expect(readFileSync(workspace.path('results/summary.txt'), 'utf8')).toBe('made\n');
    expect(readFileSync(workspace.path('results/charts/a.txt'), 'utf8')).toBe('1\n');

    rmSync(workspace.path('results'), { recursive: true });
    const again = await run('report');
    expect(again.steps.map((step) => step.status)).toEqual(['cached']);
    expect(readFileSync(workspace.path('results/charts/a.txt'), 'utf8')).toBe('1\n');
  });
});
