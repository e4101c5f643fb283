// `when:` with the Docker runner on a real engine: a step whose condition holds runs in its
// container, one whose condition is false (and the step needing it) never gets a container.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { LABEL, workspaceId } from '../services/docker/docker-names.js';
import { runCli, waitFor } from '../testing/cli-process.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

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

const PIPELINE = pipelineYaml(
  'cond',
  `  base:
    run: echo "$PW_PARAM_REGION" > base.txt
    outputs: [base.txt]
  regional:
    run: cat base.txt > regional.txt
    when: params.region in ['eu', 'us'] and params.limit >= 2
    inputs: [base.txt]
    outputs: [regional.txt]
  summary:
    run: wc -c < regional.txt > summary.txt
    inputs: [regional.txt]
    outputs: [summary.txt]
`,
  `  region: { type: string, default: all }
  limit: { type: integer, default: 3 }
`,
);

const suiteTitle =
  dockerMissing !== null && !inCI
    ? `when: conditions in Docker (skipped: ${dockerMissing})`
    : 'when: conditions in Docker';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('runs a step whose condition holds in its container and starts none for steps skipped by condition', async () => {
    workspace = tempWorkspace({
      'pipewright.yaml': `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/cond.pipeline.yaml': PIPELINE,
    });
    const started: string[] = [];
    const events = await docker.getEvents({
      filters: {
        type: ['container'],
        event: ['create'],
        label: [`${LABEL.workspaceId}=${workspaceId(workspace.root)}`],
      },
    });
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const step = (JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } }).Actor?.Attributes?.[
          LABEL.step
        ];
        if (step) started.push(step);
      }
    });
    try {
      const skipped = await runCli(['run', 'cond', '--env', 'box', '--json'], workspace.root);
      expect(skipped.code, skipped.stderr).toBe(0);
      const first = JSON.parse(skipped.stdout) as RunSummary;
      expect(Object.fromEntries(first.steps.map((step) => [step.id, step.status]))).toEqual({
        base: 'succeeded',
        regional: 'skipped-condition',
        summary: 'skipped-condition',
      });
      expect(existsSync(workspace.path('regional.txt'))).toBe(false);

      const ran = await runCli(['run', 'cond', '--env', 'box', '--param', 'region=eu', '--json'], workspace.root);
      expect(ran.code, ran.stderr).toBe(0);
      const second = JSON.parse(ran.stdout) as RunSummary;
      expect(Object.fromEntries(second.steps.map((step) => [step.id, step.status]))).toEqual({
        base: 'succeeded',
        regional: 'succeeded',
        summary: 'succeeded',
      });
      expect(readFileSync(workspace.path('regional.txt'), 'utf8')).toBe('eu\n');
      expect(second.steps.find((step) => step.id === 'regional')?.attempts).toBe(1);
      expect(first.steps.find((step) => step.id === 'regional')).toMatchObject({ attempts: 0, logPath: null });
      // The engine reports events a moment after the fact.
      await waitFor(() => started.length >= 4, 'the container events of both runs');
    } finally {
      (events as unknown as { destroy(): void }).destroy();
    }
    expect(started.sort()).toEqual(['base', 'base', 'regional', 'summary']);
  });
});
