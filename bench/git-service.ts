// Pipewright's git service against the git CLI on a workspace of 2,000 files in 40 folders:
// status with 10 files changed, a commit of those 10 files, and a switch to a branch that
// differs in 10 files. The CLI's times include starting its process, as a user pays it. Each
// side's result is checked after every timed operation (outside the timing): a fast wrong
// answer fails its row.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepository } from '../electron/services/git/git-repository.js';
import type { GitStatus } from '../shared/git/repository-types.js';
import type { BenchRow } from './measure.js';
import { commandMissing, median, missingRow, ms } from './measure.js';

const FOLDERS = 40;
const FILES_PER_FOLDER = 50;
const CHANGED = 10;
const REPEATS = 15;
/** Issue 16: status no slower than the git CLI, a commit and a switch at most twice its time. */
const STATUS_TARGET = 1;
const WRITE_TARGET = 2;

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', args, {
    cwd: root,
    env: { ...process.env, ...IDENTITY },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Read-only questions to git about either repository: --no-optional-locks keeps it from rewriting the index. */
const ask = (root: string, ...args: string[]) => git(root, '--no-optional-locks', ...args);

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

async function timedAsync(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** A repository of 2,000 committed files, and a branch "other" that differs in 10 of them. */
function makeRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-git-'));
  for (let folder = 0; folder < FOLDERS; folder += 1) {
    mkdirSync(join(root, `folder-${folder}`));
    for (let file = 0; file < FILES_PER_FOLDER; file += 1)
      writeFileSync(join(root, `folder-${folder}`, `file-${file}.txt`), `content of ${folder}/${file}\n`.repeat(20));
  }
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'files');
  git(root, 'branch', 'other');
  git(root, 'checkout', '-q', 'other');
  for (let index = 0; index < CHANGED; index += 1)
    writeFileSync(join(root, `folder-${index * 4}`, 'file-7.txt'), `different on other ${index}\n`);
  git(root, 'commit', '-q', '-am', 'other');
  git(root, 'checkout', '-q', 'main');
  return root;
}

const changedPaths = (round: number) =>
  Array.from({ length: CHANGED }, (_, index) => `folder-${index * 4 + 1}/file-${round % FILES_PER_FOLDER}.txt`);

