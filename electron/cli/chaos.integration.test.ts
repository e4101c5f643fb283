// Chaos: the CLI killed with SIGKILL at random moments of a run (seeded, so a failure can be
// replayed), again and again. Every killed run must be found interrupted by the next command,
// every --resume must finish it with the right outputs, no step process may outlive it, and
// the state database must stay intact. Two lanes (a workspace each) share the two cores.
import { readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunListItem, RunSummary } from '../../shared/run/run-types.js';
import { processesRunning, runCli, startCli } from '../testing/cli-process.js';
import { removeDockerLeftovers, stepContainers } from '../testing/docker-leftovers.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../testing/docker-support.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const SEED = Number(process.env.PIPEWRIGHT_CHAOS_SEED ?? 20261126);
const RUNS = 50;
const LANES = 2;
const LAYERS = 4;
const WIDTH = 10;
const STEP_SCRIPT = 'steps/chaos-step.sh';

/** mulberry32: a small seeded generator, so every kill moment can be replayed from the seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stepId = (layer: number, index: number) => `s${layer}_${index}`;

/** 40 steps in 4 layers of 10: each step reads the one before it in its column and adds its name. */
function chaosPipeline(environment: string | null, layers = LAYERS, width = WIDTH): string {
  const steps: string[] = [];
  for (let layer = 0; layer < layers; layer += 1) {
    for (let index = 0; index < width; index += 1) {
      const id = stepId(layer, index);
      const input = layer === 0 ? null : `out/${stepId(layer - 1, index)}.txt`;
      steps.push(`  ${id}:
    run: sh ${STEP_SCRIPT} ${id} ${input ?? '-'}
${environment ? `    environment: ${environment}\n` : ''}${input ? `    inputs: [${input}]\n` : ''}    outputs: [out/${id}.txt]
`);
    }
  }
  return pipelineYaml('chaos', steps.join(''), '  n: { type: integer, default: 0 }\n');
}

// Writes through a temporary file, as careful steps do; a kill mid-step leaves at most the temporary.
const SCRIPT = `set -e
mkdir -p out
if [ "$2" = "-" ]; then before="$PW_PARAM_N"; else before="$(cat "$2")"; fi
sleep 0.0$(( $$ % 5 ))
echo "$before $1" > "out/$1.txt.tmp"
mv "out/$1.txt.tmp" "out/$1.txt"
`;

function expectedOutput(n: number, layer: number, index: number): string {
  return `${[String(n), ...Array.from({ length: layer + 1 }, (_, at) => stepId(at, index))].join(' ')}\n`;
}

function expectOutputs(workspace: TempWorkspace, n: number, layers = LAYERS, width = WIDTH): void {
  for (let layer = 0; layer < layers; layer += 1) {
    for (let index = 0; index < width; index += 1) {
      expect(workspace.read(`out/${stepId(layer, index)}.txt`), `${stepId(layer, index)} of run n=${n}`).toBe(
        expectedOutput(n, layer, index),
      );
    }
  }
}

function integrity(workspace: TempWorkspace): string {
  const db = new Database(workspace.path('.pipewright/state.db'), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** Step processes running in this workspace (the other lane runs the same commands elsewhere). */
function stepProcesses(workspace: TempWorkspace): number[] {
  const inWorkspace = (pid: number) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === workspace.root;
    } catch {
      return false;
    }
  };
  return [...processesRunning(`/bin/sh -c sh ${STEP_SCRIPT}`), ...processesRunning(`sh ${STEP_SCRIPT}`)].filter(
    inWorkspace,
  );
}

/**
 * Starts a run and kills the CLI with SIGKILL once `finished` steps have ended, `delayMs`
 * later: a moment anywhere from the first step starting to the last one ending.
 */
async function runAndKill(
  workspace: TempWorkspace,
  args: string[],
  finished: number,
  delayMs: number,
): Promise<{ runId: string; killed: boolean; output: string }> {
  const cli = startCli(['run', 'chaos', ...args], workspace.root);
  let runId = '';
  let done = 0;
  let scheduled = false;
  cli.child.stdout?.on('data', () => {
    const output = cli.output();
    runId ||= /run (\S+) of chaos/.exec(output)?.[1] ?? '';
    done = (output.match(/^\[s\d+_\d+\] (✓|✗)/gm) ?? []).length;
    if (runId && done >= finished && !scheduled) {
      scheduled = true;
      setTimeout(() => cli.child.kill('SIGKILL'), delayMs);
    }
  });
  const result = await cli.result;
  return { runId, killed: result.signal === 'SIGKILL', output: cli.output() };
}

