// Containers made ahead, on a real engine: the container of a step is created while the step
// before it runs (the engine's own event log shows the order), a container made for a step
// that then does not run is removed before the run ends, and an output folder swapped for a
// link leading out while its step's container waited is refused, nothing written outside.
// Skipped without a Docker engine, except in CI (see docker-support.ts).
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { LABEL } from '../services/docker/docker-names.js';
import { runJson, stepStatuses } from '../testing/cli-runs.js';
import { removeDockerLeftovers, stepContainers, workspaceFilter } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { guardOutside } from '../testing/hostile-workspace.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;
// Its clean-up runs after this file's own (hooks run in reverse): the workspace's containers go first.
const outside = guardOutside(() => workspace.remove());

beforeEach(() => {
  workspace = tempWorkspace({
    'pipewright.yaml': `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
  });
});

afterEach(async () => {
  if (dockerMissing === null) await removeDockerLeftovers(docker, workspace.root);
});

interface ContainerEvent {
  action: string;
  step: string;
  at: bigint;
}

/** What the engine recorded of the workspace's step containers since `since` (seconds), in order. */
async function containerEvents(since: number): Promise<ContainerEvent[]> {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const stream = await docker.getEvents({
    since,
    until,
    filters: { type: ['container'], ...workspaceFilter(workspace.root, 'step') },
  });
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(
      (line) => JSON.parse(line) as { Action: string; timeNano: number; Actor: { Attributes: Record<string, string> } },
    )
    .map((event) => ({
      action: event.Action,
      step: event.Actor.Attributes[LABEL.step] ?? '',
      at: BigInt(event.timeNano),
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

const when = (events: ContainerEvent[], action: string, step: string): bigint => {
  const found = events.find((event) => event.action === action && event.step === step);
  if (found === undefined) throw new Error(`the engine recorded no ${action} of step ${step}'s container`);
  return found.at;
};

/** Runs the pipeline `name` of `steps`; what the engine recorded of its step containers, none of them left. */
async function runRecorded(name: string, steps: string): Promise<{ run: RunSummary; events: ContainerEvent[] }> {
  workspace.write(`pipelines/${name}.pipeline.yaml`, pipelineYaml(name, steps));
  const since = Math.floor(Date.now() / 1000) - 1;
  const run = await runJson(workspace.root, name);
  expect(await stepContainers(docker, workspace.root)).toEqual([]);
  return { run, events: await containerEvents(since) };
}

const suiteTitle =
  dockerMissing !== null && !inCI ? `containers made ahead (skipped: ${dockerMissing})` : 'containers made ahead';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('has a Docker engine and the test images (required in CI)', () => {
    expect(dockerMissing).toBeNull();
  });

  it("creates each step's container while the step before it runs, uses it, and leaves none", async () => {
    const { run, events } = await runRecorded(
      'chain',
      `  first:
    run: sleep 0.5
    environment: box
  second:
    run: sleep 0.5
    environment: box
    needs: [first]
  third:
    run: echo done
    environment: box
    needs: [second]`,
    );
    expect(stepStatuses(run)).toEqual({ first: 'succeeded', second: 'succeeded', third: 'succeeded' });
    // Made while the step before it ran: after that one's container started, before it ended.
    expect(when(events, 'create', 'second')).toBeGreaterThan(when(events, 'start', 'first'));
    expect(when(events, 'create', 'second')).toBeLessThan(when(events, 'die', 'first'));
    expect(when(events, 'create', 'third')).toBeGreaterThan(when(events, 'start', 'second'));
    expect(when(events, 'create', 'third')).toBeLessThan(when(events, 'die', 'second'));
    // Each step ran in the one container made for it: none was made twice, each one started.
    expect(events.filter((event) => event.action === 'create').map((event) => event.step)).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect(events.filter((event) => event.action === 'start')).toHaveLength(3);
  });

  it('removes the container made for a step that then does not run, before the run ends', async () => {
    const { run, events } = await runRecorded(
      'broken',
      `  first:
    run: sleep 0.5; exit 3
    environment: box
  second:
    run: echo never
    environment: box
    needs: [first]`,
    );
    expect(stepStatuses(run)).toEqual({ first: 'failed', second: 'skipped' });
    expect(when(events, 'create', 'second')).toBeLessThan(when(events, 'die', 'first'));
    expect(when(events, 'destroy', 'second')).toBeGreaterThan(when(events, 'create', 'second'));
    expect(events.some((event) => event.action === 'start' && event.step === 'second')).toBe(false);
  });

  it('refuses an output folder that became a link leading out while its container waited, writing nothing outside', async () => {
    mkdirSync(workspace.path('result'));
    const { run, events } = await runRecorded(
      'swap',
      `  swap:
    run: sleep 0.5 && rm -r result && ln -s ${outside.dir} result
  write:
    run: echo pwned > result/x.txt
    environment: box
    outputs: [result/]
    needs: [swap]`,
    );
    expect(stepStatuses(run)).toEqual({ swap: 'succeeded', write: 'failed' });
    expect(run.steps.find((step) => step.id === 'write')?.message).toMatch(/result.*link|link.*result/i);
    outside.untouched();
    // It was made ahead, with the folder as it was then, and never started.
    expect(events.filter((event) => event.step === 'write').map((event) => event.action)).toEqual([
      'create',
      'destroy',
    ]);
  });
});
