// The content-addressed output store: every file a step reads or writes is kept once, named by
// the sha256 of its content, under .pipewright/objects/. Stored files are read-only and are
// never linked into the workspace: a hard link would share the inode, so a later in-place write
// to the workspace file (by a step, by the user, or by root, who ignores read-only modes) would
// change the stored content under every cache entry that names it. Files go in and come back
// as copy-on-write clones where the file system can (COPYFILE_FICLONE, one shared extent until
// either side writes) and as plain copies where it cannot.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, constants, existsSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import { containedEntry, containedPath } from '../files/contained-path.js';
import type { RunStore } from '../store/run-store.js';
import type { RestorableFile, StepFile } from './output-index.js';
import { OutputIndex } from './output-index.js';

/** Hashes of workspace files as the step cache knows them (FileFingerprints). */
export interface KnownHashes {
  hash(path: string): Promise<string | null>;
}

/** A path the pipeline declares, with the hash the step cache saw for it. */
export interface DeclaredFile {
  path: string;
  hash: string;
}

export class OutputStore {
  readonly objectsDir: string;

  constructor(
    stateDir: string,
    readonly index: OutputIndex,
  ) {
    this.objectsDir = join(stateDir, 'objects');
  }

  objectPath(hash: string): string {
    return join(this.objectsDir, hash.slice(0, 2), hash);
  }

  /**
   * Keeps the declared files (or folders) under `root`; returns the records to write for them
   * (the caller writes them with the rest of its step's records). Null when one of them
   * changed while it was stored or holds a link or special file: what the store cannot give
   * back exactly, it does not claim. `what` names the paths in messages ("output", "input").
   */
  async keep(
    root: string,
    fingerprints: KnownHashes,
    what: string,
    declared: readonly DeclaredFile[],
  ): Promise<Array<Omit<StepFile, 'role'>> | null> {
    const files: Array<Omit<StepFile, 'role'>> = [];
    for (const entry of declared) {
      const { absolute, kind } = containedEntry(root, entry.path, `${what} ${entry.path}`);
      if (kind === 'missing') return null;
      const found =
        kind === 'file'
          ? [{ path: entry.path, absolute, kind: 'file' as const, mode: modeOf(await lstat(absolute)) }]
          : await folderEntries(entry.path, absolute);
      if (found === null) return null;
      for (const file of found) {
        if (file.kind === 'folder') {
          files.push({
            declared: entry.path,
            path: file.path,
            kind: 'folder',
            hash: null,
            size: null,
            mode: file.mode,
          });
          continue;
        }
        const known = kind === 'file' ? entry.hash : await fingerprints.hash(file.path);
        const stored = known === null ? null : await this.storeFile(file.absolute, known);
        if (stored === null) return null;
        files.push({
          declared: entry.path,
          path: file.path,
          kind: 'file',
          hash: stored.hash,
          size: stored.size,
          mode: file.mode,
        });
      }
    }
    return files;
  }

  /**
   * Copies a file whose content hashes to `known` into the store, unless it is there already.
   * Null when the copy hashes otherwise: the file changed since the step cache hashed it.
   */
  private async storeFile(absolute: string, known: string): Promise<{ hash: string; size: number } | null> {
    const target = this.objectPath(known);
    const present = this.index.isStored(known) ? await stat(target).catch(() => null) : null;
    if (present) {
      this.index.markStored(known, present.size);
      return { hash: known, size: present.size };
    }
    await mkdir(this.objectsDir, { recursive: true });
    const temporary = join(this.objectsDir, `.incoming-${randomBytes(6).toString('hex')}`);
    try {
      await copyFile(absolute, temporary, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
      // The copy is what is kept, so the copy is what is checked against its name.
      const copied = await hashFile(temporary);
      if (copied.hash !== known) return null;
      await mkdir(join(this.objectsDir, known.slice(0, 2)), { recursive: true });
      await chmod(temporary, 0o444);
      await rename(temporary, target);
      this.index.markStored(copied.hash, copied.size);
      return copied;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /**
   * Whether every file of these records is in the store, so they can be restored. The object
   * files are only looked up (a metadata read each): a cached step asks this for every output.
   */
  holds(files: readonly RestorableFile[]): boolean {
    return files.every(
      (file) =>
        file.kind !== 'file' ||
        (file.hash !== null && file.storedAt !== null && existsSync(this.objectPath(file.hash))),
    );
  }

  /** The records, checked before anything is written: each inside the workspace and under the path it was declared as. */
  checkedRecords(root: string, files: readonly RestorableFile[]): RestorableFile[] {
    for (const file of files) {
      const declared = normalizeWorkspacePath(file.declared);
      const path = normalizeWorkspacePath(file.path);
      if (declared !== file.declared || path !== file.path || (path !== declared && !path.startsWith(`${declared}/`))) {
        throw new StoreRecordError(
          `the store's record of ${JSON.stringify(file.path)} names a path outside the workspace: refused`,
        );
      }
      // The place itself may be anything (restoring replaces it); the folder it is in must be inside.
      containedPath(root, dirname(declared), `stored ${file.role} ${declared}`);
    }
    return [...files];
  }
}

export class StoreRecordError extends Error {}

/** The output store of a workspace, its records in the workspace's run-state database. */
export function outputStoreOf(stateDir: string, runs: RunStore): OutputStore {
  return new OutputStore(stateDir, new OutputIndex(runs.database));
}

type FolderEntry = { path: string; absolute: string; kind: 'file' | 'folder'; mode: number };

/** The permission bits a restore gives back: never set-id or sticky bits, which a step's output has no need of. */
const modeOf = (info: { mode: number }) => info.mode & 0o777;

/** Every file and folder in a folder (itself included); null when it holds a link or special file. */
async function folderEntries(path: string, absolute: string): Promise<FolderEntry[] | null> {
  const found: FolderEntry[] = [{ path, absolute, kind: 'folder', mode: modeOf(await lstat(absolute)) }];
  for (const entry of await readdir(absolute, { withFileTypes: true })) {
    const childPath = `${path}/${entry.name}`;
    const childAbsolute = join(absolute, entry.name);
    if (entry.isDirectory()) {
      const inner = await folderEntries(childPath, childAbsolute);
      if (inner === null) return null;
      found.push(...inner);
    } else if (entry.isFile()) {
      found.push({ path: childPath, absolute: childAbsolute, kind: 'file', mode: modeOf(await lstat(childAbsolute)) });
    } else {
      return null;
    }
  }
  return found;
}

export function hashFile(path: string): Promise<{ hash: string; size: number }> {
  return new Promise((resolve, reject) => {
    const digest = createHash('sha256');
    let size = 0;
    createReadStream(path)
      .on('data', (chunk) => {
        size += chunk.length;
        digest.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ hash: digest.digest('hex'), size }));
  });
}
