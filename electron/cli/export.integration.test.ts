// `pipewright export` through the built CLI on the sample workspace in a real git repository:
// the Argo files validate against Argo's published schema, the checkout they hold puts the
// exported commit on the volume (run for real with git), and the CI files run commands the
// CLI accepts (run for real in the workspace).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { argoSchemaErrors } from '../testing/argo-schema.js';
import { runCli } from '../testing/cli-process.js';

let dir: string;
let root: string;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-export-'));
  expect((await runCli(['init', 'ws'], dir)).code).toBe(0);
  root = join(dir, 'ws');
  git(root, 'remote', 'add', 'origin', 'https://git.example.com/team/sales.git');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Task {
  name: string;
  template: string;
  depends?: string;
  when?: string;
}
interface Template {
  name: string;
  dag?: { tasks: Task[] };
  container?: { image: string; args: string[]; env?: { name: string; value: string }[] };
}
interface ArgoDocument {
  kind: string;
  metadata: { annotations: Record<string, string> };
  spec: { schedules?: string[]; timezone?: string; workflowSpec?: ArgoSpec } & ArgoSpec;
}
interface ArgoSpec {
  entrypoint: string;
  arguments: { parameters: { name: string; value?: string; enum?: string[] }[] };
  templates: Template[];
  volumeClaimTemplates: { spec: { resources: { requests: { storage: string } } } }[];
}

const tasksOf = (spec: ArgoSpec) =>
  Object.fromEntries(
    (spec.templates.find((template) => template.name === spec.entrypoint)?.dag?.tasks ?? []).map((task) => [
      task.name,
      task.depends?.split(' && ').map((term) => term.replace(/\.Succeeded$/, '')) ?? [],
    ]),
  );