function change(root: string, round: number): string[] {
  const paths = changedPaths(round);
  for (const path of paths) writeFileSync(join(root, path), `changed in round ${round}\n`);
  return paths;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** What is wrong with a status answer: it must list exactly the changed files, as modified in the folder. */
function wrongStatus(side: string, listed: string[], changed: string[]): string[] {
  return sameList(listed, changed)
    ? []
    : [
        `${side} status listed ${listed.length} files (${listed.slice(0, 3).join(', ')}...), not the ${changed.length} changed`,
      ];
}

const ourModified = (status: GitStatus) =>
  status.files.map((file) =>
    file.unstaged === 'modified' && file.staged === null
      ? file.path
      : `${file.path} (${file.staged ?? '-'}/${file.unstaged ?? '-'})`,
  );
const cliModified = (porcelain: string) =>
  porcelain
    .split('\n')
    .filter(Boolean)
    .map((line) => (line.startsWith(' M ') ? line.slice(3) : line));

/** What is wrong after a commit: the last commit is not it, or something is left uncommitted. */
function wrongCommit(side: string, root: string, message: string, paths: string[]): string[] {
  const wrong: string[] = [];
  if (ask(root, 'log', '-1', '--format=%s').trim() !== message)
    wrong.push(`${side} commit "${message}" is not the last commit`);
  if (
    !sameList(ask(root, 'diff-tree', '--no-commit-id', '--name-only', '-r', 'HEAD').split('\n').filter(Boolean), paths)
  )
    wrong.push(`${side} commit does not hold the ${paths.length} files`);
  if (ask(root, 'status', '--porcelain').trim() !== '') wrong.push(`${side} left changes after committing`);
  return wrong;
}

/** What is wrong after a switch: HEAD is not the branch, or the folder does not hold the branch's files. */
function wrongSwitch(side: string, root: string, target: string): string[] {
  const wrong: string[] = [];
  if (ask(root, 'symbolic-ref', '--short', 'HEAD').trim() !== target)
    wrong.push(`${side} is not on ${target} after switching`);
  const differing = ask(root, 'diff', '--name-only', 'main', 'other').split('\n').filter(Boolean);
  const stale = differing.filter(
    (path) => ask(root, 'rev-parse', `${target}:${path}`).trim() !== ask(root, 'hash-object', path).trim(),
  );
  if (stale.length > 0)
    wrong.push(`${side} folder holds ${stale.length} files not of ${target} (${stale[0] ?? ''}...)`);
  if (ask(root, 'status', '--porcelain').trim() !== '') wrong.push(`${side} left changes after switching`);
  return wrong;
}

export async function benchGitService(): Promise<BenchRow[]> {
  const missing = commandMissing('git', ['--version']);
  if (missing !== null) return [missingRow('git service against the git CLI', `anchor missing: ${missing}`)];
  const cliRoot = makeRepository();
  const ourRoot = makeRepository();
  const repository = GitRepository.open(ourRoot, { watch: true }) as GitRepository;
  try {
    const cold = await timedAsync(() => repository.status());
    const times = {
      status: [] as number[],
      cliStatus: [] as number[],
      commit: [] as number[],
      cliCommit: [] as number[],
      switch: [] as number[],
      cliSwitch: [] as number[],
    };
    const wrong = { status: [] as string[], commit: [] as string[], switch: [] as string[] };
    for (let round = 0; round < REPEATS; round += 1) {
      const ours = change(ourRoot, round);
      const theirs = change(cliRoot, round);
      let status: GitStatus | null = null;
      times.status.push(
        await timedAsync(async () => {
          status = await repository.status();
        }),
      );
      let porcelain = '';
      times.cliStatus.push(
        timed(() => {
          porcelain = git(cliRoot, 'status', '--porcelain');
        }),
      );
      wrong.status.push(
        ...wrongStatus('Pipewright', status === null ? [] : ourModified(status), ours),
        ...wrongStatus('git CLI', cliModified(porcelain), theirs),
      );
      const message = `round ${round}`;
      times.commit.push(
        await timedAsync(async () => {
          await repository.stage(ours);
          await repository.commit(message);
        }),
      );
      times.cliCommit.push(
        timed(() => {
          git(cliRoot, 'add', ...theirs);
          git(cliRoot, 'commit', '-q', '-m', message);
        }),
      );
      wrong.commit.push(
        ...wrongCommit('Pipewright', ourRoot, message, ours),
        ...wrongCommit('git CLI', cliRoot, message, theirs),
      );
      const target = round % 2 === 0 ? 'other' : 'main';
      times.switch.push(await timedAsync(() => repository.switchBranch(target, { carry: false })));
      times.cliSwitch.push(timed(() => git(cliRoot, 'checkout', '-q', target)));
      wrong.switch.push(...wrongSwitch('Pipewright', ourRoot, target), ...wrongSwitch('git CLI', cliRoot, target));
    }
    const row = (benchmark: string, ours: number[], cli: number[], mistakes: string[], target: number): BenchRow => {
      const ratio = median(ours) / median(cli);
      const distinct = [...new Set(mistakes)];
      const figure =
        distinct.length === 0
          ? `ratio ${ratio.toFixed(2)}, results checked`
          : `WRONG: ${distinct.slice(0, 2).join('; ')}${distinct.length > 2 ? ` (and ${distinct.length - 2} more)` : ''}`;
      return {
        benchmark,
        anchor: `${ms(median(cli))} (git CLI)`,
        measured: ms(median(ours)),
        figure,
        target: `<= ${target}, right`,
        pass: ratio <= target && mistakes.length === 0,
      };
    };
    return [
      row(`git status, 2,000 files, ${CHANGED} changed`, times.status, times.cliStatus, wrong.status, STATUS_TARGET),
      {
        benchmark: 'git status, first query (cold: scan, hash, watchers)',
        anchor: '-',
        measured: ms(cold),
        figure: ms(cold),
        target: 'reported',
        pass: true,
      },
      row(`commit of ${CHANGED} changed files`, times.commit, times.cliCommit, wrong.commit, WRITE_TARGET),
      row(
        `switch to a branch differing in ${CHANGED} files`,
        times.switch,
        times.cliSwitch,
        wrong.switch,
        WRITE_TARGET,
      ),
    ];
  } finally {
    repository.release();
    rmSync(cliRoot, { recursive: true, force: true });
    rmSync(ourRoot, { recursive: true, force: true });
  }
}
