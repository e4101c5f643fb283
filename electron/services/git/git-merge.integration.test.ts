// Merging experiments on real repositories: pipelines merge by step and field, conflicts are
// kept as git keeps them (the git CLI sees the merge in progress), resolving and completing
// makes an ordinary two-parent merge commit, and abort puts every byte back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { fsckProblems, gitCli, porcelain, tempRepository } from '../../testing/git-cli.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { GitRepository } from './git-repository.js';

const PIPELINE = `# the sales pipeline
version: 1
name: sales
params:
  sample: { type: number, default: 0.1 }
steps:
  ingest:
    run: python steps/ingest.py   # reads the raw orders
    outputs: [data/orders.csv]
  clean:
    run: python steps/clean.py
    inputs: [data/orders.csv]
    outputs: [data/clean.csv]
  report:
    run: python steps/report.py
    inputs: [data/clean.csv]
`;
const FILE = 'pipelines/sales.pipeline.yaml';

let workspace: TempWorkspace;
let repository: GitRepository;

afterEach(() => {
  repository?.release();
  workspace?.remove();
});

function setUp(extra: Record<string, string> = {}): void {
  workspace = tempRepository({ [FILE]: PIPELINE, 'notes.txt': 'one\ntwo\nthree\n', ...extra });
  repository = GitRepository.open(workspace.root, { watch: true }) as GitRepository;
}

/** Commits an edit of the pipeline on a new experiment, then returns to main. */
async function onExperiment(
  name: string,
  edit: (text: string) => string,
  files: Record<string, string> = {},
): Promise<void> {
  await repository.createBranch(name, null);
  await repository.switchBranch(name, { carry: false });
  workspace.write(FILE, edit(workspace.read(FILE)));
  for (const [path, content] of Object.entries(files)) workspace.write(path, content);
  await repository.commit(`work on ${name}`, { all: true });
  await repository.switchBranch('main', { carry: false });
}

async function onMain(edit: (text: string) => string, files: Record<string, string> = {}): Promise<void> {
  workspace.write(FILE, edit(workspace.read(FILE)));
  for (const [path, content] of Object.entries(files)) workspace.write(path, content);
  await repository.commit('work on main', { all: true });
}

function parents(ref = 'HEAD'): string[] {
  return gitCli(workspace.root, 'cat-file', '-p', ref)
    .split('\n')
    .filter((line) => line.startsWith('parent '))
    .map((line) => line.slice(7));
}

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(workspace.root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(workspace.root);
  return files;
}

