// Pipewright's git service on real repositories, judged by the git CLI: status as git sees it,
// commits, experiments (branches) and tags that git reads back, and a clean `git fsck` after
// every operation.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../../../shared/git/repository-types.js';
import { fsckProblems, gitCli, porcelain, tempRepository } from '../../testing/git-cli.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { GitRepository } from './git-repository.js';

let workspace: TempWorkspace;
let repository: GitRepository;

afterEach(() => {
  repository?.release();
  workspace?.remove();
});

function open(files: Record<string, string>): GitRepository {
  workspace = tempRepository(files);
  repository = GitRepository.open(workspace.root, { watch: true }) as GitRepository;
  return repository;
}

const code: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D' };

/** Our status in git's porcelain form, to compare line for line. */
function asPorcelain(files: FileChange[]): string[] {
  return files
    .map((file) => {
      if (file.conflicted) return `UU ${file.path}`;
      if (file.unstaged === 'untracked') return `?? ${file.path}`;
      return `${file.staged ? code[file.staged] : ' '}${file.unstaged ? code[file.unstaged] : ' '} ${file.path}`;
    })
    .sort();
}

describe('status', () => {
  it('agrees with git status on every kind of change', async () => {
    open({
      'a.txt': 'a\n',
      'b.txt': 'b\n',
      'c.txt': 'c\n',
      'dir/d.txt': 'd\n',
      'dir/sub/e.txt': 'e\n',
      'run.sh': 'echo\n',
      '.gitignore': 'out/\n*.log\n',
      'keep/tracked.log': 'tracked although ignored\n',
    });
    workspace.write('a.txt', 'changed\n');
    rmSync(workspace.path('b.txt'));
    workspace.write('new/f.txt', 'untracked\n');
    workspace.write('out/ignored.txt', 'ignored\n');
    workspace.write('debug.log', 'ignored\n');
    workspace.write('keep/tracked.log', 'changed too\n');
    workspace.write('dir/sub/e.txt', 'staged\n');
    gitCli(workspace.root, 'add', 'dir/sub/e.txt');
    workspace.write('dir/sub/e.txt', 'staged then changed\n');
    workspace.write('c.txt', 'staged only\n');
    gitCli(workspace.root, 'add', 'c.txt');
    chmodSync(workspace.path('run.sh'), 0o755);
    expect(asPorcelain((await repository.status()).files)).toEqual(porcelain(workspace.root));
  });

  it('sees changes made after a first query, by this process and by others', async () => {
    open({ 'a.txt': 'a\n', 'dir/b.txt': 'b\n' });
    expect((await repository.status()).files).toEqual([]);
    workspace.write('dir/b.txt', 'edited\n');
    workspace.write('dir/new/c.txt', 'new folder\n');
    repository.touched(['dir/b.txt', 'dir/new/c.txt']);
    expect(asPorcelain((await repository.status()).files)).toEqual(porcelain(workspace.root));
    gitCli(workspace.root, 'add', '-A');
    expect(asPorcelain((await repository.status()).files)).toEqual(porcelain(workspace.root));
    gitCli(workspace.root, 'commit', '-q', '-m', 'by the git CLI');
    expect((await repository.status()).files).toEqual([]);
  });
});

