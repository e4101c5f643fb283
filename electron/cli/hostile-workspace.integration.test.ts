// A hostile workspace: pipelines written by someone else, each trying for real to
// reach outside the workspace — SQL tests writing and reading host files, symbolic links
// where output and input folders are expected, FIFOs where files are expected, outputs into
// .git/hooks (branches crafted the same way: electron/services/git/hostile-branch.integration.test.ts).
// Every attempt is refused with a message naming the path, and the folder outside is listed
// before and after to prove nothing was written there. (The Docker runner's part is in
// hostile-workspace-docker.integration.test.ts.)
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { StudioBackend } from '../services/studio/studio-backend.js';
import { runCli, waitFor } from '../testing/cli-process.js';
import { tempRepository } from '../testing/git-cli.js';
import { callStudio, recordStudioEvents } from '../testing/studio-calls.js';
import type { StudioEventRecord } from '../testing/studio-calls.js';
import { SECRET, guardOutside, hooksOf, makeFifo } from '../testing/hostile-workspace.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
const outside = guardOutside(() => workspace?.remove());

async function run(pipeline: string, steps: string): Promise<{ code: number | null; run: RunSummary }> {
  workspace.write(`pipelines/${pipeline}.pipeline.yaml`, pipelineYaml(pipeline, steps));
  const result = await runCli(['run', pipeline, '--json'], workspace.root);
  expect(result.stdout, result.stderr).not.toContain(SECRET);
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary };
}

