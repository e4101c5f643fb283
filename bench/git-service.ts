// Pipewright's git service against the git CLI on a workspace of 2,000 files in 40 folders:
// status with 10 files changed, a commit of those 10 files, and a switch to a branch that
// differs in 10 files. The CLI's times include starting its process, as a user pays it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepository } from '../electron/services/git/git-repository.js';
import type { BenchRow } from './measure.js';
import { median, ms } from './measure.js';

const FOLDERS = 40;
const FILES_PER_FOLDER = 50;
const CHANGED = 10;
const REPEATS = 7;
const TARGET_RATIO = 5;

const IDENTITY = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

function git(root: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd: root, env: { ...process.env, ...IDENTITY }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

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
    for (let file = 0; file < FILES_PER_FOLDER; file += 1) writeFileSync(join(root, `folder-${folder}`, `file-${file}.txt`), `content of ${folder}/${file}\n`.repeat(20));
  }
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'files');
  git(root, 'branch', 'other');
  git(root, 'checkout', '-q', 'other');
  for (let index = 0; index < CHANGED; index += 1) writeFileSync(join(root, `folder-${index * 4}`, 'file-7.txt'), `different on other ${index}\n`);
  git(root, 'commit', '-q', '-am', 'other');
  git(root, 'checkout', '-q', 'main');
  return root;
}

const changedPaths = (round: number) => Array.from({ length: CHANGED }, (_, index) => `folder-${index * 4 + 1}/file-${round % FILES_PER_FOLDER}.txt`);

function change(root: string, round: number): string[] {
  const paths = changedPaths(round);
  for (const path of paths) writeFileSync(join(root, path), `changed in round ${round}\n`);
  return paths;
}

export async function benchGitService(): Promise<BenchRow[]> {
  const cliRoot = makeRepository();
  const ourRoot = makeRepository();
  const repository = GitRepository.open(ourRoot, { watch: true }) as GitRepository;
  try {
    const cold = await timedAsync(() => repository.status());
    const times = { status: [] as number[], cliStatus: [] as number[], commit: [] as number[], cliCommit: [] as number[], switch: [] as number[], cliSwitch: [] as number[] };
    for (let round = 0; round < REPEATS; round += 1) {
      const ours = change(ourRoot, round);
      const theirs = change(cliRoot, round);
      times.status.push(await timedAsync(() => repository.status()));
      times.cliStatus.push(timed(() => git(cliRoot, 'status', '--porcelain')));
      times.commit.push(await timedAsync(async () => {
        await repository.stage(ours);
        await repository.commit(`round ${round}`);
      }));
      times.cliCommit.push(timed(() => {
        git(cliRoot, 'add', ...theirs);
        git(cliRoot, 'commit', '-q', '-m', `round ${round}`);
      }));
      const target = round % 2 === 0 ? 'other' : 'main';
      times.switch.push(await timedAsync(() => repository.switchBranch(target, { carry: false })));
      times.cliSwitch.push(timed(() => git(cliRoot, 'checkout', '-q', target)));
    }
    const row = (benchmark: string, ours: number[], cli: number[]): BenchRow => {
      const ratio = median(ours) / median(cli);
      return { benchmark, anchor: `${ms(median(cli))} (git CLI)`, measured: ms(median(ours)), figure: `ratio ${ratio.toFixed(2)}`, target: `<= ${TARGET_RATIO}`, pass: ratio <= TARGET_RATIO };
    };
    return [
      row('git status, 2,000 files, 10 changed', times.status, times.cliStatus),
      { benchmark: 'git status, first query (cold: scan, hash, watchers)', anchor: '-', measured: ms(cold), figure: ms(cold), target: 'reported', pass: true },
      row('commit of 10 changed files', times.commit, times.cliCommit),
      row('switch to a branch differing in 10 files', times.switch, times.cliSwitch),
    ];
  } finally {
    repository.release();
    rmSync(cliRoot, { recursive: true, force: true });
    rmSync(ourRoot, { recursive: true, force: true });
  }
}
