// An exported Argo Workflow played through with the real Docker engine, as a cluster would run
// it: the checkout task's script puts the commit on a shared folder (the volume), each step
// task's container runs with the exported image, variables and security context (nobody,
// read-only root, no capabilities, no privilege escalation), and each tests task runs
// `pipewright test ... --local` as its script says. The tests task's exit code decides.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process.js';
import { PYTHON_IMAGE, dockerMissing } from '../testing/docker-support.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

interface Container {
  image: string;
  args: string[];
  env?: { name: string; value: string }[];
  securityContext: {
    runAsUser: number;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
    allowPrivilegeEscalation: boolean;
  };
}
interface Template {
  name: string;
  container?: Container;
  dag?: { tasks: Task[] };
}
interface Workflow {
  spec: { entrypoint: string; arguments: { parameters: { name: string; value: string }[] }; templates: Template[] };
}

let workspace: TempWorkspace | undefined;
let volume: string | undefined;
afterEach(() => {
  workspace?.remove();
  if (volume) rmSync(volume, { recursive: true, force: true });
});

interface Task {
  name: string;
  template: string;
  depends?: string;
}

/** The tasks a task waits for: its `depends`, each of which must have succeeded. */
const dependencies = (task: Task): string[] =>
  task.depends?.split(' && ').map((term) => term.replace(/\.Succeeded$/, '')) ?? [];

/** Task names in an order that respects their dependencies. */
function taskOrder(tasks: Task[]): string[] {
  const done: string[] = [];
  while (done.length < tasks.length) {
    const ready = tasks.find(
      (task) => !done.includes(task.name) && dependencies(task).every((dependency) => done.includes(dependency)),
    );
    if (!ready) throw new Error('the DAG has a cycle');
    done.push(ready.name);
  }
  return done;
}

/** A container's variables with the workflow's arguments filled in, as Argo does. */
function variables(container: Container, parameters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map(({ name, value }) => [
      name,
      value
        .replace(/\{\{workflow\.parameters\.([A-Za-z0-9_]+)\}\}/g, (_, param: string) => parameters[param] ?? '')
        .replace('{{workflow.name}}', 'played'),
    ]),
  );
}

function runStepContainer(
  container: Container,
  env: Record<string, string>,
  root: string,
): { status: number | null; output: string } {
  const context = container.securityContext;
  expect(context).toMatchObject({
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  });
  const args = [
    'run',
    '--rm',
    '--network',
    'none',
    '--label',
    'pipewright-test=argo-export',
    '--user',
    `${context.runAsUser}:${context.runAsUser}`,
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--tmpfs',
    '/tmp',
    '-v',
    `${root}:/workspace`,
    '-w',
    '/workspace',
    ...Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
    PYTHON_IMAGE,
    'sh',
    '-c',
    container.args[0] ?? 'false',
  ];
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const inCI = process.env.CI === 'true';
const title =
  dockerMissing !== null && !inCI
    ? `an exported Argo Workflow played with Docker (skipped: ${dockerMissing})`
    : 'an exported Argo Workflow played with Docker';
describe.skipIf(dockerMissing !== null && !inCI)(title, () => {
  async function play(
    parameters: Record<string, string>,
  ): Promise<{ outcomes: Record<string, number | null>; root: string }> {
    const exported = await runCli(['export', 'argo', 'counts', '--env', 'prod'], workspace?.root ?? '');
    expect(exported.code, exported.stderr).toBe(0);
    const workflow = parse(exported.stdout) as Workflow;
    const arguments_ = {
      ...Object.fromEntries(workflow.spec.arguments.parameters.map((parameter) => [parameter.name, parameter.value])),
      ...parameters,
    };
    const byName = new Map(workflow.spec.templates.map((template) => [template.name, template]));
    const tasks = byName.get(workflow.spec.entrypoint)?.dag?.tasks ?? [];
    volume = mkdtempSync(join(tmpdir(), 'pipewright-argo-volume-'));
    // A volume the pod's group may write: fsGroup does this on a cluster.
    chmodSync(volume, 0o777);
    const outcomes: Record<string, number | null> = {};
    for (const name of taskOrder(tasks)) {
      const task = tasks.find((candidate) => candidate.name === name);
      const container = byName.get(task?.template ?? '')?.container;
      if (!task || !container) throw new Error(`task ${name} has no container`);
      if (dependencies(task).some((dependency) => outcomes[dependency] !== 0)) continue;
      const env = variables(container, arguments_);
      if (name === 'checkout') {
        // The CLI image is not here: its script runs with the host's git, against the workspace as the remote.
        execFileSync('sh', ['-c', container.args[0] ?? 'false'], {
          cwd: volume,
          env: { ...process.env, ...env, PW_REPOSITORY: workspace?.root ?? '' },
        });
        chmodSync(volume, 0o777);
        outcomes[name] = 0;
      } else if (name.endsWith('-tests')) {
        expect(container.args[0]).toContain(
          'pipewright test "$PW_TEST_PIPELINE" --step "$PW_TEST_STEP" --env "$PW_TEST_ENVIRONMENT" --local',
        );
        const params = Object.entries(env)
          .filter(([key]) => key.startsWith('PW_PARAM_'))
          .map(([key, value]) => `${key.slice('PW_PARAM_'.length).toLowerCase()}=${value}`);
        const result = await runCli(
          [
            'test',
            env.PW_TEST_PIPELINE ?? '',
            '--step',
            env.PW_TEST_STEP ?? '',
            '--env',
            env.PW_TEST_ENVIRONMENT ?? '',
            '--local',
            ...params.flatMap((param) => ['--param', param]),
          ],
          volume,
        );
        outcomes[name] = result.code;
      } else {
        const result = runStepContainer(container, env, volume);
        expect(result.status, result.output).toBe(0);
        outcomes[name] = result.status;
      }
    }
    return { outcomes, root: volume };
  }

  it('runs the steps in their containers under the exported security context; an error test stops downstream', async () => {
    expect(dockerMissing).toBeNull();
    workspace = tempRepository({
      'pipewright.yaml': `version: 1\nenvironments:\n  prod:\n    runner: docker\n    image: ${PYTHON_IMAGE}\n    params: { rows: 4 }\n`,
      'pipelines/counts.pipeline.yaml': `version: 1
name: counts
params:
  rows: { type: integer, default: 2 }
steps:
  make:
    run: python3 -c "import os; n=int(os.environ['PW_PARAM_ROWS']); open('out.csv','w').write('id\\n' + ''.join(f'{i}\\n' for i in range(n)))"
    outputs: [out.csv]
    tests:
      - row_count: { path: out.csv, min: 3 }
      - name: out.csv has a header
        command: head -n 1 out.csv | grep -qx id
  count:
    run: python3 -c "print(len(open('out.csv').read().split()) - 1)" > count.txt
    inputs: [out.csv]
    outputs: [count.txt]
`,
    });
    gitCli(workspace.root, 'remote', 'add', 'origin', 'https://git.example.com/team/counts.git');
    const passing = await play({});
    expect(passing.outcomes).toEqual({ checkout: 0, make: 0, 'make-tests': 0, count: 0 });
    // The environment's override (4 rows) reached the container as PW_PARAM_ROWS.
    expect(readFileSync(join(passing.root, 'count.txt'), 'utf8').trim()).toBe('4');
    rmSync(passing.root, { recursive: true, force: true });

    // Submitted with rows=2 the error test fails: its task exits 1 and count never runs.
    const failing = await play({ rows: '2' });
    expect(failing.outcomes).toEqual({ checkout: 0, make: 0, 'make-tests': 1 });
  });
});
