// The git index (staging area) through isomorphic-git's index manager: read from its cache,
// and changed in batches — one read and one write of the index however many files change,
// under git's index.lock.
import { GitIndexManager } from 'isomorphic-git/managers';
import type { Stats } from 'node:fs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { GitContext } from './git-context.js';
import { withIndexLock } from './git-fs.js';
import { explainGitError } from './git-errors.js';

export interface IndexEntry {
  path: string;
  oid: string;
  mode: number;
  size: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  ino: number;
  flags: { stage: number };
  stages: Array<IndexEntry | undefined>;
}

/** The part of isomorphic-git's GitIndex this module uses. */
interface LibraryIndex {
  entriesMap: Map<string, IndexEntry>;
  unmergedPaths: string[];
  insert(entry: { filepath: string; oid: string; stats?: Stats | undefined; stage?: number }): void;
  delete(entry: { filepath: string }): void;
}

export interface IndexSnapshot {
  entries: ReadonlyMap<string, IndexEntry>;
  unmerged: ReadonlySet<string>;
  /** When the index file was written: entries changed in the same instant cannot be trusted by stat. */
  writtenMs: number;
}

export async function readIndex(context: GitContext): Promise<IndexSnapshot> {
  try {
    // cast: isomorphic-git types acquire's answer as any; it is what the callback returns
    return (await GitIndexManager.acquire(
      { fs: context.managedFs, gitdir: context.gitdir, cache: context.cache },
      (index: LibraryIndex) => {
        const writtenMs = statSync(join(context.gitdir, 'index'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
        return { entries: new Map(index.entriesMap), unmerged: new Set(index.unmergedPaths), writtenMs };
      },
    )) as IndexSnapshot;
  } catch (error) {
    throw explainGitError(error, 'reading the git index');
  }
}

export type IndexChange =
  | { path: string; oid: string; stats: Stats }
  /** An entry with no stat (not in the working tree as is): status will hash the file. */
  | { path: string; oid: string; mode: string }
  | { path: string; remove: true }
  /** A conflicted path: the base, our and their versions (absent sides are null). */
  | { path: string; stages: [string | null, string | null, string | null] };

/** A zero stat: it never matches the file, so status compares content. */
function unknownStat(mode: number): Stats {
  const zero = {
    ctimeSeconds: 0,
    ctimeNanoseconds: 0,
    mtimeSeconds: 0,
    mtimeNanoseconds: 0,
    dev: 0,
    ino: 0,
    uid: 0,
    gid: 0,
    size: 0,
  };
  // cast: the index keeps only these numbers of a Stats (isomorphic-git's normalizeStats reads
  // no more); an entry made here, not read from disk, has no methods to offer
  return { ...zero, mode } as unknown as Stats;
}

/** Applies every change in one write of the index, holding git's index lock. */
export async function updateIndex(context: GitContext, changes: readonly IndexChange[]): Promise<void> {
  if (changes.length === 0) return;
  try {
    await withIndexLock(context.gitdir, context.lock, () =>
      GitIndexManager.acquire(
        { fs: context.managedFs, gitdir: context.gitdir, cache: context.cache },
        (index: LibraryIndex) => {
          for (const change of changes) {
            index.delete({ filepath: change.path });
            if ('remove' in change) continue;
            if ('stages' in change) {
              // Stages go in ascending order: git requires them sorted in the index file.
              change.stages.forEach((oid, position) => {
                if (oid !== null) index.insert({ filepath: change.path, oid, stage: position + 1 });
              });
              continue;
            }
            const stats = 'stats' in change ? change.stats : unknownStat(parseInt(change.mode, 8));
            index.insert({ filepath: change.path, oid: change.oid, stats });
          }
        },
      ),
    );
  } catch (error) {
    throw explainGitError(error, 'updating the git index');
  }
}
