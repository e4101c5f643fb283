// A workspace prepared by an attacker, for the hostile-workspace suites: a folder outside it
// holding a secret, so every escape can be attempted for real and the outside checked
// untouched afterwards (listed with sizes and contents' length before and after).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';

export const SECRET = 'hunter2-do-not-leak';

export interface Outside {
  dir: string;
  /** Every entry below the folder with its type and size, sorted. */
  listing(): string[];
  remove(): void;
}

/** A folder outside any workspace with one secret file in it. */
export function outsideFolder(): Outside {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
  writeFileSync(join(dir, 'secret.csv'), `id,secret\n1,${SECRET}\n`);
  const listing = () =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((name) => {
        const info = lstatSync(join(dir, name));
        return `${info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : 'f'} ${name} ${info.isFile() ? info.size : ''}`;
      });
  return { dir, listing, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A suite's folder outside the workspace, made afresh for each test. */
export interface GuardedOutside {
  readonly dir: string;
  /** Fails the test unless the folder lists as it did before the test (or at rememberListing()). */
  untouched(): void;
  /** Takes the listing untouched() compares with again, once the test has prepared the folder. */
  rememberListing(): void;
}

/**
 * Registers the suite's hooks: before each test a new outside folder, listed; after it the
 * folder removed, with whatever `alsoRemove` takes away (the test's workspace).
 */
export function guardOutside(alsoRemove: () => void): GuardedOutside {
  let outside: Outside;
  let before: string[];
  beforeEach(() => {
    outside = outsideFolder();
    before = outside.listing();
  });
  afterEach(() => {
    alsoRemove();
    outside.remove();
  });
  return {
    get dir() {
      return outside.dir;
    },
    untouched: () => expect(outside.listing()).toEqual(before),
    rememberListing: () => {
      before = outside.listing();
    },
  };
}

export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** The names and contents of the files of .git/hooks, to check that nothing landed there. */
export function hooksOf(root: string): Record<string, string> {
  const dir = join(root, '.git', 'hooks');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return {};
  }
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** An entry of a crafted tree: a file, a symbolic link, or a folder of entries. Names are taken as given. */
export type CraftedEntry =
  { name: string; file: string } | { name: string; link: string } | { name: string; folder: CraftedEntry[] };

function git(root: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    input,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Mallory',
      GIT_AUTHOR_EMAIL: 'm@example.com',
      GIT_COMMITTER_NAME: 'Mallory',
      GIT_COMMITTER_EMAIL: 'm@example.com',
    },
  }).trim();
}

function treeLine(root: string, entry: CraftedEntry): string {
  if ('file' in entry) return `100644 blob ${git(root, ['hash-object', '-w', '--stdin'], entry.file)}\t${entry.name}`;
  if ('link' in entry) return `120000 blob ${git(root, ['hash-object', '-w', '--stdin'], entry.link)}\t${entry.name}`;
  return `040000 tree ${git(root, ['mktree'], `${entry.folder.map((inner) => treeLine(root, inner)).join('\n')}\n`)}\t${entry.name}`;
}

/**
 * A branch `branch` whose one commit (a child of `from`) holds `from`'s tree plus `entries`,
 * made with git plumbing (hash-object, mktree, commit-tree), which writes any name as given:
 * what a crafted branch fetched from someone else can hold.
 */
export function craftBranch(root: string, branch: string, from: string, entries: CraftedEntry[]): string {
  const lines = git(root, ['ls-tree', from]).split('\n').filter(Boolean);
  const tree = git(root, ['mktree'], `${[...lines, ...entries.map((entry) => treeLine(root, entry))].join('\n')}\n`);
  const commit = git(root, ['commit-tree', tree, '-p', from, '-m', `crafted ${branch}`]);
  git(root, ['update-ref', `refs/heads/${branch}`, commit]);
  return commit;
}