function step(run: RunSummary, id: string) {
  const found = run.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

/** The log of a step's last attempt, where Pipewright notes what it refused to read. */
function logOf(run: RunSummary, id: string): string {
  const path = step(run, id).logPath;
  if (path === null) throw new Error(`step ${id} has no log`);
  return workspace.read(path);
}

describe('SQL tests cannot write or read outside the workspace', () => {
  it('COPY to an outside file, read_text of a host file and a relative path climbing out each end as an error test', async () => {
    workspace = tempWorkspace({ 'data/orders.csv': 'id,amount\n1,5\n' });
    const climbing = `../${basename(outside.dir)}/secret.csv`;
    const { code, run: summary } = await run(
      'p',
      `  s:
    run: "true"
    tests:
      - name: write
        sql: { path: data/orders.csv, query: "copy (select 1) to '${join(outside.dir, 'x.csv')}'" }
        stage: output
      - name: etc
        sql: { query: "select * from read_text('/etc/passwd')" }
      - name: climb
        sql: { query: "select * from read_csv('${climbing}')" }
      - name: several
        sql: { path: data/orders.csv, query: "select * from data; copy (select 1) to '${join(outside.dir, 'y.csv')}'" }
`,
    );
    expect(code).toBe(1);
    const tests = Object.fromEntries(step(summary, 's').tests.map((test) => [test.name, test]));
    expect(tests.write).toMatchObject({
      outcome: 'error',
      message: 'data/orders.csv: a sql test runs one SELECT query and only reads: COPY statements are not allowed',
    });
    expect(tests.etc?.outcome).toBe('error');
    expect(tests.etc?.message).toMatch(
      /^sql: the query failed: a data test reads only files inside the workspace; "\/etc\/passwd" is not one/,
    );
    expect(tests.climb?.outcome).toBe('error');
    expect(tests.climb?.message).toMatch(
      /^sql: the query failed: a data test reads only files inside the workspace; .*secret\.csv/,
    );
    expect(tests.several).toMatchObject({
      outcome: 'error',
      message: 'data/orders.csv: the query holds 2 statements; a sql test runs one SELECT query',
    });
    outside.untouched();
  });
});

describe('links never lead out', () => {
  it('an output folder that is a link to an outside folder: the step does not run', async () => {
    workspace = tempWorkspace({});
    symlinkSync(outside.dir, workspace.path('out'));
    const { code, run: summary } = await run(
      'p',
      `  s:
    run: echo pwned > out/result.txt
    outputs: [out/result.txt]
`,
    );
    expect(code).toBe(1);
    expect(step(summary, 's')).toMatchObject({ status: 'failed', attempts: 0 });
    expect(step(summary, 's').message).toBe(
      `not run: output out/result.txt: "out" is a symbolic link leading out of the workspace (to ${outside.dir}): refused (a pipeline reads and writes only inside its workspace)`,
    );
    outside.untouched();
  });

  it('an intermediate folder linked out, a dangling link to an outside file, and an input linked out are refused alike', async () => {
    workspace = tempWorkspace({});
    mkdirSync(workspace.path('data'));
    symlinkSync(outside.dir, workspace.path('data/stage'));
    symlinkSync(join(outside.dir, 'new.txt'), workspace.path('result.txt'));
    symlinkSync(join(outside.dir, 'secret.csv'), workspace.path('data/in.csv'));
    const { run: summary } = await run(
      'p',
      `  deep:
    run: mkdir -p data/stage/deep && echo pwned > data/stage/deep/x.csv
    outputs: [data/stage/deep/x.csv]
  dangling:
    run: echo pwned > result.txt
    outputs: [result.txt]
  reads:
    run: cat data/in.csv
    inputs: [data/in.csv]
`,
    );
    expect(step(summary, 'deep').message).toMatch(
      /^not run: output data\/stage\/deep\/x\.csv: "data\/stage" is a symbolic link leading out of the workspace/,
    );
    expect(step(summary, 'dangling').message).toMatch(
      /^not run: output result\.txt: "result\.txt" is a symbolic link leading out of the workspace/,
    );
    expect(step(summary, 'reads').message).toMatch(
      /^not run: input data\/in\.csv: "data\/in\.csv" is a symbolic link leading out of the workspace/,
    );
    for (const id of ['deep', 'dangling', 'reads'])
      expect(step(summary, id)).toMatchObject({ status: 'failed', attempts: 0 });
    outside.untouched();
  });

  it('an output a step turns into a link out is refused after the step; a data test and a metrics file behind links are never read', async () => {
    workspace = tempWorkspace({ 'data/ok.csv': 'id\n1\n' });
    symlinkSync(join(outside.dir, 'secret.csv'), workspace.path('data/peek.csv'));
    const { run: summary } = await run(
      'p',
      `  relink:
    run: mkdir -p out && ln -s ${outside.dir} out/escape
    outputs: [out/escape]
  peek:
    run: "true"
    tests:
      - row_count: { path: data/peek.csv, min: 1 }
        stage: output
  metrics:
    run: mkdir -p m && ln -sf ${join(outside.dir, 'secret.csv')} m/score.json
    outputs: [m/]
    metrics: [m/score.json]
`,
    );
    expect(step(summary, 'relink')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step(summary, 'relink').message).toMatch(
      /^output out\/escape: "out\/escape" is a symbolic link leading out of the workspace/,
    );
    expect(step(summary, 'peek').tests[0]).toMatchObject({ outcome: 'error' });
    expect(step(summary, 'peek').tests[0]?.message).toMatch(
      /^data\/peek\.csv: "data\/peek\.csv" is a symbolic link leading out of the workspace/,
    );
    expect(logOf(summary, 'metrics')).toMatch(
      /metrics file m\/score\.json: "m\/score\.json" is a symbolic link leading out of the workspace/,
    );
    outside.untouched();
  });
});

describe('FIFOs are refused where a file is expected, and nothing hangs', () => {
  it('an input FIFO, an output FIFO made before or by the step, a FIFO metrics file and a FIFO data-test file', async () => {
    workspace = tempWorkspace({});
    mkdirSync(workspace.path('data'));
    makeFifo(workspace.path('data/in.csv'));
    makeFifo(workspace.path('data/out.csv'));
    makeFifo(workspace.path('data/tested.csv'));
    const { run: summary } = await run(
      'p',
      `  input:
    run: "true"
    inputs: [data/in.csv]
  existing:
    run: "true"
    outputs: [data/out.csv]
  made:
    run: mkdir -p out && mkfifo out/made.csv
    outputs: [out/made.csv]
  metrics:
    run: mkdir -p m && mkfifo m/score.json
    outputs: [m/]
    metrics: [m/score.json]
  tested:
    run: "true"
    tests:
      - row_count: { path: data/tested.csv }
        stage: output
`,
    );
    const fifo = 'is a FIFO (named pipe), not a file or folder: refused (reading it could block forever)';
    expect(step(summary, 'input').message).toBe(`not run: input data/in.csv: ${fifo}`);
    expect(step(summary, 'existing').message).toBe(`not run: output data/out.csv: ${fifo}`);
    expect(step(summary, 'made')).toMatchObject({ status: 'failed', message: `output out/made.csv: ${fifo}` });
    expect(logOf(summary, 'metrics')).toContain(`metrics file m/score.json: ${fifo}`);
    expect(step(summary, 'tested').tests[0]).toMatchObject({ outcome: 'error', message: `data/tested.csv: ${fifo}` });
    outside.untouched();
  });
});

describe('a run of a committed revision (--ref) refuses alike', () => {
  it('a FIFO metrics file is noted in the step log of the workspace, the step stands', async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\nm/\n',
      'pipelines/p.pipeline.yaml': pipelineYaml(
        'p',
        '  metrics:\n    run: mkdir -p m && mkfifo m/score.json\n    outputs: [m/]\n    metrics: [m/score.json]\n',
      ),
    });
    const result = await runCli(['run', 'p', '--ref', 'main', '--json'], workspace.root);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(step(summary, 'metrics')).toMatchObject({ status: 'succeeded' });
    expect(logOf(summary, 'metrics')).toContain(
      'metrics file m/score.json: is a FIFO (named pipe), not a file or folder: refused (reading it could block forever)',
    );
    outside.untouched();
  });
});

