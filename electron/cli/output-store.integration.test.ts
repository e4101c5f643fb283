// The output store through the built CLI, on real git repositories checked with the git CLI:
// switching back to a branch restores every output from the store without starting a step,
// deleted outputs come back, identical files are stored once, eviction keeps what the last
// run of each branch needs, and a store record never writes outside the workspace.
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';
import { runJson, stepStatuses } from '../testing/cli-runs.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const run = (...args: string[]): Promise<RunSummary> => runJson(workspace.root, ...args);

async function cli(...args: string[]): Promise<string> {
  const result = await runCli(args, workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** Every step appends its name to runs.log, outside its outputs: the proof a step process started. */
const started = (): string[] => {
  if (!existsSync(workspace.path('runs.log'))) return [];
  const text = readFileSync(workspace.path('runs.log'), 'utf8');
  rmSync(workspace.path('runs.log'));
  return text.trim().split('\n').sort();
};

/** Every file under the output paths, with its bytes. */
function outputFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    const absolute = workspace.path(path);
    if (!existsSync(absolute)) return;
    if (lstatSync(absolute).isDirectory()) for (const name of readdirSync(absolute)) walk(`${path}/${name}`);
    else files[path] = readFileSync(absolute, 'base64');
  };
  for (const path of ['data', 'model', 'report.txt']) walk(path);
  return files;
}

const PIPELINE = pipelineYaml(
  'flow',
  `  clean:
    run: sh steps/clean.sh; echo clean >> runs.log
    inputs: [raw.csv]
    outputs: [data/clean.csv]
  model:
    run: mkdir -p model/parts model/empty; cp data/clean.csv model/parts/a.csv; head -c 3000 /dev/urandom > model/weights.bin; echo model >> runs.log
    inputs: [data/clean.csv]
    outputs: [model]
  report:
    run: cat model/parts/a.csv > report.txt; echo report >> runs.log
    inputs: [model]
    outputs: [report.txt]
`,
);

function repository(settings = 'version: 1\n'): TempWorkspace {
  return tempRepository({
    'pipewright.yaml': settings,
    'pipelines/flow.pipeline.yaml': PIPELINE,
    'raw.csv': 'id,value\n1,a\n2,b\n',
    'steps/clean.sh': 'mkdir -p data; tr a-z A-Z < raw.csv > data/clean.csv\n',
    '.gitignore': '.pipewright/\ndata/\nmodel/\nreport.txt\nruns.log\n',
  });
}

function experimentBranch(): void {
  gitCli(workspace.root, 'checkout', '-q', '-b', 'experiment');
  writeFileSync(workspace.path('steps/clean.sh'), 'mkdir -p data; cp raw.csv data/clean.csv\n');
  gitCli(workspace.root, 'commit', '-q', '-am', 'experiment: keep the case');
}

