// The studio's node side on real files: saving through the comment-keeping writer, refusing
// to overwrite what changed on disk or is not valid YAML, managing pipelines, running one and
// hearing about it, and noticing edits made by other programs.
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, EventMap, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { waitFor } from '../../testing/cli-process.js';
import { gitCli, tempRepository } from '../../testing/git-cli.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { callStudio, recordStudioEvents } from '../../testing/studio-calls.js';
import type { StudioEventRecord } from '../../testing/studio-calls.js';
import { StudioBackend } from './studio-backend.js';

const PIPELINE = `# the demo pipeline
version: 1
name: demo
steps:
  make:
    run: echo made > made.txt   # writes made.txt
    outputs: [made.txt]
  use:
    run: cat made.txt
    inputs: [made.txt]
`;

let workspace: TempWorkspace;
let backend: StudioBackend;
const events: StudioEventRecord[] = [];

beforeEach(async () => {
  workspace = tempWorkspace({ 'pipelines/demo.pipeline.yaml': PIPELINE });
  backend = new StudioBackend({ canOpenWorkspaces: false });
  events.length = 0;
  recordStudioEvents(backend, events);
  await backend.open(workspace.root);
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  callStudio(backend, channel, request);

const h = () =>
  new Proxy({} as { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> }, {
    get: (_target, channel: string) => (request: unknown) => call(channel as Channel, request as never),
  });

describe('pipelines in the studio', () => {
  it('loads a pipeline with its data, hash, problems and layout, and saves a change as a one-line edit', async () => {
    const doc = await h()['pipeline:load']({ name: 'demo' });
    expect(doc).toMatchObject({
      name: 'demo',
      file: 'pipelines/demo.pipeline.yaml',
      problems: [],
      layout: { version: 1, positions: {} },
    });
    const data = structuredClone(doc.data) as { steps: Record<string, { run: string }> };
    (data.steps.use as { run: string }).run = 'wc -l made.txt';
    const saved = await h()['pipeline:save']({
      name: 'demo',
      data,
      layout: { version: 1, positions: { make: { x: 10.4, y: 20 } } },
      baseHash: doc.hash,
    });
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toBe(
      PIPELINE.replace('    run: cat made.txt', '    run: wc -l made.txt'),
    );
    expect(saved.hash).not.toBe(doc.hash);
    expect(JSON.parse(workspace.read('pipelines/demo.layout.json'))).toEqual({
      version: 1,
      positions: { make: { x: 10, y: 20 } },
    });
  });

  it('saves a commented pipeline in a repository so that git sees the one changed line', async () => {
    const commented = `# Nightly churn model.
version: 1
name: churn
params:
  fraction: { type: number, default: 1.0 }   # 1.0 = every row

steps:
  # Pull the export; it arrives around 02:00.
  ingest:
    run: python steps/ingest.py            # writes parquet
    outputs: [data/ingested.parquet]
  train:
    run: |
      python steps/train.py \\
        --fraction "$PW_PARAM_FRACTION"
    inputs: [data/ingested.parquet]
`;
    const repository = tempRepository({ 'pipelines/churn.pipeline.yaml': commented });
    const studio = new StudioBackend({ canOpenWorkspaces: false });
    try {
      await studio.open(repository.root);
      const doc = await callStudio(studio, 'pipeline:load', { name: 'churn' });
      const data = structuredClone(doc.data) as { steps: Record<string, { run: string }> };
      (data.steps.ingest as { run: string }).run = 'python steps/ingest.py --incremental';
      await callStudio(studio, 'pipeline:save', { name: 'churn', data, layout: doc.layout, baseHash: doc.hash });
      expect(gitCli(repository.root, 'diff', '--numstat', '--', 'pipelines')).toBe(
        '1\t1\tpipelines/churn.pipeline.yaml\n',
      );
      expect(
        gitCli(repository.root, 'diff', '-U0', '--', 'pipelines')
          .split('\n')
          .filter((line) => /^[-+][^-+]/.test(line)),
      ).toEqual([
        '-    run: python steps/ingest.py            # writes parquet',
        '+    run: python steps/ingest.py --incremental            # writes parquet',
      ]);
    } finally {
      await studio.close();
      repository.remove();
    }
  });

  it('refuses to save over a file changed on disk since it was opened, unless told to', async () => {
    const doc = await h()['pipeline:load']({ name: 'demo' });
    const elsewhere = `${PIPELINE}# edited elsewhere\n`;
    writeFileSync(workspace.path('pipelines/demo.pipeline.yaml'), elsewhere);
    const data = { ...(doc.data as object), description: 'mine' };
    await expect(
      h()['pipeline:save']({ name: 'demo', data, layout: doc.layout, baseHash: doc.hash }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toBe(elsewhere);
    await h()['pipeline:save']({ name: 'demo', data, layout: doc.layout, baseHash: doc.hash, force: true });
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toContain('description: mine');
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toContain('# edited elsewhere');
  });

  it('never overwrites a file that is not valid YAML, and shows it read-only', async () => {
    const broken = 'version: 1\nname: demo\nsteps: [\n';
    const doc = await h()['pipeline:load']({ name: 'demo' });
    writeFileSync(workspace.path('pipelines/demo.pipeline.yaml'), broken);
    const reloaded = await h()['pipeline:load']({ name: 'demo' });
    expect(reloaded.data).toBeNull();
    expect(reloaded.problems[0]?.code).toBe('yaml-syntax');
    await expect(
      h()['pipeline:save']({
        name: 'demo',
        data: doc.data as Record<string, unknown>,
        layout: doc.layout,
        baseHash: reloaded.hash,
      }),
    ).rejects.toMatchObject({ code: 'invalid-file' });
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toBe(broken);
  });

  it('refuses data that is not a pipeline', async () => {
    const doc = await h()['pipeline:load']({ name: 'demo' });
    await expect(
      h()['pipeline:save']({
        name: 'demo',
        data: { version: 1, name: 'demo', steps: { a: { cmd: 'x' } } },
        layout: doc.layout,
        baseHash: doc.hash,
      }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    expect(workspace.read('pipelines/demo.pipeline.yaml')).toBe(PIPELINE);
  });

  it('creates, renames and deletes pipelines with their layout', async () => {
    expect(await h()['pipeline:create']({ name: 'fresh' })).toEqual({
      name: 'fresh',
      file: 'pipelines/fresh.pipeline.yaml',
    });
    expect(workspace.read('pipelines/fresh.pipeline.yaml')).toBe(
      '# $schema: ../.pipewright/schema/pipeline.schema.json\nversion: 1\nname: fresh\nsteps: {}\n',
    );
    await expect(h()['pipeline:create']({ name: 'fresh' })).rejects.toMatchObject({ code: 'conflict' });
    writeFileSync(workspace.path('pipelines/demo.layout.json'), '{"version":1,"positions":{}}\n');
    await h()['pipeline:rename']({ from: 'demo', to: 'renamed' });
    expect(workspace.read('pipelines/renamed.pipeline.yaml')).toBe(PIPELINE.replace('name: demo', 'name: renamed'));
    expect(existsSync(workspace.path('pipelines/renamed.layout.json'))).toBe(true);
    expect(existsSync(workspace.path('pipelines/demo.pipeline.yaml'))).toBe(false);
    await h()['pipeline:delete']({ name: 'renamed' });
    expect(backend.info().pipelines.map((entry) => entry.name)).toEqual(['fresh']);
  });

  it('lists built-in templates and the workspace library, with problems of bad library files', async () => {
    workspace.write(
      'library/load-csv.step.yaml',
      'title: Load a CSV\nlanguage: sql\nstep:\n  run: duckdb db < steps/load.sql\n',
    );
    workspace.write('library/broken.step.yaml', 'title: Broken\nstep:\n  ruun: x\n');
    const { templates, problems } = await h()['templates:list']({});
    expect(templates.map((template) => template.id)).toEqual([
      'shell',
      'python',
      'node',
      'sql',
      'notebook',
      'library:load-csv',
    ]);
    expect(problems.map((problem) => [problem.file, problem.code])).toContainEqual([
      'library/broken.step.yaml',
      'unknown-key',
    ]);
  });
});

describe('runs from the studio', () => {
  it('starts a run, streams its events, and serves its record and logs', async () => {
    const { runId } = await h()['run:start']({ pipeline: 'demo' });
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    const runEvents = events.filter((e) => e.event === 'run:event').map((e) => e.payload as RunEvent);
    expect(runEvents[0]).toMatchObject({ type: 'run-started', run: { id: runId } });
    expect(runEvents.some((e) => e.type === 'step-log' && e.stepId === 'use' && e.text === 'made\n')).toBe(true);
    const run = await h()['run:get']({ runId });
    expect(run.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    expect(await h()['run:log']({ runId, stepId: 'use' })).toEqual({
      path: `.pipewright/runs/${runId}/logs/use.1.log`,
      text: 'made\n',
      attempts: 1,
    });
    expect((await h()['run:list']({ pipeline: 'demo' })).map((item) => item.id)).toEqual([runId]);
  });

  it('opens a 3 GiB log at its end, reading only that', async () => {
    const { runId } = await h()['run:start']({ pipeline: 'demo' });
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    // Sparse: 3 GiB long, a few bytes on disk.
    const log = workspace.path(`.pipewright/runs/${runId}/logs/use.1.log`);
    truncateSync(log, 3 * 1024 ** 3);
    appendFileSync(log, '\nthe last line\n');
    const { text } = await h()['run:log']({ runId, stepId: 'use' });
    expect(text.endsWith('the last line\n')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(32 * 1024 * 1024);
  });

  it('cancels a run in progress and refuses a run with invalid params', async () => {
    workspace.write(
      'pipelines/slow.pipeline.yaml',
      'version: 1\nname: slow\nparams:\n  n: { type: integer, default: 1 }\nsteps:\n  wait:\n    run: sleep 30\n',
    );
    await expect(h()['run:start']({ pipeline: 'slow', params: { n: 'many' } })).rejects.toMatchObject({
      message: expect.stringContaining('expected an integer'),
    });
    const { runId } = await h()['run:start']({ pipeline: 'slow' });
    await waitFor(
      () =>
        events.some(
          (e) =>
            e.event === 'run:event' &&
            (e.payload as RunEvent).type === 'step-status' &&
            (e.payload as Extract<RunEvent, { type: 'step-status' }>).step.status === 'running',
        ),
      'the step to start',
    );
    expect(await h()['run:cancel']({ runId })).toBeNull();
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to stop',
    );
    expect((await h()['run:get']({ runId })).status).toBe('cancelled');
  });
});

describe('changes made by other programs', () => {
  it('reports an edited pipeline and a new one', async () => {
    await h()['pipeline:load']({ name: 'demo' });
    writeFileSync(workspace.path('pipelines/demo.pipeline.yaml'), `${PIPELINE}# edited\n`);
    await waitFor(() => events.some((e) => e.event === 'pipeline:disk-change'), 'the change to be noticed');
    expect(events.find((e) => e.event === 'pipeline:disk-change')?.payload).toMatchObject({
      name: 'demo',
      file: 'pipelines/demo.pipeline.yaml',
    });
    workspace.write('pipelines/other.pipeline.yaml', 'version: 1\nname: other\nsteps: {}\n');
    await waitFor(() => events.some((e) => e.event === 'workspace:change'), 'the new pipeline to be noticed');
    expect(readFileSync(workspace.path('pipelines/other.pipeline.yaml'), 'utf8')).toContain('other');
    expect(
      (events.find((e) => e.event === 'workspace:change')?.payload as EventMap['workspace:change']).pipelines.map(
        (entry) => entry.name,
      ),
    ).toEqual(['demo', 'other']);
  });

  it('reads pipewright.yaml again when it changes: new environments, and runs that use them', async () => {
    workspace.write(
      'pipewright.yaml',
      'version: 1\nenvironments:\n  staging:\n    description: added while the studio was open\n    env: { TARGET: staging }\n',
    );
    await waitFor(() => events.some((e) => e.event === 'workspace:settings'), 'the settings change to be noticed');
    expect(backend.info().environments).toEqual([
      { name: 'staging', description: 'added while the studio was open', runner: 'local', params: {} },
    ]);
    expect((await h()['env:status']({})).environments.map((status) => status.name)).toEqual(['staging']);

    workspace.write(
      'pipelines/target.pipeline.yaml',
      'version: 1\nname: target\nsteps:\n  say:\n    run: echo $TARGET > target.txt\n    outputs: [target.txt]\n',
    );
    const { runId } = await h()['run:start']({ pipeline: 'target', environment: 'staging' });
    await waitFor(
      () => events.some((e) => e.event === 'run:event' && (e.payload as RunEvent).type === 'run-finished'),
      'the run to finish',
    );
    expect((await h()['run:get']({ runId })).status).toBe('succeeded');
    expect(readFileSync(workspace.path('target.txt'), 'utf8')).toBe('staging\n');
  });
});