describe('commits, experiments and tags', () => {
  it('stages and commits what git then shows as committed', async () => {
    open({ 'a.txt': 'a\n' });
    workspace.write('a.txt', 'changed\n');
    workspace.write('pipelines/new.pipeline.yaml', 'version: 1\nname: new\nsteps: {}\n');
    await repository.stage(['a.txt', 'pipelines/new.pipeline.yaml']);
    expect(porcelain(workspace.root)).toEqual(['A  pipelines/new.pipeline.yaml', 'M  a.txt']);
    const oid = await repository.commit('Add a pipeline');
    expect(gitCli(workspace.root, 'rev-parse', 'HEAD').trim()).toBe(oid);
    expect(gitCli(workspace.root, 'log', '-1', '--format=%s|%an')).toBe('Add a pipeline|Test Author\n');
    expect(porcelain(workspace.root)).toEqual([]);
    expect(fsckProblems(workspace.root)).toBe('');
    await expect(repository.commit('again')).rejects.toThrow('nothing is staged');
  });

  it('creates, switches, renames and deletes experiments as git branches', async () => {
    open({ 'a.txt': 'a\n', 'dir/b.txt': 'b\n' });
    gitCli(workspace.root, 'branch', 'made-by-cli');
    await repository.createBranch('try-this', null);
    expect((await repository.branches()).map((branch) => branch.name)).toEqual(
      ['main', 'made-by-cli', 'try-this'].sort(),
    );
    expect(await repository.switchBranch('try-this', { carry: false })).toMatchObject({ switched: true });
    workspace.write('dir/b.txt', 'on the experiment\n');
    workspace.write('c.txt', 'new file\n');
    await repository.commit('experiment', { all: true });
    expect(await repository.switchBranch('main', { carry: false })).toMatchObject({ switched: true });
    expect(workspace.read('dir/b.txt')).toBe('b\n');
    expect(() => workspace.read('c.txt')).toThrow();
    expect(gitCli(workspace.root, 'branch', '--show-current').trim()).toBe('main');
    expect(porcelain(workspace.root)).toEqual([]);
    await repository.renameBranch('try-this', 'tried');
    expect(gitCli(workspace.root, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean).sort()).toEqual([
      'made-by-cli',
      'main',
      'tried',
    ]);
    await expect(repository.deleteBranch('tried', false)).rejects.toThrow('not merged');
    await repository.deleteBranch('tried', true);
    await expect(repository.createBranch('bad name', null)).rejects.toThrow('cannot contain spaces');
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('carries uncommitted changes over a switch when they do not clash, and stops when they do', async () => {
    open({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    await repository.createBranch('other', null);
    await repository.switchBranch('other', { carry: false });
    workspace.write('b.txt', 'b on other\n');
    await repository.commit('b changed', { all: true });
    await repository.switchBranch('main', { carry: false });

    workspace.write('a.txt', 'my unsaved work\n');
    const asked = await repository.switchBranch('other', { carry: false });
    expect(asked).toEqual({ switched: false, dirty: { carried: ['a.txt'], blocking: [], staged: [] } });
    expect(gitCli(workspace.root, 'branch', '--show-current').trim()).toBe('main');
    expect(await repository.switchBranch('other', { carry: true })).toMatchObject({ switched: true });
    expect(workspace.read('a.txt')).toBe('my unsaved work\n');
    expect(workspace.read('b.txt')).toBe('b on other\n');

    workspace.write('b.txt', 'clashing work\n');
    await expect(repository.switchBranch('main', { carry: true })).rejects.toThrow(
      'would overwrite uncommitted changes in b.txt',
    );
    expect(workspace.read('b.txt')).toBe('clashing work\n');
    expect(gitCli(workspace.root, 'branch', '--show-current').trim()).toBe('other');
  });

  it('tags commits, lightweight and annotated, as git tags', async () => {
    open({ 'a.txt': 'a\n' });
    await repository.createTag('v1', 'HEAD', null);
    await repository.createTag('v1-notes', 'main', 'the first release');
    expect(gitCli(workspace.root, 'tag', '--list').split('\n').filter(Boolean)).toEqual(['v1', 'v1-notes']);
    expect(gitCli(workspace.root, 'cat-file', '-t', 'v1-notes').trim()).toBe('tag');
    const head = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    expect(await repository.tags()).toEqual([
      { name: 'v1', oid: head },
      { name: 'v1-notes', oid: head },
    ]);
    await repository.deleteTag('v1');
    expect(gitCli(workspace.root, 'tag', '--list').trim()).toBe('v1-notes');
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('reads history and files at any commit, and restores a file', async () => {
    open({ 'pipelines/p.pipeline.yaml': 'version: 1\nname: p\nsteps: {}\n', 'other.txt': 'x\n' });
    const first = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    workspace.write('pipelines/p.pipeline.yaml', 'version: 1\nname: p\ndescription: second\nsteps: {}\n');
    await repository.commit('describe p', { all: true });
    workspace.write('other.txt', 'y\n');
    await repository.commit('other', { all: true });
    expect((await repository.log({ limit: 10 })).map((commit) => commit.message.trim())).toEqual([
      'other',
      'describe p',
      'first',
    ]);
    expect(
      (await repository.log({ limit: 10, path: 'pipelines/p.pipeline.yaml' })).map((commit) => commit.message.trim()),
    ).toEqual(['describe p', 'first']);
    expect((await repository.readFile(first.slice(0, 7), 'pipelines/p.pipeline.yaml')).content?.toString()).toBe(
      'version: 1\nname: p\nsteps: {}\n',
    );
    await repository.restore('pipelines/p.pipeline.yaml', first, false);
    expect(porcelain(workspace.root)).toEqual([' M pipelines/p.pipeline.yaml']);
    expect(workspace.read('pipelines/p.pipeline.yaml')).toBe('version: 1\nname: p\nsteps: {}\n');
    await expect(repository.restore('pipelines/p.pipeline.yaml', 'HEAD', false)).rejects.toThrow('uncommitted changes');
  });
});

describe('restore', () => {
  it('never touches .git/ or a file git ignores', async () => {
    open({ '.gitignore': 'secrets.env\n', 'other.txt': 'x\n' });
    workspace.write('secrets.env', 'TOKEN=mine\n');
    const config = readFileSync(join(workspace.root, '.git', 'config'), 'utf8');
    await expect(repository.restore('.git/config', 'HEAD', true)).rejects.toThrow(
      '".git/config" is inside a folder named .git, which is git\'s own',
    );
    await expect(repository.restore('.GIT/config', 'HEAD', true)).rejects.toThrow(/refused/);
    expect(readFileSync(join(workspace.root, '.git', 'config'), 'utf8')).toBe(config);
    await expect(repository.restore('secrets.env', 'HEAD', true)).rejects.toThrow(
      'secrets.env is ignored by git and not tracked: restoring would replace or remove it, and Pipewright never touches ignored files',
    );
    expect(workspace.read('secrets.env')).toBe('TOKEN=mine\n');
  });
});

describe('bad input', () => {
  it('says so clearly for a locked or damaged index and a detached HEAD, and loses nothing', async () => {
    open({ 'a.txt': 'a\n' });
    workspace.write('a.txt', 'work\n');
    writeFileSync(workspace.path('.git/index.lock'), '');
    await expect(repository.stage(['a.txt'])).rejects.toThrow(
      /another git process is using this repository .*index\.lock exists/,
    );
    rmSync(workspace.path('.git/index.lock'));
    await repository.stage(['a.txt']);

    gitCli(workspace.root, 'checkout', '-q', '--detach');
    await expect(repository.commit('x')).rejects.toThrow('HEAD is detached');
    gitCli(workspace.root, 'checkout', '-q', 'main');

    writeFileSync(workspace.path('.git/index'), 'not an index');
    await expect(repository.status()).rejects.toThrow('the git index (.git/index) is damaged');
    expect(workspace.read('a.txt')).toBe('work\n');
  });

  it('finds no repository in a plain folder', () => {
    expect(GitRepository.open('/', { watch: false })).toBeNull();
  });
});