describe('merging experiments', () => {
  it('merges disjoint edits of one pipeline into a two-parent commit that validates and keeps comments', async () => {
    setUp();
    await onExperiment('smaller-sample', (text) => text.replace('default: 0.1', 'default: 0.05'));
    await onMain((text) => text.replace('python steps/report.py', 'python steps/report.py --html'));
    const outcome = await repository.merge('smaller-sample', { carry: false });
    expect(outcome.result).toBe('merged');
    const merged = workspace.read(FILE);
    expect(merged).toContain('default: 0.05');
    expect(merged).toContain('python steps/report.py --html');
    expect(merged).toContain('# reads the raw orders');
    expect(validatePipelineText(FILE, merged).problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(parents()).toHaveLength(2);
    expect(gitCli(workspace.root, 'log', '--graph', '--format=%s').split('\n')[0]).toBe(
      "*   Merge branch 'smaller-sample' into main",
    );
    expect(porcelain(workspace.root)).toEqual([]);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('fast-forwards when main has not moved', async () => {
    setUp();
    await onExperiment('ahead', (text) => text.replace('default: 0.1', 'default: 0.2'));
    expect(await repository.merge('ahead', { carry: false })).toMatchObject({ result: 'fast-forward' });
    expect(workspace.read(FILE)).toContain('default: 0.2');
    expect(gitCli(workspace.root, 'rev-parse', 'main').trim()).toBe(
      gitCli(workspace.root, 'rev-parse', 'ahead').trim(),
    );
    expect(porcelain(workspace.root)).toEqual([]);
  });

  it('stops at the same field edited on both sides, as git sees it, and completes with the chosen value', async () => {
    setUp();
    await onExperiment('exp', (text) => text.replace('python steps/clean.py', 'python steps/clean.py --strict'));
    await onMain((text) => text.replace('python steps/clean.py', 'python steps/clean.py --fast'));
    expect(await repository.merge('exp', { carry: false })).toEqual({ result: 'conflicts', conflicts: 1 });
    expect(porcelain(workspace.root)).toEqual([`UU ${FILE}`]);
    expect(gitCli(workspace.root, 'rev-parse', 'MERGE_HEAD').trim()).toBe(
      gitCli(workspace.root, 'rev-parse', 'exp').trim(),
    );
    const { merge } = await repository.status();
    expect(merge?.conflicts).toEqual([
      expect.objectContaining({
        path: FILE,
        kind: 'pipeline',
        resolved: false,
        conflicts: [
          expect.objectContaining({
            id: 'steps/clean/run',
            step: 'clean',
            ours: 'python steps/clean.py --fast',
            theirs: 'python steps/clean.py --strict',
            base: 'python steps/clean.py',
          }),
        ],
      }),
    ]);
    // Until resolved, the file holds ours and stays a valid pipeline for the studio.
    expect((parse(workspace.read(FILE)) as { steps: { clean: { run: string } } }).steps.clean.run).toBe(
      'python steps/clean.py --fast',
    );
    await expect(repository.completeMerge(null)).rejects.toThrow('resolve every conflict first');

    await repository.resolve({ path: FILE, choices: { 'steps/clean/run': { pick: 'theirs' } } });
    expect(porcelain(workspace.root)).toEqual([`M  ${FILE}`]);
    const commit = await repository.completeMerge(null);
    expect(parents(commit)).toEqual([
      gitCli(workspace.root, 'rev-parse', 'HEAD~1').trim(),
      gitCli(workspace.root, 'rev-parse', 'exp').trim(),
    ]);
    expect(workspace.read(FILE)).toContain('python steps/clean.py --strict');
    expect(workspace.read(FILE)).toContain('# the sales pipeline');
    expect(porcelain(workspace.root)).toEqual([]);
    expect(() => gitCli(workspace.root, 'rev-parse', '-q', '--verify', 'MERGE_HEAD')).toThrow();
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('calls a step deleted on one side and edited on the other a conflict', async () => {
    setUp();
    await onExperiment('drop-report', (text) => text.replace(/ {2}report:\n(?: {4}.*\n)+/, ''));
    await onMain((text) => text.replace('python steps/report.py', 'python steps/report.py --pdf'));
    expect(await repository.merge('drop-report', { carry: false })).toMatchObject({ result: 'conflicts' });
    const conflict = (await repository.status()).merge?.conflicts[0]?.conflicts[0];
    expect(conflict).toMatchObject({ kind: 'deleted-and-changed', path: ['steps', 'report'], step: 'report' });
    await repository.resolve({ path: FILE, choices: { [conflict?.id ?? '']: { pick: 'theirs' } } });
    await repository.completeMerge('Drop the report');
    expect(workspace.read(FILE)).not.toContain('report:');
    expect(gitCli(workspace.root, 'log', '-1', '--format=%s')).toBe('Drop the report\n');
  });

  it('merges other text files line by line and leaves conflict markers where lines clash', async () => {
    setUp();
    await onExperiment('notes', (text) => text, { 'notes.txt': 'one\nTWO (exp)\nthree\n' });
    await onMain((text) => text, { 'notes.txt': 'one\nTWO (main)\nthree\n' });
    expect(await repository.merge('notes', { carry: false })).toMatchObject({ result: 'conflicts' });
    expect(workspace.read('notes.txt')).toBe(
      'one\n<<<<<<< main\nTWO (main)\n=======\nTWO (exp)\n>>>>>>> notes\nthree\n',
    );
    await expect(repository.resolve({ path: 'notes.txt', pick: 'working' })).rejects.toThrow(
      'still has conflict markers',
    );
    workspace.write('notes.txt', 'one\nTWO (both)\nthree\n');
    await repository.resolve({ path: 'notes.txt', pick: 'working' });
    await repository.completeMerge(null);
    expect(gitCli(workspace.root, 'show', 'HEAD:notes.txt')).toBe('one\nTWO (both)\nthree\n');
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('aborts a conflicted merge back to exactly the state before it, carried work included', async () => {
    setUp({ 'scratch.txt': 'tracked\n' });
    await onExperiment('exp', (text) => text.replace('default: 0.1', 'default: 0.3'), { 'added-on-exp.txt': 'new\n' });
    await onMain((text) => text.replace('default: 0.1', 'default: 0.9'));
    workspace.write('scratch.txt', 'uncommitted work\n');
    workspace.write('untracked.txt', 'untracked work\n');
    const before = {
      files: snapshot(),
      status: porcelain(workspace.root),
      head: gitCli(workspace.root, 'rev-parse', 'HEAD'),
    };

    expect(await repository.merge('exp', { carry: false })).toMatchObject({
      result: 'needs-decision',
      dirty: { carried: ['scratch.txt', 'untracked.txt'] },
    });
    expect(await repository.merge('exp', { carry: true })).toMatchObject({ result: 'conflicts' });
    expect(workspace.read('added-on-exp.txt')).toBe('new\n');
    await repository.abortMerge();
    expect({
      files: snapshot(),
      status: porcelain(workspace.root),
      head: gitCli(workspace.root, 'rev-parse', 'HEAD'),
    }).toEqual(before);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('asks before aborting a merge whose files were edited meanwhile, as git merge --abort refuses', async () => {
    setUp();
    await onExperiment('exp', (text) => text.replace('default: 0.1', 'default: 0.3'), {
      'added-on-exp.txt': 'new\n',
      'notes.txt': 'one\ntwo (exp)\nthree\n',
    });
    await onMain((text) => text.replace('default: 0.1', 'default: 0.9'));
    const before = { files: snapshot(), head: gitCli(workspace.root, 'rev-parse', 'HEAD') };
    expect(await repository.merge('exp', { carry: false })).toMatchObject({ result: 'conflicts' });
    workspace.write('added-on-exp.txt', 'edited during the merge\n');
    workspace.write(FILE, `${workspace.read(FILE)}# resolving by hand\n`);
    const refusal = await repository.abortMerge().catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'dirty', paths: ['added-on-exp.txt', FILE] });
    expect((refusal as Error).message).toBe(
      `aborting the merge would discard the changes made to added-on-exp.txt, ${FILE} since it started: complete the merge to keep them, or abort anyway to discard them`,
    );
    expect(workspace.read('added-on-exp.txt')).toBe('edited during the merge\n');
    expect((await repository.status()).merge).not.toBeNull();
    await repository.abortMerge({ force: true });
    expect({ files: snapshot(), head: gitCli(workspace.root, 'rev-parse', 'HEAD') }).toEqual(before);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('aborts without asking when only a resolution changed the files', async () => {
    setUp();
    await onExperiment('exp', (text) => text.replace('default: 0.1', 'default: 0.3'));
    await onMain((text) => text.replace('default: 0.1', 'default: 0.9'));
    expect(await repository.merge('exp', { carry: false })).toMatchObject({ result: 'conflicts' });
    await repository.resolve({ path: FILE, pick: 'theirs' });
    await repository.abortMerge();
    expect(workspace.read(FILE)).toContain('default: 0.9');
  });

  it('refuses to merge over uncommitted changes to files the merge touches, or with staged changes', async () => {
    setUp();
    await onExperiment('exp', (text) => text.replace('default: 0.1', 'default: 0.3'));
    await onMain((text) => text, { 'notes.txt': 'changed on main\n' });
    workspace.write(FILE, `${workspace.read(FILE)}# my unsaved note\n`);
    await expect(repository.merge('exp', { carry: true })).rejects.toThrow(
      `would overwrite uncommitted changes in ${FILE}`,
    );
    expect(workspace.read(FILE)).toContain('# my unsaved note');
    gitCli(workspace.root, 'checkout', '--', FILE);
    workspace.write('staged.txt', 'x\n');
    gitCli(workspace.root, 'add', 'staged.txt');
    await expect(repository.merge('exp', { carry: true })).rejects.toThrow(
      'changes are staged but not committed (staged.txt)',
    );
  });
});