describe('the output store', () => {
  it('switching to a branch, running and switching back: every step cached, outputs byte-identical, no step process', async () => {
    workspace = repository();
    expect(stepStatuses(await run('flow'))).toEqual({ clean: 'succeeded', model: 'succeeded', report: 'succeeded' });
    expect(started()).toEqual(['clean', 'model', 'report']);
    const onMain = outputFiles();
    expect(Object.keys(onMain).sort()).toEqual([
      'data/clean.csv',
      'model/parts/a.csv',
      'model/weights.bin',
      'report.txt',
    ]);

    experimentBranch();
    expect(stepStatuses(await run('flow'))).toEqual({ clean: 'succeeded', model: 'succeeded', report: 'succeeded' });
    expect(started()).toEqual(['clean', 'model', 'report']);
    expect(outputFiles()).not.toEqual(onMain);

    gitCli(workspace.root, 'checkout', '-q', 'main');
    const back = await run('flow');
    expect(stepStatuses(back)).toEqual({ clean: 'cached', model: 'cached', report: 'cached' });
    expect(back.steps.map((step) => step.message)).toEqual(
      back.steps.map(() => expect.stringContaining('restored from the store')),
    );
    expect(started()).toEqual([]);
    expect(outputFiles()).toEqual(onMain);
    expect(existsSync(workspace.path('model/empty'))).toBe(true);
    // Restored files are the workspace's own: writable, and not the store's inode.
    writeFileSync(workspace.path('data/clean.csv'), 'changed\n');
    expect(stepStatuses(await run('flow'))).toEqual({ clean: 'cached', model: 'cached', report: 'cached' });
    expect(readFileSync(workspace.path('data/clean.csv'), 'utf8')).toBe('ID,VALUE\n1,A\n2,B\n');
    expect(started()).toEqual([]);
  });

  it('puts back a deleted output file and folder instead of running their steps', async () => {
    workspace = repository();
    await run('flow');
    started();
    const before = outputFiles();
    rmSync(workspace.path('model'), { recursive: true });
    rmSync(workspace.path('report.txt'));
    expect(stepStatuses(await run('flow'))).toEqual({ clean: 'cached', model: 'cached', report: 'cached' });
    expect(started()).toEqual([]);
    expect(outputFiles()).toEqual(before);
  });

  it('stores two identical outputs once', async () => {
    workspace = tempWorkspace({
      'pipelines/twins.pipeline.yaml': pipelineYaml(
        'twins',
        `  left:
    run: head -c 20000 /dev/zero > left.bin
    outputs: [left.bin]
  right:
    run: head -c 20000 /dev/zero > right.bin
    outputs: [right.bin]
`,
      ),
    });
    await run('twins');
    const status = JSON.parse(await cli('cache', 'status', '--json')) as {
      files: number;
      storedBytes: number;
      recordedBytes: number;
    };
    expect(status).toMatchObject({ files: 1, storedBytes: 20000, recordedBytes: 40000 });
    const objects = readdirSync(workspace.path('.pipewright/objects'), { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile(),
    );
    expect(objects).toHaveLength(1);
  });

  it('evicts under a small limit but never what the last run of a branch needs', async () => {
    workspace = repository('version: 1\ncache:\n  size_limit: 1k\n');
    await run('flow');
    experimentBranch();
    await run('flow');
    gitCli(workspace.root, 'checkout', '-q', 'main');
    await run('flow');
    // A new model on main: the old one is needed by no branch's last run any more.
    writeFileSync(workspace.path('raw.csv'), 'id,value\n3,c\n');
    gitCli(workspace.root, 'commit', '-q', '-am', 'new data');
    await run('flow');
    started();
    const status = JSON.parse(await cli('cache', 'status', '--json')) as {
      storedBytes: number;
      protectedBytes: number;
    };
    expect(status.storedBytes).toBe(status.protectedBytes);
    const pruned = JSON.parse(await cli('cache', 'prune', '--json')) as { removedFiles: number };
    expect(pruned.removedFiles).toBe(0);

    gitCli(workspace.root, 'checkout', '-q', 'experiment');
    expect(stepStatuses(await run('flow'))).toEqual({ clean: 'cached', model: 'cached', report: 'cached' });
    expect(started()).toEqual([]);
    expect(readFileSync(workspace.path('data/clean.csv'), 'utf8')).toBe('id,value\n1,a\n2,b\n');
  });

  it('restore puts a past run back, one step or all, replacing a link rather than writing through it', async () => {
    workspace = repository();
    const first = await run('flow');
    const onMain = outputFiles();
    writeFileSync(workspace.path('raw.csv'), 'id,value\n9,z\n');
    await run('flow');
    const outside = tempWorkspace({ 'victim.txt': 'untouched\n' });
    try {
      rmSync(workspace.path('report.txt'));
      symlinkSync(outside.path('victim.txt'), workspace.path('report.txt'));
      expect(await cli('restore', first.id, '--step', 'report')).toBe('report: restored report.txt\n');
      expect(readFileSync(outside.path('victim.txt'), 'utf8')).toBe('untouched\n');
      expect(lstatSync(workspace.path('report.txt')).isSymbolicLink()).toBe(false);
      await cli('restore', first.id);
      expect(outputFiles()).toEqual(onMain);
    } finally {
      outside.remove();
    }
    const unknown = await runCli(['restore', first.id, '--step', 'nope'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no step "nope"');
  });

  it('refuses a store record whose path leaves the workspace', async () => {
    workspace = repository();
    const first = await run('flow');
    const db = new Database(workspace.path('.pipewright/state.db'));
    db.prepare(
      `UPDATE step_files SET declared = '../escaped.csv', path = '../escaped.csv' WHERE run_id = ? AND step_id = 'clean' AND role = 'output'`,
    ).run(first.id);
    db.close();
    const refused = await runCli(['restore', first.id, '--step', 'clean'], workspace.root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('outside the workspace');
    expect(existsSync(join(workspace.root, '..', 'escaped.csv'))).toBe(false);
  });
});
