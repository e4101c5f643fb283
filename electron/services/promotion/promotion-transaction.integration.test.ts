// The promotion transaction on real repositories, judged by the git CLI: the merge is made in
// memory beside the user's checkout (the same tree git's own merge makes), production moves only
// if nobody moved it, the release tag carries the gate report, and a journal left by a killed
// process is rolled back or finished by what production holds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GateReport } from '../../../shared/journeys/journey-types.js';
import { parseReleaseTagMessage, releaseTagMessage } from '../../../shared/promotion/release-message.js';
import { fsckProblems, gitCli, tempRepository } from '../../testing/git-cli.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { worktreeSnapshot } from '../../testing/worktree-snapshot.js';
import { GitRepository } from '../git/git-repository.js';
import { writeMergeCommit } from '../git/merge-commit.js';
import { RunStore } from '../store/run-store.js';
import { Workspace } from '../workspace/workspace.js';
import { journalPath, readJournal, writeJournal } from './promotion-journal.js';
import type { PromotionJournal } from './promotion-journal.js';
import { recoverPromotion } from './promotion-recovery.js';
import { PromotionStore } from './promotion-store.js';
import { commitPromotion } from './promotion-transaction.js';
import type { CommitResult, PromotionCommit } from './promotion-transaction.js';

const PIPELINE = `version: 1
name: sales
steps:
  ingest:
    run: echo ingest
  report:
    run: echo report
    needs: [ingest]
`;

let workspace: TempWorkspace;
let store: RunStore;
let repository: GitRepository;

afterEach(() => {
  repository?.release();
  store?.close();
  workspace?.remove();
});

const git = (...args: string[]) => gitCli(workspace.root, ...args).trim();

/** main and an experiment that both moved on since they parted; the user is on `exp`. */
function setUp(): Workspace {
  workspace = tempRepository({
    '.gitignore': '.pipewright/\n',
    'pipelines/sales.pipeline.yaml': PIPELINE,
    'notes.txt': 'one\ntwo\n',
    'docs/a.md': 'a\n',
  });
  git('checkout', '-q', '-b', 'exp');
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE.replace('run: echo ingest', 'run: echo ingest v2'));
  workspace.write('steps/new/deep.sh', 'echo deep\n');
  git('rm', '-q', 'docs/a.md');
  git('add', '-A');
  git('commit', '-q', '-m', 'experiment');
  git('checkout', '-q', 'main');
  workspace.write('notes.txt', 'one\ntwo\nthree\n');
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE.replace('run: echo report', 'run: echo report v2'));
  git('commit', '-q', '-am', 'main moves on');
  git('checkout', '-q', 'exp');
  const opened = Workspace.open(workspace.root);
  opened.ensureStateDir();
  store = new RunStore(join(opened.stateDir, 'state.db'));
  repository = GitRepository.open(workspace.root, { watch: false }) as GitRepository;
  return opened;
}

function report(commit: string): GateReport {
  return {
    passed: true,
    branch: 'exp',
    commit,
    environment: 'test',
    runs: { sales: 'run-1' },
    judgedAt: 1,
    conditions: [
      {
        kind: 'tests',
        pipeline: 'sales',
        label: 'no failed error-severity test',
        passed: true,
        observed: '2 tests, none failed',
        required: 'no failed error-severity test',
        step: null,
      },
    ],
  };
}

function input(): PromotionCommit {
  const candidate = git('rev-parse', 'exp');
  return {
    branch: 'exp',
    candidate,
    production: 'main',
    productionAt: git('rev-parse', 'main'),
    report: report(candidate),
  };
}

function promote(opened: Workspace, commit: PromotionCommit = input()): Promise<CommitResult> {
  return repository.exclusive((parts) => commitPromotion(parts, opened.stateDir, new PromotionStore(store), commit));
}