describe('reserved places', () => {
  it('outputs and metrics into .git/hooks, .pipewright, pipewright.yaml, pipelines/ or library/ fail validation', async () => {
    workspace = tempRepository({});
    const hooks = hooksOf(workspace.root);
    expect(Object.keys(hooks).length).toBeGreaterThan(0);
    workspace.write(
      'pipelines/p.pipeline.yaml',
      pipelineYaml(
        'p',
        `  s:
    run: echo pwned > .git/hooks/pre-commit
    outputs: [.git/hooks/pre-commit, .pipewright/state.db, pipewright.yaml, pipelines/other.pipeline.yaml, library/]
    metrics: [.GIT/config]
`,
      ),
    );
    const result = await runCli(['validate', '--json'], workspace.root);
    expect(result.code).toBe(2);
    const problems = (
      JSON.parse(result.stdout) as { problems: Array<{ code: string; message: string; line: number }> }
    ).problems.filter((problem) => problem.code === 'reserved-path');
    expect(problems.map((problem) => problem.message)).toEqual([
      '".git/hooks/pre-commit" is inside .git/, which a step may never write',
      '".pipewright/state.db" is inside .pipewright/, which a step may never write',
      '"pipewright.yaml" is the workspace settings file, which a step may never write',
      '"pipelines/other.pipeline.yaml" is inside pipelines/, which a step may never write',
      '"library/" is the library/ folder, which a step may never write',
      '".GIT/config" is inside .git/, which a step may never write',
    ]);
    const ran = await runCli(['run', 'p'], workspace.root);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /pipelines\/p\.pipeline\.yaml:\d+:\d+: error: steps\.s\.outputs\[0\]: ".git\/hooks\/pre-commit" is inside \.git\/, which a step may never write .*\[reserved-path\]/,
    );
    expect(hooksOf(workspace.root)).toEqual(hooks);
    expect(readFileSync(workspace.path('pipewright.yaml'), 'utf8')).toBe('version: 1\n');
  });
});

describe("the studio's pipeline, layout and library files", () => {
  it('never reads or writes through a link leading out', async () => {
    workspace = tempWorkspace({ 'pipelines/demo.pipeline.yaml': pipelineYaml('demo', '  s:\n    run: "true"\n') });
    writeFileSync(
      join(outside.dir, 'layout.json'),
      JSON.stringify({ version: 1, positions: { s: { x: 1, y: 2 } }, secret: SECRET }),
    );
    writeFileSync(join(outside.dir, 'evil.pipeline.yaml'), pipelineYaml('evil', `  s:\n    run: echo ${SECRET}\n`));
    writeFileSync(join(outside.dir, 'x.step.yaml'), `title: ${SECRET}\nstep:\n  run: echo\n`);
    symlinkSync(join(outside.dir, 'layout.json'), workspace.path('pipelines/demo.layout.json'));
    symlinkSync(join(outside.dir, 'evil.pipeline.yaml'), workspace.path('pipelines/evil.pipeline.yaml'));
    symlinkSync(outside.dir, workspace.path('library'));
    outside.rememberListing();
    const backend = new StudioBackend({ canOpenWorkspaces: false });
    try {
      await backend.open(workspace.root);
      const doc = await callStudio(backend, 'pipeline:load', { name: 'demo' });
      expect(doc.layout).toEqual({ version: 1, positions: {} });
      await expect(
        callStudio(backend, 'pipeline:save', {
          name: 'demo',
          data: doc.data ?? {},
          layout: { version: 1, positions: { s: { x: 5, y: 5 } } },
          baseHash: doc.hash,
        }),
      ).rejects.toThrow(
        `pipelines/demo.layout.json: "pipelines/demo.layout.json" is a symbolic link leading out of the workspace (to ${join(outside.dir, 'layout.json')})`,
      );
      await expect(callStudio(backend, 'pipeline:load', { name: 'evil' })).rejects.toThrow(
        '"pipelines/evil.pipeline.yaml" is a symbolic link leading out of the workspace',
      );
      const { templates, problems } = await callStudio(backend, 'templates:list', {});
      expect(JSON.stringify(templates)).not.toContain(SECRET);
      expect(problems).toMatchObject([{ code: 'unsafe-path', file: 'library' }]);
      // The open pipeline replaced by a FIFO: the studio notices, without blocking on it.
      const events: StudioEventRecord[] = [];
      recordStudioEvents(backend, events);
      rmSync(workspace.path('pipelines/demo.pipeline.yaml'));
      makeFifo(workspace.path('pipelines/demo.pipeline.yaml'));
      await waitFor(() => events.some((event) => event.event === 'pipeline:disk-change'), 'the disk change');
      expect(events.find((event) => event.event === 'pipeline:disk-change')?.payload).toEqual({
        name: 'demo',
        file: 'pipelines/demo.pipeline.yaml',
        hash: null,
      });
      await expect(callStudio(backend, 'pipeline:load', { name: 'demo' })).rejects.toThrow('is a FIFO (named pipe)');
    } finally {
      await backend.close();
    }
    outside.untouched();
  });
});