describe('pipewright export argo', () => {
  it("writes a Workflow of the sample that Argo's schema accepts: a task per step, tests after, prod's params, the commit checked out", async () => {
    const refused = await runCli(['export', 'argo', 'sales', '--env', 'prod'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'environment "prod" runs steps as local processes: give the image they run in on the cluster with --image',
    );

    const written = await runCli(
      [
        'export',
        'argo',
        'sales',
        '--env',
        'prod',
        '--image',
        'node:20-bookworm',
        '--volume-size',
        '2Gi',
        '-o',
        'sales.workflow.yaml',
      ],
      root,
    );
    expect(written.code, written.stderr).toBe(0);
    const document = parse(readFileSync(join(root, 'sales.workflow.yaml'), 'utf8')) as ArgoDocument;
    expect(document.kind).toBe('Workflow');
    expect(argoSchemaErrors('Workflow', document)).toEqual([]);
    expect(tasksOf(document.spec)).toEqual({
      checkout: [],
      ingest: ['checkout'],
      'ingest-tests': ['ingest'],
      clean: ['ingest-tests'],
      'clean-tests': ['clean'],
      'revenue-by-region': ['clean-tests'],
      'top-customers': ['clean-tests'],
      'top-customers-tests': ['top-customers'],
      report: ['revenue-by-region', 'top-customers-tests'],
    });
    expect(document.spec.arguments.parameters).toEqual([
      { name: 'sample_fraction', value: '1', description: 'Share of orders to keep, for quick runs' },
      {
        name: 'region',
        value: 'all',
        enum: ['all', 'north', 'south', 'east', 'west'],
        description: 'Report on one region or all',
      },
      { name: 'min_order_value', value: '0', description: 'Orders worth less than this are dropped' },
      { name: 'top_n', value: '5', description: 'How many customers the report ranks' },
    ]);
    expect(document.spec.volumeClaimTemplates[0]?.spec.resources.requests.storage).toBe('2Gi');
    const head = git(root, 'rev-parse', 'HEAD');
    expect(document.metadata.annotations['pipewright.dev/commit']).toBe(head);
    expect(document.spec.templates.find((template) => template.name === 'ingest')?.container?.image).toBe(
      'node:20-bookworm',
    );

    // The checkout task's own script, run with git against a clone source: the exported commit lands in an empty folder.
    git(root, 'commit', '-q', '--allow-empty', '-m', 'later work');
    const checkout = document.spec.templates.find((template) => template.name === 'checkout')?.container;
    const volume = mkdtempSync(join(tmpdir(), 'pipewright-volume-'));
    try {
      const env = Object.fromEntries((checkout?.env ?? []).map((pair) => [pair.name, pair.value]));
      execFileSync('sh', ['-c', checkout?.args[0] ?? 'false'], {
        cwd: volume,
        env: { ...process.env, ...env, PW_REPOSITORY: root },
      });
      expect(git(volume, 'rev-parse', 'HEAD')).toBe(head);
      expect(existsSync(join(volume, 'pipelines/sales.pipeline.yaml'))).toBe(true);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });

  it("writes a CronWorkflow from the workspace's schedule or --cron, and exports the pipeline as committed at --ref", async () => {
    const scheduled = await runCli(['export', 'argo', 'sales', '--schedule', '--image', 'node:20-bookworm'], root);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    const cron = parse(scheduled.stdout) as ArgoDocument;
    expect(cron.kind).toBe('CronWorkflow');
    expect(argoSchemaErrors('CronWorkflow', cron)).toEqual([]);
    expect(cron.spec.schedules).toEqual(['0 6 * * *']);
    expect(cron.spec.timezone).toBe('UTC');
    // The schedule's environment (prod) sets the params.
    expect(cron.spec.workflowSpec?.arguments.parameters[0]).toMatchObject({ name: 'sample_fraction', value: '1' });

    const seconds = await runCli(['export', 'argo', 'sales', '--cron', '0 0 6 * * *', '--image', 'x'], root);
    expect(seconds.code).toBe(2);
    expect(seconds.stderr).toContain('Argo reads five fields');

    const first = git(root, 'rev-parse', 'HEAD');
    const file = join(root, 'pipelines/sales.pipeline.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n  publish:\n    run: echo publish\n    needs: [report]\n    when: params.region != 'all'\n`,
    );
    git(root, 'commit', '-qam', 'publish the report');
    const exported = await runCli(['export', 'argo', 'sales', '--image', 'x'], root);
    const latest = parse(exported.stdout) as ArgoDocument;
    const publish = latest.spec.templates
      .find((template) => template.name === latest.spec.entrypoint)
      ?.dag?.tasks.find((task) => task.name === 'publish');
    expect(publish?.when).toBe('{{=(workflow.parameters["region"] != "all")}}');
    expect(tasksOf(latest.spec).publish).toEqual(['report']);
    expect(exported.stderr).not.toContain('when:');
    const atFirst = parse(
      (await runCli(['export', 'argo', 'sales', '--image', 'x', '--ref', first], root)).stdout,
    ) as ArgoDocument;
    expect(Object.keys(tasksOf(atFirst.spec))).not.toContain('publish');
    expect(atFirst.metadata.annotations['pipewright.dev/commit']).toBe(first);

    // A schedule of the workspace runs its own ref: the export checks out that one.
    git(root, 'tag', 'v1', first);
    const settings = join(root, 'pipewright.yaml');
    writeFileSync(
      settings,
      readFileSync(settings, 'utf8').replace('    timezone: UTC', '    timezone: UTC\n    ref: v1'),
    );
    git(root, 'commit', '-qam', 'the nightly run stays on v1');
    const pinned = parse(
      (await runCli(['export', 'argo', 'sales', '--schedule', '--image', 'x'], root)).stdout,
    ) as ArgoDocument;
    expect(pinned.metadata.annotations['pipewright.dev/commit']).toBe(first);
    expect(Object.keys(tasksOf(pinned.spec.workflowSpec as ArgoSpec))).not.toContain('publish');
  });
});

describe('pipewright export github-actions and gitlab-ci', () => {
  /** Runs each pipewright command of a CI file in the workspace, as the CI job would. */
  async function runCommands(commands: string[]): Promise<void> {
    expect(commands[0]).toBe('npm install --global pipewright@0.1.0');
    for (const command of commands.slice(1)) {
      const [program, ...args] = command.split(' ');
      expect(program).toBe('pipewright');
      const result = await runCli(args, root);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    }
  }

  it('writes a GitHub Actions workflow on push and pull request whose commands run the pipelines and write JUnit reports', async () => {
    const result = await runCli(['export', 'github-actions', 'sales', '--env', 'prod'], root);
    expect(result.code, result.stderr).toBe(0);
    const config = parse(result.stdout) as {
      on: Record<string, unknown>;
      jobs: { pipelines: { steps: { run?: string; uses?: string; if?: string; with?: Record<string, string> }[] } };
    };
    expect(Object.keys(config.on)).toEqual(['push', 'pull_request']);
    const steps = config.jobs.pipelines.steps;
    expect(steps.map((step) => step.uses ?? step.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm install --global pipewright@0.1.0',
      'pipewright validate',
      'pipewright run sales --env prod --quiet --junit pipewright-reports/sales.xml',
      'actions/upload-artifact@v4',
    ]);
    expect(steps.at(-1)).toMatchObject({ if: 'always()', with: { path: 'pipewright-reports/*.xml' } });
    await runCommands(steps.flatMap((step) => (step.run ? [step.run] : [])));
    expect(readFileSync(join(root, 'pipewright-reports/sales.xml'), 'utf8')).toContain('<testsuite name="sales"');
  });

  it('writes a .gitlab-ci.yml for branches and merge requests that publishes the JUnit reports', async () => {
    const result = await runCli(['export', 'gitlab-ci', '-o', '.gitlab-ci.yml'], root);
    expect(result.code, result.stderr).toBe(0);
    const config = parse(readFileSync(join(root, '.gitlab-ci.yml'), 'utf8')) as {
      workflow: { rules: { if: string }[] };
      pipewright: { services?: string[]; script: string[]; artifacts: { when: string; reports: { junit: string } } };
    };
    expect(config.workflow.rules.map((rule) => rule.if)).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(config.pipewright.artifacts).toMatchObject({
      when: 'always',
      reports: { junit: 'pipewright-reports/*.xml' },
    });
    expect(config.pipewright.script.at(-1)).toBe('pipewright run sales --quiet --junit pipewright-reports/sales.xml');
    // The sample's environments run steps as local processes: the job needs no Docker engine.
    expect(config.pipewright).not.toHaveProperty('services');
    await runCommands(config.pipewright.script);

    const unknown = await runCli(['export', 'gitlab-ci', 'sale'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no pipeline named "sale" (did you mean "sales"?)');
  });
});