describe('the promotion transaction', () => {
  it('merges beside the checkout into a two-parent commit with the tree git would make, then tags and records it', async () => {
    const opened = setUp();
    const { candidate, productionAt } = input();
    const expectedTree = git('merge-tree', '--write-tree', 'main', 'exp');
    const before = worktreeSnapshot(workspace.root);

    const result = await promote(opened);

    expect(result.result).toBe('promoted');
    const merge = git('rev-parse', 'main');
    expect(git('rev-list', '--parents', '-n1', 'main').split(' ')).toEqual([merge, productionAt, candidate]);
    expect(git('rev-parse', 'main^{tree}')).toBe(expectedTree);
    expect(git('log', '-1', '--format=%s', 'main')).toBe("Merge branch 'exp' into main (release-1)");
    expect(git('rev-parse', 'release-1^{commit}')).toBe(merge);
    expect(git('cat-file', '-t', 'release-1')).toBe('tag');
    const record = parseReleaseTagMessage(
      gitCli(workspace.root, 'for-each-ref', '--format=%(contents)', 'refs/tags/release-1'),
    );
    expect(record).toEqual({ branch: 'exp', production: 'main', report: report(candidate) });
    expect(new PromotionStore(store).attempts()).toMatchObject([
      { branch: 'exp', commit: candidate, outcome: 'promoted', release: 'release-1' },
    ]);
    expect(worktreeSnapshot(workspace.root)).toEqual(before);
    expect(existsSync(journalPath(opened.stateDir))).toBe(false);
    expect(existsSync(join(workspace.root, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('makes a merge commit even where a fast-forward would do, and numbers releases in order', async () => {
    const opened = setUp();
    expect((await promote(opened)).result).toBe('promoted');
    workspace.write('steps/new/deep.sh', 'echo deeper\n');
    git('commit', '-q', '-am', 'more');
    const candidate = git('rev-parse', 'exp');
    const productionAt = git('rev-parse', 'main');
    expect(git('merge-base', 'main', 'exp')).not.toBe(productionAt);

    expect((await promote(opened)).result).toBe('promoted');
    expect(git('rev-list', '--parents', '-n1', 'main').split(' ').slice(1)).toEqual([productionAt, candidate]);
    expect(git('rev-parse', 'release-2^{commit}')).toBe(git('rev-parse', 'main'));
    expect((await promote(opened)).result).toBe('up-to-date');
  });

  it('stops at a conflict with nothing changed, listing the files', async () => {
    const opened = setUp();
    workspace.write('notes.txt', 'one\nTWO\n');
    git('commit', '-q', '-am', 'conflicting edit');
    const main = git('rev-parse', 'main');
    const before = worktreeSnapshot(workspace.root);

    const result = await promote(opened);

    expect(result).toMatchObject({ result: 'conflict', conflicts: ['notes.txt'] });
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');
    expect(worktreeSnapshot(workspace.root)).toEqual(before);
  });

  it('stops when production moved since the gate started', async () => {
    const opened = setUp();
    const asked = input();
    git('checkout', '-q', 'main');
    workspace.write('other.txt', 'x\n');
    git('add', 'other.txt');
    git('commit', '-q', '-m', 'meanwhile');
    const main = git('rev-parse', 'main');

    const result = await promote(opened, asked);

    expect(result.result).toBe('conflict');
    expect(result.message).toContain('main moved while the gate ran');
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');
  });

  it('brings a checked-out production along when its touched files are clean, and refuses when they are not', async () => {
    const opened = setUp();
    git('checkout', '-q', 'main');
    workspace.write('pipelines/sales.pipeline.yaml', 'edited, not committed\n');
    const dirty = worktreeSnapshot(workspace.root);
    const refused = await promote(opened);
    expect(refused).toMatchObject({ result: 'conflict' });
    expect(refused.message).toContain('main is checked out');
    expect(worktreeSnapshot(workspace.root)).toEqual(dirty);

    git('checkout', '-q', '--', 'pipelines/sales.pipeline.yaml');
    workspace.write('scratch.txt', 'untracked, not touched by the merge\n');
    expect((await promote(opened)).result).toBe('promoted');
    expect(gitCli(workspace.root, 'status', '--porcelain')).toBe('?? scratch.txt\n');
    expect(workspace.read('steps/new/deep.sh')).toBe('echo deep\n');
    expect(existsSync(workspace.path('docs/a.md'))).toBe(false);
    expect(fsckProblems(workspace.root)).toBe('');
  });
});

describe('recovering a promotion a killed process left', () => {
  async function journalOnly(opened: Workspace): Promise<PromotionJournal> {
    const { candidate, productionAt } = input();
    const prepared = await repository.exclusive((parts) =>
      writeMergeCommit(
        parts,
        productionAt,
        candidate,
        { ours: 'main', theirs: 'exp' },
        "Merge branch 'exp' into main (release-1)",
      ),
    );
    if (prepared.result !== 'merged') throw new Error('expected a merge');
    const journal: PromotionJournal = {
      version: 1,
      branch: 'exp',
      candidate,
      production: 'main',
      before: productionAt,
      merge: prepared.commit,
      tag: 'release-1',
      tagMessage: releaseTagMessage('release-1', { branch: 'exp', production: 'main', report: report(candidate) }),
      report: report(candidate),
      worktree: null,
      owner: { pid: 999_999, started: 'dead' },
      startedAt: 1,
    };
    writeJournal(opened.stateDir, journal);
    return journal;
  }

  it('rolls back when production never moved, removing a tag made for the merge', async () => {
    const opened = setUp();
    const main = git('rev-parse', 'main');
    const journal = await journalOnly(opened);
    git('tag', 'release-1', journal.merge);
    writeFileLock(journal.merge);

    expect(await recoverPromotion(opened, store)).toMatchObject({ action: 'rolled-back', tag: 'release-1' });
    expect(git('rev-parse', 'main')).toBe(main);
    expect(git('tag')).toBe('');
    expect(existsSync(join(workspace.root, '.git', 'refs', 'heads', 'main.lock'))).toBe(false);
    expect(readJournal(opened.stateDir)).toBeNull();
    expect(new PromotionStore(store).attempts()).toEqual([]);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('finishes when production has the merge: tags it and records the promotion, once', async () => {
    const opened = setUp();
    const journal = await journalOnly(opened);
    git('update-ref', 'refs/heads/main', journal.merge);
    // Killed while writing the tag: git would read the temporary file as a tag of its own.
    workspace.write('.git/refs/tags/release-1.pw-999999-3.tmp', `${journal.merge}\n`);

    expect(await recoverPromotion(opened, store)).toMatchObject({ action: 'finished', tag: 'release-1' });
    expect(git('tag')).toBe('release-1');
    expect(fsckProblems(workspace.root)).toBe('');
    expect(await recoverPromotion(opened, store)).toBeNull();
    expect(git('rev-parse', 'release-1^{commit}')).toBe(journal.merge);
    expect(new PromotionStore(store).attempts()).toMatchObject([{ outcome: 'promoted', release: 'release-1' }]);
    expect(readJournal(opened.stateDir)).toBeNull();
  });

  it('leaves a journal alone while its promotion goes on in a live process', async () => {
    const opened = setUp();
    await journalOnly(opened);
    writeFileLockOwner(opened.stateDir);
    expect(await recoverPromotion(opened, store)).toBeNull();
    expect(readJournal(opened.stateDir)).not.toBeNull();
  });
});

/** A ref lock as a process killed while moving main leaves it: holding the new commit. */
function writeFileLock(commit: string): void {
  workspace.write('.git/refs/heads/main.lock', `${commit}\n`);
}

/** The promotion lock held by this (live) process, as another promotion in it would hold it. */
function writeFileLockOwner(stateDir: string): void {
  const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
  const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
  workspace.write(
    join(stateDir.slice(workspace.root.length + 1), 'promotion.lock'),
    JSON.stringify({ pid: process.pid, started }),
  );
}