const workspaces: TempWorkspace[] = [];
afterEach(async () => {
  for (const workspace of workspaces.splice(0)) {
    if (dockerMissing === null) await removeDockerLeftovers(docker, workspace.root);
    workspace.remove();
  }
});

describe('chaos: the CLI killed at random moments of a run', () => {
  it(`${RUNS} runs of a ${LAYERS * WIDTH}-step parallel pipeline, each killed and resumed (seed ${SEED})`, async () => {
    const random = seeded(SEED);
    const lanes = Array.from({ length: LANES }, () => {
      const workspace = tempWorkspace({ 'pipelines/chaos.pipeline.yaml': chaosPipeline(null), [STEP_SCRIPT]: SCRIPT });
      workspaces.push(workspace);
      return workspace;
    });
    // The plan of every run is drawn up front, so the seed alone decides the kill moments.
    // At most 30 of 40 steps ended: a whole layer is still to run when the kill comes.
    const plans = Array.from({ length: RUNS }, (_, run) => ({
      n: run + 1,
      finished: Math.floor(random() * (LAYERS * WIDTH - WIDTH)),
      delayMs: Math.floor(random() * 40),
    }));
    let killed = 0;
    await Promise.all(
      lanes.map(async (workspace, lane) => {
        for (const { n, finished, delayMs } of plans.filter((_, run) => run % LANES === lane)) {
          const moment = `run n=${n} killed after ${finished} steps + ${delayMs} ms (seed ${SEED})`;
          const {
            runId,
            killed: wasKilled,
            output,
          } = await runAndKill(workspace, ['-p', `n=${n}`, '-j', '8'], finished, delayMs);
          expect(runId, moment).not.toBe('');
          expect(wasKilled, `${moment}: it ended first:\n${output}`).toBe(true);
          killed += 1;

          const resumed = await runCli(['run', '--resume', runId, '--json'], workspace.root);
          expect(resumed.stderr, moment).toContain(`run ${runId} was interrupted`);
          expect(resumed.code, `${moment}: ${resumed.stderr}`).toBe(0);
          const run = JSON.parse(resumed.stdout) as RunSummary;
          expect(
            run.steps.filter((step) => step.status !== 'succeeded'),
            moment,
          ).toEqual([]);
          expectOutputs(workspace, n);
          expect(stepProcesses(workspace), moment).toEqual([]);
          expect(integrity(workspace), moment).toBe('ok');
        }
      }),
    );
    expect(killed).toBe(RUNS);
    for (const workspace of lanes) {
      const history = JSON.parse(
        (await runCli(['runs', '--json', '--limit', String(RUNS)], workspace.root)).stdout,
      ) as RunListItem[];
      expect(history.map((run) => run.status)).toEqual(history.map(() => 'succeeded'));
      expect(integrity(workspace)).toBe('ok');
    }
  }, 600_000);
});

const inCI = process.env.CI === 'true';
const dockerTitle =
  dockerMissing !== null && !inCI ? `chaos in containers (skipped: ${dockerMissing})` : 'chaos in containers';
describe.skipIf(dockerMissing !== null && !inCI)(dockerTitle, () => {
  it('a CLI killed at random moments of a container run: the next command removes its containers and records it interrupted', async () => {
    const random = seeded(SEED + 1);
    const workspace = tempWorkspace({
      'pipewright.yaml': `version: 1\nenvironments:\n  box:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n`,
      'pipelines/chaos.pipeline.yaml': chaosPipeline('box', 2, 3),
      [STEP_SCRIPT]: SCRIPT,
    });
    workspaces.push(workspace);
    for (let n = 1; n <= 3; n += 1) {
      // Anywhere from bringing the environment up to the second layer's containers running.
      const finished = Math.floor(random() * 3);
      const delayMs = Math.floor(random() * 400);
      const moment = `container run n=${n} killed after ${finished} steps + ${delayMs} ms (seed ${SEED + 1})`;
      const { runId, killed, output } = await runAndKill(workspace, ['-p', `n=${n}`, '-j', '3'], finished, delayMs);
      expect(killed, `${moment}: it ended first:\n${output}`).toBe(true);

      const listed = await runCli(['runs', '--json'], workspace.root);
      expect((JSON.parse(listed.stdout) as RunListItem[]).find((run) => run.id === runId)?.status, moment).toBe(
        'interrupted',
      );
      expect(await stepContainers(docker, workspace.root), moment).toEqual([]);

      const resumed = await runCli(['run', '--resume', runId, '--json'], workspace.root);
      expect(resumed.code, `${moment}: ${resumed.stderr}`).toBe(0);
      expectOutputs(workspace, n, 2, 3);
      expect(await stepContainers(docker, workspace.root), moment).toEqual([]);
      expect(integrity(workspace), moment).toBe('ok');
    }
  }, 300_000);
});
