// What an operation that rewrites files would do to uncommitted work: files it must not
// overwrite (they block it), files it leaves alone (carried over), and staged changes.
import type { DirtyWork, FileChange } from '../../../shared/git/repository-types.js';

export function dirtyWork(files: readonly FileChange[], touched: ReadonlySet<string>): DirtyWork {
  const work: DirtyWork = { carried: [], blocking: [], staged: [] };
  for (const file of files) {
    if (touched.has(file.path)) work.blocking.push(file.path);
    else work.carried.push(file.path);
    if (file.staged !== null) work.staged.push(file.path);
  }
  return work;
}

export function listPaths(paths: readonly string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
}
