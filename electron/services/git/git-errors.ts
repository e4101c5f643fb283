// What went wrong in git, in words a user can act on. isomorphic-git's errors carry a code;
// the ones people meet are translated here, the rest keep their message.
import { isPlainMap } from '../../../shared/git/plain-data.js';
import { errorCode } from '../../../shared/text/error-message.js';

export type GitErrorCode =
  | 'not-a-repository'
  | 'index-locked'
  | 'index-corrupted'
  | 'invalid-name'
  | 'not-found'
  | 'exists'
  | 'dirty'
  | 'detached'
  | 'merge-in-progress'
  | 'no-merge'
  | 'unresolved'
  | 'nothing-to-commit'
  | 'conflict'
  | 'unsafe-path';

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
    readonly paths: string[] = [],
  ) {
    super(message);
  }
}

/** A GitError for an error thrown by isomorphic-git or the file system, or the error itself. */
export function explainGitError(error: unknown, what: string): Error {
  if (error instanceof GitError || !(error instanceof Error))
    return error instanceof Error ? error : new Error(String(error));
  // isomorphic-git's errors carry a code and the details of what went wrong as `data`.
  const code = errorCode(error);
  const data = 'data' in error && isPlainMap(error.data) ? error.data : undefined;
  if (code === 'NotFoundError')
    return new GitError('not-found', `${what}: ${String(data?.what ?? 'it')} was not found`);
  if (code === 'InvalidRefNameError')
    return new GitError('invalid-name', `${what}: "${String(data?.ref)}" is not a valid name`);
  if (code === 'AlreadyExistsError')
    return new GitError(
      'exists',
      `${what}: ${String(data?.noun ?? 'it')} "${String(data?.where ?? '')}" already exists`,
    );
  if (code === 'UnmergedPathsError')
    return new GitError(
      'unresolved',
      `${what}: resolve the conflicts first (${(Array.isArray(data?.filepaths) ? data.filepaths : []).join(', ')})`,
    );
  if (code === 'InternalError' && /GitIndex|DIRC|checksum/i.test(error.message)) {
    return new GitError(
      'index-corrupted',
      `${what}: the git index (.git/index) is damaged. Your files are safe; run "git reset" to rebuild the index from the last commit (staged changes become unstaged).`,
    );
  }
  return new Error(`${what}: ${error.message}`);
}
