// The git CLI as the judge of Pipewright's git service in tests: repositories made and
// inspected with the real git, so what Pipewright writes is checked by what git reads.
import { spawnSync } from 'node:child_process';
import type { FileChange } from '../../shared/git/repository-types.js';
import type { TempWorkspace } from './temp-workspace.js';
import { tempWorkspace } from './temp-workspace.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
};

export function gitCli(root: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout;
}

/** `git status --porcelain` with every untracked file listed, one "XY path" per line, sorted. */
export function porcelain(root: string): string[] {
  return gitCli(root, 'status', '--porcelain=v1', '-uall', '--no-renames').split('\n').filter(Boolean).sort();
}

const CODE: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D' };

/** Pipewright's status in the form `porcelain` gives git's, to compare the two. */
export const asPorcelain = (changes: FileChange[]) =>
  changes
    .map((file) =>
      file.conflicted
        ? `UU ${file.path}`
        : file.unstaged === 'untracked'
          ? `?? ${file.path}`
          : `${file.staged ? CODE[file.staged] : ' '}${file.unstaged ? CODE[file.unstaged] : ' '} ${file.path}`,
    )
    .sort();

/** `git fsck --strict` must find nothing wrong: returns its complaints. */
export function fsckProblems(root: string): string {
  const result = spawnSync('git', ['fsck', '--strict', '--no-progress', '--no-dangling'], {
    cwd: root,
    encoding: 'utf8',
  });
  return `${result.status === 0 ? '' : `exit ${String(result.status)} `}${result.stdout}${result.stderr}`.trim();
}

/** A workspace that is a git repository with its files in a first commit on main. */
export function tempRepository(files: Record<string, string>): TempWorkspace {
  const workspace = tempWorkspace(files);
  gitCli(workspace.root, 'init', '-q', '-b', 'main');
  gitCli(workspace.root, 'config', 'user.name', 'Test Author');
  gitCli(workspace.root, 'config', 'user.email', 'author@example.com');
  gitCli(workspace.root, 'add', '-A');
  gitCli(workspace.root, 'commit', '-q', '-m', 'first');
  return workspace;
}
