// Content hashes of workspace files and folders, for the step cache. Hashing is the expensive
// part of a cached re-run, so a file's hash is reused while its size, mtime and inode are
// unchanged, except for files modified too close to when they were hashed to trust the mtime.
// A path that leads out of the workspace through a link, or names a FIFO, socket or device
// (reading a FIFO blocks until someone writes to it), is refused with an UnsafePathError;
// inside a folder, links and special files are recorded by name and never followed or opened.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { containedEntry } from './contained-path.js';
import type { RunStore } from '../store/run-store.js';

/** A write within this window of hashing may share the mtime we saw ("racily clean"). */
const RACY_WINDOW_MS = 2000;

export class FileFingerprints {
  /**
   * `keyPrefix` keeps the hashes of a revision checkout's files apart from the working tree's
   * files at the same paths, so runs of both do not make each other hash again.
   */
  constructor(
    private readonly root: string,
    private readonly store: RunStore,
    private readonly keyPrefix = '',
  ) {}

  /** sha256 of a file, or of a folder's names and contents; null when the path does not exist. */
  async hash(workspacePath: string): Promise<string | null> {
    const { absolute, kind } = containedEntry(this.root, workspacePath, workspacePath);
    if (kind === 'missing') return null;
    if (kind === 'folder') return this.hashDirectory(workspacePath, absolute);
    return (await this.hashFile(workspacePath, absolute)) ?? 'other';
  }

  /**
   * A file whose content the output store just wrote from a stored file named by `hash`: its
   * hash is known without reading it. The store gives it an mtime in the past, so a later write
   * moves the mtime away from the one recorded here.
   */
  remember(file: { path: string; hash: string; size: number; mtimeMs: number; inode: number }): void {
    this.store.putFileHash(this.keyPrefix + file.path, {
      size: file.size,
      mtimeMs: file.mtimeMs,
      inode: file.inode,
      hash: file.hash,
      hashedAt: Date.now(),
    });
  }

  /**
   * Whether a file still has the content `expected`, reading it only when its record cannot
   * tell. A record that names another hash for the same size, mtime and inode is believed even
   * within the racy window: acting on that wrong guess is harmless (restoring the expected
   * content over a file that had it all along), while a "matches" is only ever believed outside it.
   */
  async matches(workspacePath: string, expected: string): Promise<boolean> {
    const { absolute, kind } = containedEntry(this.root, workspacePath, workspacePath);
    if (kind === 'missing') return false;
    if (kind === 'folder') return (await this.hashDirectory(workspacePath, absolute)) === expected;
    const info = statSync(absolute, { throwIfNoEntry: false });
    const known = this.store.fileHash(this.keyPrefix + workspacePath);
    if (info && known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.inode === info.ino) {
      if (known.hash !== expected) return false;
      if (known.hashedAt - info.mtimeMs > RACY_WINDOW_MS) return true;
    }
    return (await this.hashFile(workspacePath, absolute)) === expected;
  }

  /** The file's hash, or null when it is no longer a regular file (replaced meanwhile). */
  private async hashFile(workspacePath: string, absolute: string): Promise<string | null> {
    const info = await stat(absolute).catch(() => null);
    if (!info?.isFile()) return null;
    const known = this.store.fileHash(this.keyPrefix + workspacePath);
    if (
      known &&
      known.size === info.size &&
      known.mtimeMs === info.mtimeMs &&
      known.inode === info.ino &&
      known.hashedAt - info.mtimeMs > RACY_WINDOW_MS
    ) {
      return known.hash;
    }
    const hash = await hashStream(absolute);
    this.store.putFileHash(this.keyPrefix + workspacePath, {
      size: info.size,
      mtimeMs: info.mtimeMs,
      inode: info.ino,
      hash,
      hashedAt: Date.now(),
    });
    return hash;
  }

  /** `absolute` is the folder's real path: its entries are read there, links among them never followed. */
  private async hashDirectory(workspacePath: string, absolute: string): Promise<string> {
    const digest = createHash('sha256');
    const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const child = `${workspacePath}/${entry.name}`;
      const path = join(absolute, entry.name);
      const hash = entry.isDirectory()
        ? await this.hashDirectory(child, path)
        : entry.isFile()
          ? await this.hashFile(child, path)
          : 'other';
      digest.update(`${entry.isDirectory() ? 'd' : 'f'} ${entry.name} ${hash ?? 'missing'}\n`);
    }
    return `dir:${digest.digest('hex')}`;
  }
}

function hashStream(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const digest = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => digest.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(digest.digest('hex')));
  });
}
